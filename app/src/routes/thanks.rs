//! Shown after a response is stored, with a link to what residents have said so far and what the
//! City is doing about it, once results are published (for this survey if it has its own).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::results::latest_results;
use crate::i18n::use_i18n;

#[component]
pub fn ThanksPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let results = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        latest_results,
    );
    view! {
        <Title text=i18n.t("thanks-title") />
        <div class="thanks">
            <h1>{i18n.t("thanks-title")}</h1>
            <p class="lead">{i18n.t("thanks-body")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    // The results pages are served outside the app's router: a full page load.
                    results.await.ok().flatten().map(|href| view! {
                        <p>
                            <a href=format!("{href}?lang={}", i18n.locale().code()) rel="external">
                                {i18n.t("results-thanks-link")}
                            </a>
                        </p>
                    })
                })}
            </Suspense>
            <p>
                <a href=move || format!("/?lang={}", i18n.locale().code())>{i18n.t("back-to-surveys")}</a>
            </p>
        </div>
    }
}
