//! Security headers on every response, pages and files alike: a Content-Security-Policy whose script
//! nonce is fresh for each request, no framing, no content sniffing, a same-origin referrer, and
//! HSTS when the site is served over HTTPS (`secure_cookies`).
//!
//! The nonce flows one way: [`add`] makes it, puts it in the request's extensions (where the page
//! shell, `app::shell`, hands it to Leptos so every inline `<script>` carries it) and names it in
//! the `Content-Security-Policy` header of the response. A handler that sets one of these headers
//! itself keeps its own value.

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;

/// HSTS for a year, on this host only (other hosts of the City's domain are not ours to pin).
const HSTS: &str = "max-age=31536000";

/// What [`add`] sends beyond the per-request policy.
#[derive(Clone, Copy, Debug)]
pub struct SecurityHeaders {
    /// Send `Strict-Transport-Security`: only when the site is reached over HTTPS, which is what
    /// `secure_cookies` already promises.
    pub hsts: bool,
}

impl SecurityHeaders {
    pub fn new(secure_cookies: bool) -> SecurityHeaders {
        SecurityHeaders {
            hsts: secure_cookies,
        }
    }
}

/// The Content-Security-Policy of a response whose inline scripts carry `nonce`.
///
/// Scripts: the site's own files (the wasm glue and the lazy route chunks, loaded with `import()`)
/// and inline scripts with this request's nonce (the hydration bootstrap); `'wasm-unsafe-eval'`
/// lets the browser compile the WebAssembly. No `'unsafe-inline'` anywhere: the app sets no
/// `style` attributes, so styles come from the site's stylesheet only.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; \
         img-src 'self' data:; \
         font-src 'self'; \
         connect-src 'self'; \
         object-src 'none'; \
         base-uri 'self'; \
         form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Middleware: a fresh nonce in the request, the headers on the response.
pub async fn add(
    State(settings): State<SecurityHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    // `Nonce::new` draws 128 random bits (leptos_axum always builds Leptos with `nonce`).
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        keep_or_set(headers, CONTENT_SECURITY_POLICY, policy);
    }
    keep_or_set(headers, X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    keep_or_set(
        headers,
        X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Invitation tokens and note IDs sit in URLs: other sites learn nothing of where a visitor was.
    keep_or_set(
        headers,
        REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if settings.hsts {
        keep_or_set(
            headers,
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}

fn keep_or_set(headers: &mut HeaderMap, name: HeaderName, value: HeaderValue) {
    headers.entry(name).or_insert(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_nonce_and_allows_no_inline_code() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("object-src 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(
            HeaderValue::from_str(&policy).is_ok(),
            "a valid header value"
        );
    }
}
