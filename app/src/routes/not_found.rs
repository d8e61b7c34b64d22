//! The page for an unknown address.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=i18n.t("not-found-title") />
        <h1>{i18n.t("not-found-title")}</h1>
        <p>{i18n.t("not-found-body")}</p>
        <p>
            <a href=move || format!("/?lang={}", i18n.locale().code())>{i18n.t("back-to-surveys")}</a>
        </p>
    }
}
