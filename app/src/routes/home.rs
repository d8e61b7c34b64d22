//! The list of open surveys for residents.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::surveys::list_open_surveys;
use crate::i18n::{FluentArg, use_i18n};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let surveys = Resource::new(move || i18n.locale(), list_open_surveys);
    view! {
        <Title text=i18n.t("home-title") />
        <h1>{i18n.t("home-title")}</h1>
        <p class="lead">{i18n.t("home-intro")}</p>
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match surveys.await {
                    Ok(list) if list.is_empty() => view! { <p>{i18n.t("home-none-open")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="survey-list">
                            {list
                                .into_iter()
                                .map(|s| {
                                    let href = format!("/surveys/{}?lang={}", s.slug, i18n.locale().code());
                                    let count = i18n.locale().tr_args("home-question-count", &[("count", FluentArg::Num(s.questions as i64))]);
                                    view! {
                                        <li class="card">
                                            <h2 lang=s.title_in_english.then_some("en")><a href=href>{s.title}</a></h2>
                                            <p lang=s.intro_in_english.then_some("en")>{s.intro}</p>
                                            <p class="meta">{count}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(_) => view! { <p class="form-error" role="alert">{i18n.t("error-unavailable")}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
