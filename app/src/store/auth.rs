//! The signed-in viewer, as server functions and pages see it. The server crate's auth middleware
//! resolves the session before any page or server function runs and leaves the results in the
//! request's extensions: the [`Viewer`] (when signed in), the session's [`CsrfToken`] and a
//! [`Flash`] message taken from the session.

use http::request::Parts;
use leptos::prelude::use_context;

use crate::models::AppError;
use crate::models::staff::{Flash, PageContext, Role, Viewer};

/// The session's token for state-changing forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsrfToken(pub String);

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The signed-in viewer, if any.
pub fn viewer() -> Option<Viewer> {
    parts().and_then(|p| p.extensions.get::<Viewer>().cloned())
}

/// The viewer, if they hold one of `roles`; otherwise why not.
pub fn require(roles: &[Role]) -> Result<Viewer, AppError> {
    match viewer() {
        None => Err(AppError::SignInRequired),
        Some(v) if v.is(roles) => Ok(v),
        Some(v) => {
            tracing::warn!(user = v.id, role = v.role.as_str(), "refused: wrong role");
            Err(AppError::Forbidden)
        }
    }
}

/// Viewer, form token and flash message for a page.
pub fn page_context() -> PageContext {
    let parts = parts();
    let ext = parts.as_ref().map(|p| &p.extensions);
    PageContext {
        viewer: ext.and_then(|e| e.get::<Viewer>().cloned()),
        csrf: ext
            .and_then(|e| e.get::<CsrfToken>())
            .map(|t| t.0.clone())
            .unwrap_or_default(),
        flash: ext.and_then(|e| e.get::<Flash>().cloned()),
    }
}
