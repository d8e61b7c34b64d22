//! Shown after a response is stored.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

#[component]
pub fn ThanksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("thanks-title") />
        <div class="thanks">
            <h1>{i18n.t("thanks-title")}</h1>
            <p class="lead">{i18n.t("thanks-body")}</p>
            <p>
                <a href=move || format!("/?lang={}", i18n.locale().code())>{i18n.t("back-to-surveys")}</a>
            </p>
        </div>
    }
}
