//! A question's form in the survey editor (administrators), to add a question or change one. Works
//! without JavaScript: fields that only some kinds use are grouped, and hidden by CSS where the
//! browser can tell which kind is chosen.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::survey_editor::question_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, RevisionField, StaffNav};
use crate::models::staff::Typed;
use crate::models::survey_edit::{KINDS, MAX_TEXT, QuestionPageData};

#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let args = move || params.with(|p| (p.get("slug").unwrap_or_default(), p.get("key")));
    let data = Resource::new(args, |(slug, key)| question_page(slug, key));
    view! {
        <Title text="Survey question" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <p><a href=format!("/staff/admin/surveys/{}", page.slug)>{format!("← {}", page.title)}</a></p>
                        <h1>{match &page.key {
                            Some(key) => format!("Change question {key}"),
                            None => "Add a question".to_owned(),
                        }}</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        <QuestionForm page typed=Typed::from(&ctx.flash) csrf=ctx.csrf.clone() />
                    }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QuestionForm(page: QuestionPageData, typed: Typed, csrf: String) -> impl IntoView {
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
            <p>{page.notes.join("; ")}". These stay as they are; change them in "<a href=format!("{base}/definition")>"the JSON definition"</a>"."</p>
        })}
        <form method="post" action=action class="stack-form question-form">
            <CsrfField token=csrf />
            <RevisionField revision=page.revision.clone() />
            {match &page.key {
                Some(key) => view! { <p>"Key: "<code>{key.clone()}</code>" (answers are stored under it, so it does not change)"</p> }.into_any(),
                None => view! {
                    <label for="question-key">"Key"</label>
                    <p class="meta" id="question-key-hint">"Answers are stored under it: a-z, 0-9 and _, like top_need. It cannot change later."</p>
                    <input type="text" id="question-key" name="key" required maxlength="40" aria-describedby="question-key-hint" value=v("key", "") aria-invalid=inv("question-key") />
                    <label for="question-after">"Place"</label>
                    <select id="question-after" name="after" aria-invalid=inv("question-after")>
                        <option value="" selected=after.is_empty()>"First"</option>
                        {page.questions.iter().map(|(k, prompt)| view! {
                            <option value=k.clone() selected=*k == after>{format!("After {k}: {prompt}")}</option>
                        }).collect_view()}
                    </select>
                }.into_any(),
            }}
            <label for="question-kind">"Kind"</label>
            <select id="question-kind" name="kind" aria-invalid=inv("question-kind")>
                {KINDS.into_iter().map(|(code, name)| view! {
                    <option value=code selected=code == kind>{name}</option>
                }).collect_view()}
            </select>
            <label for="question-prompt">"Question (English)"</label>
            <textarea id="question-prompt" name="prompt" required rows="2" maxlength=MAX_TEXT.to_string() aria-invalid=inv("question-prompt")>{v("prompt", &input.prompt)}</textarea>
            <label for="question-help">"Help text (English, optional)"</label>
            <textarea id="question-help" name="help" rows="2" maxlength=MAX_TEXT.to_string() aria-invalid=inv("question-help")>{v("help", &input.help)}</textarea>
            <div class="choice">
                <input type="checkbox" id="question-required" name="required" checked=required />
                <label for="question-required">"An answer is required"</label>
            </div>
            <fieldset class="for-options">
                <legend>"Options (one choice, several choices, language)"</legend>
                <label for="question-options">"Options, one per line"</label>
                <p class="meta" id="question-options-hint">"One per line: “value | label”, or just the label. The value is what is stored; keep it when you reword the label."</p>
                <textarea id="question-options" name="options" rows="6" aria-describedby="question-options-hint" aria-invalid=inv("question-options")>{v("options", &input.options)}</textarea>
            </fieldset>
            <fieldset class="for-length">
                <legend>"Length (text)"</legend>
                <label for="question-max-chars">"Longest answer, in characters"</label>
                <input type="number" id="question-max-chars" name="max_chars" min="1" max="10000" class="short" value=v("max_chars", &input.max_chars) aria-invalid=inv("question-max-chars") />
            </fieldset>
            <fieldset class="for-range">
                <legend>"Range (number)"</legend>
                <label for="question-min">"Smallest"</label>
                <input type="number" id="question-min" name="min" class="short" value=v("min", &input.min) aria-invalid=inv("question-min") />
                <label for="question-max">"Largest"</label>
                <input type="number" id="question-max" name="max" class="short" value=v("max", &input.max) aria-invalid=inv("question-max") />
            </fieldset>
            <fieldset class="for-rating">
                <legend>"Labels (rating)"</legend>
                <label for="question-low">"What 1 means (English)"</label>
                <input type="text" id="question-low" name="low" maxlength=MAX_TEXT.to_string() value=v("low", &input.low) aria-invalid=inv("question-low") />
                <label for="question-high">"What 5 means (English)"</label>
                <input type="text" id="question-high" name="high" maxlength=MAX_TEXT.to_string() value=v("high", &input.high) aria-invalid=inv("question-high") />
            </fieldset>
            <button type="submit" class="primary">{if page.key.is_some() { "Save the question" } else { "Add the question" }}</button>
        </form>
    }
}
