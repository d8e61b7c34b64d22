//! A question's form in the survey editor (administrators), to add a question or change one. Works
//! without JavaScript: fields that only some kinds use are grouped, and hidden by CSS where the
//! browser can tell which kind is chosen.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::survey_editor::question_page;
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, RevisionField, StaffNav, StaffPage, loading,
};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::staff::Typed;
use crate::models::survey_edit::{KINDS, MAX_TEXT, QuestionPageData};

/// A question kind's name in the staff pages' language (`name` is the English of [`KINDS`]).
fn kind_name(l: Locale, code: &str, name: &'static str) -> String {
    let key = match code {
        "single_choice" => "staff-kind-single-choice",
        "multiple_choice" => "staff-kind-multiple-choice",
        "rating" => "staff-kind-rating",
        "short_text" => "staff-kind-short-text",
        "long_text" => "staff-kind-long-text",
        "number" => "staff-kind-number",
        "zip" => "staff-kind-zip",
        "council_district" => "staff-kind-council-district",
        "language" => "staff-kind-language",
        _ => return name.to_owned(),
    };
    l.tr(key)
}

#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let args = move || params.with(|p| (p.get("slug").unwrap_or_default(), p.get("key")));
    let data = Resource::new(args, |(slug, key)| question_page(slug, key));
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-question-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <p><a href=format!("/staff/admin/surveys/{}", page.slug)>{format!("← {}", page.title)}</a></p>
                        <h1>{match &page.key {
                            Some(key) => l.tr_args("staff-editor-change-question", &[("key", FluentArg::Str(key.clone()))]),
                            None => l.tr("staff-editor-add-question"),
                        }}</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        <QuestionForm page typed=Typed::from(&ctx.flash) csrf=ctx.csrf.clone() />
                    }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

#[component]
fn QuestionForm(page: QuestionPageData, typed: Typed, csrf: String) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let input = page.input.clone();
    let base = format!("/staff/admin/surveys/{}", page.slug);
    let action = match &page.key {
        Some(key) => format!("{base}/questions/{key}"),
        None => format!("{base}/questions"),
    };
    let kind = typed.value("kind", &input.kind);
    let after = typed.value("after", &input.after);
    let required = typed.checked("required", input.required);
    let (for_value, for_invalid) = (typed.clone(), typed);
    let v = move |name: &str, stored: &str| for_value.value(name, stored);
    let inv = move |id: &str| for_invalid.invalid(id);
    view! {
        {(!page.notes.is_empty()).then(|| view! {
            <p>{page.notes.join("; ")}". "{l.tr("staff-question-notes")}" "<a href=format!("{base}/definition")>{l.tr("staff-question-json")}</a>"."</p>
        })}
        <form method="post" action=action class="stack-form question-form">
            <CsrfField token=csrf />
            <RevisionField revision=page.revision.clone() />
            {match &page.key {
                Some(key) => view! { <p>{l.tr("staff-question-key")}": "<code>{key.clone()}</code>" "{l.tr("staff-question-key-fixed")}</p> }.into_any(),
                None => view! {
                    <label for="question-key">{l.tr("staff-question-key")}</label>
                    <p class="meta" id="question-key-hint">{l.tr("staff-question-key-hint")}</p>
                    <input type="text" id="question-key" name="key" required maxlength="40" aria-describedby="question-key-hint" value=v("key", "") aria-invalid=inv("question-key") />
                    <label for="question-after">{l.tr("staff-question-place")}</label>
                    <select id="question-after" name="after" aria-invalid=inv("question-after")>
                        <option value="" selected=after.is_empty()>{l.tr("staff-question-first")}</option>
                        {page.questions.iter().map(|(k, prompt)| view! {
                            <option value=k.clone() selected=*k == after>{l.tr_args("staff-question-after", &[("key", FluentArg::Str(k.clone())), ("prompt", FluentArg::Str(prompt.clone()))])}</option>
                        }).collect_view()}
                    </select>
                }.into_any(),
            }}
            <label for="question-kind">{l.tr("staff-question-kind")}</label>
            <select id="question-kind" name="kind" aria-invalid=inv("question-kind")>
                {KINDS.into_iter().map(|(code, name)| view! {
                    <option value=code selected=code == kind>{kind_name(l, code, name)}</option>
                }).collect_view()}
            </select>
            <label for="question-prompt">{l.tr("staff-question-prompt")}</label>
            <textarea id="question-prompt" name="prompt" required rows="2" maxlength=MAX_TEXT.to_string() aria-invalid=inv("question-prompt")>{v("prompt", &input.prompt)}</textarea>
            <label for="question-help">{l.tr("staff-question-help")}</label>
            <textarea id="question-help" name="help" rows="2" maxlength=MAX_TEXT.to_string() aria-invalid=inv("question-help")>{v("help", &input.help)}</textarea>
            <div class="choice">
                <input type="checkbox" id="question-required" name="required" checked=required />
                <label for="question-required">{l.tr("staff-question-required")}</label>
            </div>
            <fieldset class="for-options">
                <legend>{l.tr("staff-question-options-legend")}</legend>
                <label for="question-options">{l.tr("staff-question-options")}</label>
                <p class="meta" id="question-options-hint">{l.tr("staff-question-options-hint")}</p>
                <textarea id="question-options" name="options" rows="6" aria-describedby="question-options-hint" aria-invalid=inv("question-options")>{v("options", &input.options)}</textarea>
            </fieldset>
            <fieldset class="for-length">
                <legend>{l.tr("staff-question-length")}</legend>
                <label for="question-max-chars">{l.tr("staff-question-max-chars")}</label>
                <input type="number" id="question-max-chars" name="max_chars" min="1" max="10000" class="short" value=v("max_chars", &input.max_chars) aria-invalid=inv("question-max-chars") />
            </fieldset>
            <fieldset class="for-range">
                <legend>{l.tr("staff-question-range")}</legend>
                <label for="question-min">{l.tr("staff-question-min")}</label>
                <input type="number" id="question-min" name="min" class="short" value=v("min", &input.min) aria-invalid=inv("question-min") />
                <label for="question-max">{l.tr("staff-question-max")}</label>
                <input type="number" id="question-max" name="max" class="short" value=v("max", &input.max) aria-invalid=inv("question-max") />
            </fieldset>
            <fieldset class="for-rating">
                <legend>{l.tr("staff-question-labels")}</legend>
                <label for="question-low">{l.tr("staff-question-low")}</label>
                <input type="text" id="question-low" name="low" maxlength=MAX_TEXT.to_string() value=v("low", &input.low) aria-invalid=inv("question-low") />
                <label for="question-high">{l.tr("staff-question-high")}</label>
                <input type="text" id="question-high" name="high" maxlength=MAX_TEXT.to_string() value=v("high", &input.high) aria-invalid=inv("question-high") />
            </fieldset>
            <button type="submit" class="primary">{l.tr(if page.key.is_some() { "staff-question-save" } else { "staff-question-add" })}</button>
        </form>
    }
}
