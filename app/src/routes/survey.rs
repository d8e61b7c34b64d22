//! Taking a survey. The form posts plainly to `/surveys/:slug` (handled in the server crate), which
//! stores the response and redirects to the thank-you page, or renders this page again with every
//! answer and the errors (`PostedSubmission` in the context). Once hydrated, the same validation runs
//! in the browser before posting, and branching questions hide until they apply.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::surveys::get_survey;
use crate::components::error_summary::ErrorSummary;
use crate::components::question::QuestionField;
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::answers::is_visible;
use crate::models::links::INVITE_FIELD;
use crate::models::{AppError, FieldErrors, PostedSubmission, RawAnswers, SurveyForm};

/// Names of the form's own fields; question keys never start with `_`.
pub mod fields {
    pub const VERSION: &str = "_version";
    pub const TOKEN: &str = "_token";
    pub const LANG: &str = "_lang";
    pub const HONEYPOT: &str = "_website";
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    // On the server, a rejected POST renders this page with what was posted; it travels to the
    // browser inside the resource, so hydration sees the same answers and errors.
    let posted = use_context::<PostedSubmission>();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("slug").unwrap_or_default()),
                i18n.locale(),
                query.with(|q| q.get("invite")),
            )
        },
        move |(slug, locale, invite)| {
            let posted = posted.clone();
            async move {
                get_survey(slug, locale, invite)
                    .await
                    .map(|form| (form, posted))
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((form, _)) if form.invite_problem.is_some() => {
                        let problem = form.invite_problem.map(|p| p.message(form.locale));
                        view! {
                            <Title text=form.title.clone() />
                            <h1 lang=form.title_in_english.then_some("en")>{form.title}</h1>
                            <p class="notice" role="alert">{problem}</p>
                        }
                        .into_any()
                    }
                    Ok((form, posted)) if !form.open => {
                        // A submission that arrived after closing says so, above the notice.
                        let late = posted.and_then(|p| p.form_error).map(|e| e.message(form.locale));
                        view! {
                            <Title text=form.title.clone() />
                            <h1 lang=form.title_in_english.then_some("en")>{form.title}</h1>
                            {late.map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
                            <p class="notice">{i18n.t("survey-closed")}</p>
                        }
                        .into_any()
                    }
                    Ok((form, posted)) => view! { <SurveyFormView form posted=posted.unwrap_or_default() /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::routes::NotFound /> }.into_any(),
                    Err(_) => view! { <p class="form-error" role="alert">{i18n.t("error-unavailable")}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SurveyFormView(form: SurveyForm, posted: PostedSubmission) -> impl IntoView {
    let i18n = use_i18n();
    let errors = RwSignal::new(posted.field_errors.clone());
    let form_error = RwSignal::new(posted.form_error);
    let answers = RwSignal::new(posted.values.clone());
    let submitting = RwSignal::new(false);
    // Branching hides questions only once the page is interactive; the server shows them all.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    let questions = StoredValue::new(form.questions.clone());

    let on_change = move |_| {
        if let Some(raw) = read_form(form_ref, &questions.get_value()) {
            answers.set(raw);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(raw) = read_form(form_ref, &questions.get_value()) else {
            return;
        };
        if submitting.get_untracked() {
            ev.prevent_default();
            return;
        }
        match crate::models::validate(&questions.get_value(), &raw) {
            Ok(_) => {
                errors.set(FieldErrors::new());
                form_error.set(None);
                submitting.set(true);
            }
            Err(found) => {
                ev.prevent_default();
                errors.set(found);
                form_error.set(None);
                // Focus once the summary is shown (after this update reaches the DOM).
                request_animation_frame(move || {
                    if let Some(summary) = summary_ref.get_untracked() {
                        let _ = summary.focus();
                    }
                });
            }
        }
    };

    let count = form.questions.len();
    let action = format!("/surveys/{}", form.slug);
    let intro_count = i18n.locale().tr_args(
        "survey-question-count",
        &[("count", FluentArg::Num(count as i64))],
    );
    let fields = form
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let key = q.key.clone();
            let error = Signal::derive({
                let key = key.clone();
                move || errors.with(|e| e.get(&key).copied())
            });
            let visible = Signal::derive({
                let q = q.clone();
                move || !hydrated.get() || answers.with(|a| is_visible(&q, a))
            });
            let condition_note = q.show_if.as_ref().map(|cond| condition_note(&form, cond, i18n.locale()));
            let initial = posted.values.get(&key).cloned().unwrap_or_default();
            view! {
                <QuestionField question=q.clone() number=i + 1 initial error visible condition_note />
            }
        })
        .collect_view();

    let english = |yes: bool| yes.then_some("en");
    view! {
        <Title text=form.title.clone() />
        <h1 lang=english(form.title_in_english)>{form.title.clone()}</h1>
        {form.partly_english().then(|| view! { <p class="notice" role="note">{i18n.t("survey-partly-english")}</p> })}
        <p class="lead" lang=english(form.intro_in_english)>{form.intro.clone()}</p>
        <p class="meta">{intro_count}</p>
        // The printable form is a page of the server's own (not a route of this app).
        <p class="meta">
            <a href=format!("/surveys/{}/print?lang={}", form.slug, form.locale.code()) rel="external">{i18n.t("print-link")}</a>
        </p>
        {form.preview.then(|| view! { <p class="notice" role="note">{i18n.t("survey-preview")}</p> })}
        {form.invite.as_ref().map(|invite| view! {
            <p class="notice">{i18n.locale().tr_args("invite-for", &[("organization", FluentArg::Str(invite.organization.clone()))])}</p>
        })}
        <form
            method="post"
            action=action
            novalidate
            class="survey-form"
            node_ref=form_ref
            on:change=on_change
            on:submit=on_submit
        >
            <ErrorSummary questions=form.questions.clone() errors form_error node_ref=summary_ref />
            <input type="hidden" name=fields::VERSION value=form.version_id.to_string() />
            <input type="hidden" name=fields::TOKEN value=form.submission_token.clone() />
            <input type="hidden" name=fields::LANG value=form.locale.code() />
            {form.invite.as_ref().map(|invite| view! {
                <input type="hidden" name=INVITE_FIELD value=invite.token.clone() />
            })}
            <div class="hp" aria-hidden="true">
                <label for="hp-website">{i18n.t("honeypot-label")}</label>
                <input type="text" id="hp-website" name=fields::HONEYPOT tabindex="-1" autocomplete="off" />
            </div>
            {fields}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || submitting.get() aria-busy=move || submitting.get().then_some("true")>
                    {move || if submitting.get() { i18n.locale().tr("survey-sending") } else { i18n.locale().tr("survey-submit") }}
                </button>
            </div>
        </form>
    }
}

/// "Answer this only if you answered … to question N."
fn condition_note(
    form: &SurveyForm,
    cond: &crate::models::survey::ShowIf,
    locale: Locale,
) -> String {
    let position = form.questions.iter().position(|q| q.key == cond.question);
    let labels: Vec<String> = position
        .and_then(|i| form.questions[i].kind.options().map(|opts| (i, opts)))
        .map(|(_, opts)| {
            cond.any_of
                .iter()
                .map(|v| {
                    opts.iter()
                        .find(|o| &o.value == v)
                        .map(|o| o.label.clone())
                        .unwrap_or_else(|| v.clone())
                })
                .collect()
        })
        .unwrap_or_else(|| cond.any_of.clone());
    locale.tr_args(
        "question-condition",
        &[
            (
                "number",
                FluentArg::Num(position.map_or(0, |i| i as i64 + 1)),
            ),
            ("answers", FluentArg::Str(labels.join(" / "))),
        ],
    )
}

/// The form's current answers, read from the DOM (browser only).
fn read_form(
    form_ref: NodeRef<leptos::html::Form>,
    questions: &[crate::models::Question],
) -> Option<RawAnswers> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = form_ref.get_untracked()?;
        let form: &web_sys::HtmlFormElement = form.unchecked_ref();
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let mut raw = RawAnswers::new();
        for q in questions {
            let values: Vec<String> = data
                .get_all(&q.key)
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            if !values.is_empty() {
                raw.insert(q.key.clone(), values);
            }
        }
        Some(raw)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (form_ref, questions);
        None
    }
}
