//! One survey question as an accessible form control: a labelled input, or a fieldset with a legend
//! for groups; help, "why we ask" and the error linked through `aria-describedby`.

use leptos::prelude::*;

use crate::i18n::{FluentArg, use_i18n};
use crate::models::{Choice, FieldError, Kind, Question};

/// The element ids that belong to a question.
struct Ids {
    control: String,
    help: String,
    why: String,
    error: String,
}

impl Ids {
    fn new(key: &str) -> Ids {
        Ids {
            control: format!("q-{key}"),
            help: format!("q-{key}-help"),
            why: format!("q-{key}-why"),
            error: format!("q-{key}-error"),
        }
    }
}

#[component]
pub fn QuestionField(
    question: Question,
    number: usize,
    /// Values to show (those posted with a rejected submission), else empty.
    initial: Vec<String>,
    error: Signal<Option<FieldError>>,
    /// False while branching hides this question (only once hydrated: without JavaScript every
    /// question shows, with a note saying when to answer it).
    visible: Signal<bool>,
    /// Text of the note for conditional questions.
    condition_note: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ids = Ids::new(&question.key);
    let has_help = question.help.is_some();
    let has_why = question.why.is_some();
    let error_id = ids.error.clone();
    let describedby = {
        let (help, why, error_id) = (ids.help.clone(), ids.why.clone(), ids.error.clone());
        move || {
            let mut parts = Vec::new();
            if has_help {
                parts.push(help.clone());
            }
            if has_why {
                parts.push(why.clone());
            }
            if error.get().is_some() {
                parts.push(error_id.clone());
            }
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let required = question.required;
    let prompt = view! {
        <span class="q-number">{format!("{number}. ")}</span>
        <span class="q-prompt" lang=question.lang_of("prompt")>{question.prompt.clone()}</span>
        {required.then(|| view! { <span class="q-required">{format!(" ({})", i18n.locale().tr("question-required"))}</span> })}
    };
    let notes = view! {
        {condition_note.map(|note| view! { <p class="q-condition">{note}</p> })}
        {question.help.clone().map(|help| view! { <p class="q-help" id=ids.help.clone() lang=question.lang_of("help")>{help}</p> })}
        {question.why.clone().map(|why| {
            view! {
                <p class="q-why" id=ids.why.clone()>
                    <strong>{i18n.t("why-we-ask")}</strong>
                    " "
                    <span lang=question.lang_of("why")>{why}</span>
                </p>
            }
        })}
        <p class="q-error" id=error_id hidden=move || error.get().is_none()>
            {move || error.get().map(|e| e.message(i18n.locale()))}
        </p>
    };
    let name = question.key.clone();
    let first = initial.first().cloned().unwrap_or_default();
    let control = match question.kind.clone() {
        Kind::SingleChoice { options } | Kind::CouncilDistrict { options } | Kind::Language { options } => {
            choice_group(&ids.control, &name, "radio", options, &initial, &question).into_any()
        }
        Kind::MultipleChoice { options } => choice_group(&ids.control, &name, "checkbox", options, &initial, &question).into_any(),
        Kind::Rating { low, high } => {
            let options = (1..=5u8)
                .map(|r| {
                    let label = match r {
                        1 => format!("1 – {low}"),
                        5 => format!("5 – {high}"),
                        _ => r.to_string(),
                    };
                    Choice { value: r.to_string(), label }
                })
                .collect();
            view! { <div class="rating">{choice_group(&ids.control, &name, "radio", options, &initial, &question)}</div> }.into_any()
        }
        Kind::ShortText { max_chars } => view! {
            <input type="text" id=ids.control.clone() name=name value=first aria-describedby=describedby.clone()
                aria-invalid=invalid aria-required=required.then_some("true") autocomplete="off" />
            <p class="q-limit">{move || i18n.locale().tr_args("text-limit", &[("max", FluentArg::Num(max_chars.into()))])}</p>
        }
        .into_any(),
        Kind::LongText { max_chars } => view! {
            <textarea id=ids.control.clone() name=name rows="5" aria-describedby=describedby.clone()
                aria-invalid=invalid aria-required=required.then_some("true")>{textarea_text(first)}</textarea>
            <p class="q-limit">{move || i18n.locale().tr_args("text-limit", &[("max", FluentArg::Num(max_chars.into()))])}</p>
        }
        .into_any(),
        Kind::Number { .. } => view! {
            <input type="text" inputmode="numeric" class="short" id=ids.control.clone() name=name value=first
                aria-describedby=describedby.clone() aria-invalid=invalid aria-required=required.then_some("true") />
        }
        .into_any(),
        Kind::Zip => view! {
            <input type="text" inputmode="numeric" autocomplete="postal-code" class="short" id=ids.control.clone()
                name=name value=first aria-describedby=describedby.clone() aria-invalid=invalid
                aria-required=required.then_some("true") />
        }
        .into_any(),
    };
    let grouped = question.kind.options().is_some() || matches!(question.kind, Kind::Rating { .. });
    let class = move || {
        if error.get().is_some() {
            "question has-error"
        } else {
            "question"
        }
    };
    if grouped {
        view! {
            <div class=class hidden=move || !visible.get()>
                <fieldset aria-describedby=describedby aria-invalid=invalid>
                    <legend>{prompt}</legend>
                    {notes}
                    {control}
                </fieldset>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class=class hidden=move || !visible.get()>
                <label for=ids.control.clone()>{prompt}</label>
                {notes}
                {control}
            </div>
        }
        .into_any()
    }
}

fn choice_group(
    first_id: &str,
    name: &str,
    kind: &'static str,
    options: Vec<Choice>,
    chosen: &[String],
    question: &Question,
) -> impl IntoView {
    let class = if kind == "radio" {
        "choices radios"
    } else {
        "choices checkboxes"
    };
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, option)| {
            let id = if i == 0 { first_id.to_string() } else { format!("{first_id}-{i}") };
            let checked = chosen.contains(&option.value);
            // A rating's labels carry their ends' texts ("1 – Very hard").
            let part = match option.value.as_str() {
                "1" if question.in_english.contains("low") => "low".to_owned(),
                "5" if question.in_english.contains("high") => "high".to_owned(),
                value => format!("option.{value}"),
            };
            let lang = question.lang_of(&part);
            view! {
                <div class="choice">
                    <input type=kind id=id.clone() name=name.to_string() value=option.value checked=checked />
                    <label for=id lang=lang>{option.label}</label>
                </div>
            }
        })
        .collect_view();
    view! { <div class=class>{items}</div> }
}

/// Leptos 0.8 (tachys 0.2) writes `<textarea>` children to the HTML unescaped, as if they were
/// script text: a posted answer containing `</textarea><script>` would inject markup when the page is
/// rendered again. Escape on the server; in the browser the text is set as a text node, and hydration
/// keeps the server's node.
fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}
