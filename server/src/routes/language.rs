//! Remembers a resident's language choice: a `?lang=xx` on any page sets the `ns_lang` cookie, so the
//! next page (or a page opened without the parameter) stays in that language.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::SET_COOKIE;
use axum::middleware::Next;
use axum::response::Response;

use app::i18n::{LANG_COOKIE, Locale};

pub async fn remember_language(request: Request, next: Next) -> Response {
    let chosen = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("lang=")))
        .and_then(Locale::from_code);
    let mut response = next.run(request).await;
    if let Some(locale) = chosen {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            locale.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}
