//! Pieces every staff page shares: the staff navigation with sign-out, the one-time flash message,
//! the hidden CSRF field and the message for a refused or failed page.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::{ADMINS, CSRF_FIELD, Flash, STAFF, Viewer};

/// The hidden form token of every state-changing staff form.
#[component]
pub fn CsrfField(token: String) -> impl IntoView {
    view! { <input type="hidden" name=CSRF_FIELD value=token /> }
}

/// The revision of the survey definition a survey-editor form was made from.
#[component]
pub fn RevisionField(revision: String) -> impl IntoView {
    view! { <input type="hidden" name=crate::models::survey_edit::REVISION_FIELD value=revision /> }
}

/// A confirmation (polite status) or a problem (alert), shown once after a form post.
#[component]
pub fn FlashMessage(flash: Option<Flash>) -> impl IntoView {
    flash.map(|f| {
        if f.error {
            view! { <p class="form-error flash" role="alert">{f.message}</p> }.into_any()
        } else {
            view! { <p class="notice flash" role="status">{f.message}</p> }.into_any()
        }
    })
}

/// Links for the viewer's role and the sign-out button.
#[component]
pub fn StaffNav(viewer: Option<Viewer>, csrf: String) -> impl IntoView {
    viewer.map(|v| {
        let staff = v.is(STAFF);
        let admin = v.is(ADMINS);
        view! {
            <nav class="staff-nav" aria-label="Staff">
                <ul>
                    {staff.then(|| view! {
                        <li><a href="/staff">"Overview"</a></li>
                        <li><a href="/staff/dashboard">"Dashboard"</a></li>
                        <li><a href="/staff/runs">"Analysis runs"</a></li>
                        <li><a href="/staff/compare">"Compare runs"</a></li>
                        <li><a href="/staff/actions">"Actions"</a></li>
                        <li><a href="/staff/publications">"Published results"</a></li>
                        <li><a href="/staff/notes">"All interview notes"</a></li>
                        <li><a href="/staff/links">"Invitation links"</a></li>
                        <li><a href="/staff/reports">"311 reports"</a></li>
                    })}
                    {admin.then(|| view! {
                        <li><a href="/staff/admin/surveys">"Surveys"</a></li>
                        <li><a href="/staff/admin/strategy">"Strategy"</a></li>
                        <li><a href="/staff/admin/users">"Users"</a></li>
                        <li><a href="/staff/admin/weighting">"Weighting"</a></li>
                        <li><a href="/staff/admin/audit">"Audit log"</a></li>
                    })}
                    <li><a href="/notes">"Your interview notes"</a></li>
                    <li><a href="/account">"Account"</a></li>
                </ul>
                <form method="post" action="/logout" class="inline-form">
                    <CsrfField token=csrf />
                    <span class="meta">{format!("{} ({})", v.name, v.role.as_str())}</span>
                    " "
                    <button type="submit" class="link-button">"Sign out"</button>
                </form>
            </nav>
        }
    })
}

/// What a staff page shows when its data could not be loaded.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    let message = match error {
        AppError::SignInRequired => "Sign in to see this page.",
        AppError::Forbidden => "Your role does not allow you to see this page.",
        AppError::NotFound => "There is nothing here.",
        _ => "The service is unavailable, please try again shortly.",
    };
    view! {
        <p class="form-error" role="alert">{message}</p>
        <p><a href="/login">"Sign in"</a></p>
    }
}
