//! The list of problems at the top of a rejected form, each linking to its field.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::models::{FieldErrors, FormError, Question};

#[component]
pub fn ErrorSummary(
    questions: Vec<Question>,
    errors: RwSignal<FieldErrors>,
    form_error: RwSignal<Option<FormError>>,
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_problems = move || !errors.with(|e| e.is_empty()) || form_error.with(Option::is_some);
    view! {
        <div
            class="error-summary"
            role="alert"
            tabindex="-1"
            node_ref=node_ref
            hidden=move || !has_problems()
            aria-labelledby="error-summary-title"
        >
            <h2 id="error-summary-title">{i18n.t("error-summary-title")}</h2>
            {move || form_error.get().map(|e| view! { <p class="form-error">{e.message(i18n.locale())}</p> })}
            <ul>
                {move || {
                    let locale = i18n.locale();
                    errors.with(|errors| {
                        questions
                            .iter()
                            .filter_map(|q| {
                                errors.get(&q.key).map(|e| {
                                    let href = format!("#q-{}", q.key);
                                    view! {
                                        <li>
                                            <a href=href>{format!("{}: {}", q.prompt, e.message(locale))}</a>
                                        </li>
                                    }
                                })
                            })
                            .collect_view()
                    })
                }}
            </ul>
        </div>
    }
}
