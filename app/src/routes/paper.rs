//! Paper forms and assisted entry, rendered on the server only (`server::routes::paper` sends
//! the strings): the printable survey (`/surveys/{slug}/print?lang=xx`, for residents, in each of
//! the five languages) and the page on which staff and partners enter a response collected on
//! paper, by phone or in person (`/entry/{slug}`), with the list of surveys to enter
//! (`/entry`).
//!
//! Neither page carries a script: the printable form is a document to print, and the entry page
//! is a plain form that posts and comes back with every answer kept and each problem named, the
//! same question widgets ([`QuestionField`]) and messages residents see. Each question shows its
//! short code ([`question_codes`]) on both pages, so a paper form's questions match the entry
//! page's whatever the language. Links to these pages from hydrated pages say `rel="external"`.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use crate::components::question::QuestionField;
use crate::i18n::{FluentArg, I18n, Locale};
use crate::models::collection::{CollectionMode, MAX_PAPER_CODE_CHARS, question_codes};
use crate::models::staff::CSRF_FIELD;
use crate::models::survey::ShowIf;
use crate::models::{FieldError, FieldErrors, FormError, Kind, Question, RawAnswers, SurveyForm};

/// The entry form's own fields (question keys never start with `_`).
pub mod fields {
    /// The language of the answers (also chooses the questions' language).
    pub const LANG: &str = "_lang";
    /// How the answers were collected.
    pub const MODE: &str = "_mode";
    /// The paper form's respondent code.
    pub const PAPER_CODE: &str = "_paper_code";
}

/// Element ids of the entry form's own controls (for labels and the error summary's links).
pub mod ids {
    pub const MODE: &str = "entry-mode";
    pub const PAPER_CODE: &str = "entry-paper-code";
    pub const LANG: &str = "entry-lang";
}

/// The address of survey `slug`'s printable form in `locale`.
pub fn print_href(slug: &str, locale: Locale) -> String {
    format!("/surveys/{slug}/print?lang={}", locale.code())
}

/// The query parameter that chooses the language of the answers on the entry page (not `lang`,
/// which would change the language of the page and the one remembered for every page).
pub const ANSWERS_PARAM: &str = "answers";

/// The address of survey `slug`'s entry page, its questions in `answers`.
pub fn entry_href(slug: &str, answers: Locale) -> String {
    format!("/entry/{slug}?{ANSWERS_PARAM}={}", answers.code())
}

/// Lines to write on, by kind of free text.
const SHORT_TEXT_LINES: usize = 1;
const LONG_TEXT_LINES: usize = 6;

/// The printable form of `form` (a survey version in one language). `online` is the survey's
/// web address, printed for those who would rather answer online; `path` the address asked for.
pub fn print_page(form: &SurveyForm, path: &str, online: &str) -> String {
    in_owner(|| print_body(form, path, online))
}

fn print_body(form: &SurveyForm, path: &str, online: &str) -> String {
    let locale = form.locale;
    let codes = question_codes(form.questions.iter().map(|q| q.key.as_str()));
    let english = |yes: bool| yes.then_some("en");
    let questions = form
        .questions
        .iter()
        .zip(&codes)
        .enumerate()
        .map(|(i, (q, code))| {
            let condition = q
                .show_if
                .as_ref()
                .map(|cond| condition_note(form, &codes, cond, locale));
            view! { <PrintedQuestion question=q.clone() number=i + 1 code=code.clone() condition locale /> }
        })
        .collect_view();
    let body = view! {
        <p class="print-screen-only">
            {locale.tr("print-how")} " "
            <a href=format!("/surveys/{}?lang={}", form.slug, locale.code())>{locale.tr("print-answer-online")}</a>
        </p>
        <div class="print-head">
            <h1 lang=english(form.title_in_english)>{form.title.clone()}</h1>
            <div class="print-respondent">
                <p class="print-respondent-label">{locale.tr("print-respondent-code")}</p>
                <span class="print-box print-code-box" aria-hidden="true"></span>
                <p class="print-small">{locale.tr("print-respondent-code-help")}</p>
            </div>
        </div>
        {form.partly_english().then(|| view! { <p class="notice" role="note">{locale.tr("survey-partly-english")}</p> })}
        <p class="lead" lang=english(form.intro_in_english)>{form.intro.clone()}</p>
        <p class="print-instructions">{locale.tr("print-instructions")}</p>
        <ol class="print-questions">{questions}</ol>
        <div class="print-end">
            <p>{locale.tr("print-thanks")}</p>
            <p>{locale.tr_args("print-online", &[("url", FluentArg::Str(online.to_owned()))])}</p>
            <p class="print-small">
                {locale.tr_args("print-version", &[("version", FluentArg::Num(form.version_id.into()))])}
            </p>
        </div>
    };
    let title = locale.tr_args(
        "print-page-title",
        &[("survey", FluentArg::Str(form.title.clone()))],
    );
    document(locale, &title, path, "print-page", body)
}

/// "Answer this only if you answered … to question N (code)."
fn condition_note(form: &SurveyForm, codes: &[String], cond: &ShowIf, locale: Locale) -> String {
    let position = form.questions.iter().position(|q| q.key == cond.question);
    let options = position.and_then(|i| form.questions[i].kind.options());
    let labels: Vec<String> = cond
        .any_of
        .iter()
        .map(|v| {
            options
                .and_then(|opts| opts.iter().find(|o| &o.value == v))
                .map_or_else(|| v.clone(), |o| o.label.clone())
        })
        .collect();
    let note = locale.tr_args(
        "question-condition",
        &[
            (
                "number",
                FluentArg::Num(position.map_or(0, |i| i as i64 + 1)),
            ),
            ("answers", FluentArg::Str(labels.join(" / "))),
        ],
    );
    match position.and_then(|i| codes.get(i)) {
        Some(code) => format!("{note} ({code})"),
        None => note,
    }
}

/// One question on paper: its number and code, the prompt, its notes, and circles, boxes or
/// lines to mark and write on.
#[component]
fn PrintedQuestion(
    question: Question,
    number: usize,
    code: String,
    condition: Option<String>,
    locale: Locale,
) -> impl IntoView {
    let lang = |part: &str| question.lang_of(part);
    let how = match &question.kind {
        Kind::SingleChoice { .. }
        | Kind::CouncilDistrict { .. }
        | Kind::Language { .. }
        | Kind::Rating { .. } => locale.tr("print-choose-one"),
        Kind::MultipleChoice { .. } => locale.tr("print-choose-any"),
        Kind::ShortText { .. } | Kind::LongText { .. } => locale.tr("print-write-in"),
        Kind::Number { min, max } => locale.tr_args(
            "print-number",
            &[("min", FluentArg::Num(*min)), ("max", FluentArg::Num(*max))],
        ),
        Kind::Zip => locale.tr("print-zip"),
    };
    let marks = |mark: &'static str, options: Vec<(String, String, Option<&'static str>)>| {
        let items = options
            .into_iter()
            .map(|(_, label, lang)| {
                view! {
                    <li>
                        <span class=format!("print-mark {mark}") aria-hidden="true"></span>
                        <span lang=lang>{label}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="print-options">{items}</ul> }
    };
    let option_list =
        |options: &[crate::models::Choice]| -> Vec<(String, String, Option<&'static str>)> {
            options
                .iter()
                .map(|o| {
                    (
                        o.value.clone(),
                        o.label.clone(),
                        question.lang_of(&format!("option.{}", o.value)),
                    )
                })
                .collect()
        };
    let answer = match &question.kind {
        Kind::SingleChoice { options } | Kind::CouncilDistrict { options } | Kind::Language { options } => {
            marks("print-circle", option_list(options)).into_any()
        }
        Kind::MultipleChoice { options } => marks("print-square", option_list(options)).into_any(),
        Kind::Rating { low, high } => {
            let options = (1..=5u8)
                .map(|r| {
                    let (label, part) = match r {
                        1 => (format!("1 – {low}"), Some("low")),
                        5 => (format!("5 – {high}"), Some("high")),
                        _ => (r.to_string(), None),
                    };
                    (r.to_string(), label, part.and_then(|p| question.lang_of(p)))
                })
                .collect();
            marks("print-circle", options).into_any()
        }
        Kind::ShortText { .. } => lines(SHORT_TEXT_LINES).into_any(),
        Kind::LongText { .. } => lines(LONG_TEXT_LINES).into_any(),
        Kind::Number { .. } => view! { <span class="print-box print-number-box" aria-hidden="true"></span> }.into_any(),
        Kind::Zip => view! {
            <span class="print-digits" aria-hidden="true">
                {(0..5).map(|_| view! { <span class="print-box print-digit"></span> }).collect_view()}
            </span>
        }
        .into_any(),
    };
    view! {
        <li class="print-question">
            <h2 class="print-prompt">
                <span class="print-code">{code}</span>
                " "
                <span class="q-number">{format!("{number}. ")}</span>
                <span lang=lang("prompt")>{question.prompt.clone()}</span>
                {question.required.then(|| view! { <span class="q-required">{format!(" ({})", locale.tr("question-required"))}</span> })}
            </h2>
            {condition.map(|note| view! { <p class="q-condition">{note}</p> })}
            {question.help.clone().map(|help| view! { <p class="q-help" lang=lang("help")>{help}</p> })}
            {question.why.clone().map(|why| view! {
                <p class="q-why"><strong>{locale.tr("why-we-ask")}</strong>" "<span lang=lang("why")>{why}</span></p>
            })}
            <p class="print-how">{how}</p>
            {answer}
        </li>
    }
}

fn lines(count: usize) -> impl IntoView {
    view! {
        <div class="print-lines" aria-hidden="true">
            {(0..count).map(|_| view! { <span class="print-line"></span> }).collect_view()}
        </div>
    }
}

/// A problem with one of the entry form's own fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    /// No collection mode (or web, or an unknown one) was chosen.
    Mode,
    /// The respondent code has characters other than letters, digits and `-`.
    CodeCharacters,
    /// The respondent code is longer than [`MAX_PAPER_CODE_CHARS`].
    CodeTooLong,
    /// A response to this survey already has this code: its id.
    CodeTaken { code: String, response: i64 },
}

impl EntryProblem {
    /// The id of the field it is about.
    pub fn field(&self) -> &'static str {
        match self {
            EntryProblem::Mode => ids::MODE,
            _ => ids::PAPER_CODE,
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        match self {
            EntryProblem::Mode => locale.tr("staff-entry-error-mode"),
            EntryProblem::CodeCharacters => locale.tr("staff-entry-error-code-characters"),
            EntryProblem::CodeTooLong => locale.tr_args(
                "staff-entry-error-code-long",
                &[("max", FluentArg::Num(MAX_PAPER_CODE_CHARS as i64))],
            ),
            EntryProblem::CodeTaken { code, response } => locale.tr_args(
                "staff-entry-error-code-taken",
                &[
                    ("code", FluentArg::Str(code.clone())),
                    ("id", FluentArg::Num(*response)),
                ],
            ),
        }
    }
}

/// A response already entered, as the entry page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnteredItem {
    pub id: i64,
    pub mode: CollectionMode,
    pub paper_code: Option<String>,
    pub language: String,
    pub entered_by: String,
    /// `YYYY-MM-DD HH:MM` (UTC).
    pub at: String,
}

/// Everything the entry page shows.
pub struct EntryPage {
    /// The language of the page's own text (staff pages: English or Spanish).
    pub chrome: Locale,
    /// The survey in the language of the answers (which [`SurveyForm::locale`] is).
    pub form: SurveyForm,
    /// The signed-in person's name and start page.
    pub viewer: String,
    pub home: &'static str,
    pub csrf: String,
    /// What was posted (answers, and the form's own fields) when it comes back with problems.
    pub values: RawAnswers,
    pub mode: Option<CollectionMode>,
    pub paper_code: String,
    pub field_errors: FieldErrors,
    pub form_error: Option<FormError>,
    pub problems: Vec<EntryProblem>,
    /// A confirmation from the last entry.
    pub notice: Option<String>,
    /// Responses entered so far (all of them for staff, the viewer's own for a partner).
    pub entered: Vec<EnteredItem>,
}

/// `/entry/{slug}`: the survey's questions with the collection mode, paper code and language of
/// the answers, and the responses entered so far.
pub fn entry_page(page: EntryPage) -> String {
    in_owner(|| entry_body(page))
}

fn entry_body(page: EntryPage) -> String {
    let l = page.chrome;
    let answers = page.form.locale;
    // The question widgets speak the answers' language (their notes and messages).
    provide_context(I18n(RwSignal::new(answers)));
    let form = page.form;
    let codes = question_codes(form.questions.iter().map(|q| q.key.as_str()));
    let title = l.tr_args(
        "staff-entry-title",
        &[("survey", FluentArg::Str(form.title.clone()))],
    );
    let has_problems =
        !page.problems.is_empty() || !page.field_errors.is_empty() || page.form_error.is_some();
    let summary = has_problems.then(|| {
        let own = page
            .problems
            .iter()
            .map(|p| {
                view! { <li><a href=format!("#{}", p.field())>{p.message(l)}</a></li> }
            })
            .collect_view();
        let answers_wrong = form
            .questions
            .iter()
            .zip(&codes)
            .filter_map(|(q, code)| {
                page.field_errors.get(&q.key).map(|e: &FieldError| {
                    view! {
                        <li><a href=format!("#q-{}", q.key) lang=answers.code()>
                            {format!("{code} {}: {}", q.prompt, e.message(answers))}
                        </a></li>
                    }
                })
            })
            .collect_view();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{l.tr("staff-entry-problems")}</h2>
                {page.form_error.map(|e| view! { <p class="form-error" lang=answers.code()>{e.message(answers)}</p> })}
                <ul>{own}{answers_wrong}</ul>
            </div>
        }
    });
    let problem_on = |field: &str| {
        page.problems
            .iter()
            .find(|p| p.field() == field)
            .map(|p| p.message(l))
    };
    let mode_problem = problem_on(ids::MODE);
    let code_problem = problem_on(ids::PAPER_CODE);
    let modes = CollectionMode::ENTERED
        .into_iter()
        .map(|mode| {
            let id = format!("{}-{}", ids::MODE, mode.as_str());
            // The first radio carries the group's id, for the error summary's link.
            let id = if mode == CollectionMode::ENTERED[0] { ids::MODE.to_owned() } else { id };
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name=fields::MODE value=mode.as_str() checked=page.mode == Some(mode) />
                    <label for=id>{l.tr(mode.message_key())}</label>
                </div>
            }
        })
        .collect_view();
    let languages = Locale::ALL
        .into_iter()
        .map(|locale| {
            view! { <option value=locale.code() selected=locale == answers lang=locale.code()>{locale.endonym()}</option> }
        })
        .collect_view();
    let questions = form
        .questions
        .iter()
        .zip(&codes)
        .enumerate()
        .map(|(i, (q, code))| {
            let error = page.field_errors.get(&q.key).copied();
            let condition_note = q.show_if.as_ref().map(|cond| condition_note(&form, &codes, cond, answers));
            let initial = page.values.get(&q.key).cloned().unwrap_or_default();
            view! {
                <div class="entry-question">
                    <p class="print-code entry-code" aria-hidden="true">{code.clone()}</p>
                    <QuestionField question=q.clone() number=i + 1 initial error=Signal::stored(error) visible=Signal::stored(true) condition_note />
                </div>
            }
        })
        .collect_view();
    let entered = page.entered;
    let table = if entered.is_empty() {
        view! { <p>{l.tr("staff-entry-none-yet")}</p> }.into_any()
    } else {
        let rows = entered
            .into_iter()
            .map(|row| {
                let language = Locale::from_code(&row.language)
                    .map_or(row.language.clone(), |x| x.endonym().to_owned());
                view! {
                    <tr>
                        <td>{row.id}</td>
                        <td>{l.tr(row.mode.message_key())}</td>
                        <td>{row.paper_code.unwrap_or_else(|| "—".to_owned())}</td>
                        <td lang=row.language.clone()>{language}</td>
                        <td>{row.entered_by}</td>
                        <td>{row.at}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="entered-title">
                <table>
                    <caption class="visually-hidden">{l.tr("staff-entry-entered")}</caption>
                    <thead><tr>
                        <th scope="col">{l.tr("staff-entry-col-response")}</th>
                        <th scope="col">{l.tr("staff-entry-col-mode")}</th>
                        <th scope="col">{l.tr("staff-entry-col-code")}</th>
                        <th scope="col">{l.tr("staff-entry-col-language")}</th>
                        <th scope="col">{l.tr("staff-entry-col-by")}</th>
                        <th scope="col">{l.tr("staff-entry-col-at")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let action = format!("/entry/{}", form.slug);
    let body = view! {
        <p class="meta"><a href="/entry">{l.tr("staff-entry-all-surveys")}</a></p>
        <h1>{title.clone()}</h1>
        {page.notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p class="lead">{l.tr("staff-entry-intro")}</p>
        <p>
            <a href=print_href(&form.slug, answers)>{l.tr("staff-entry-print")}</a>
        </p>
        {if form.open {
            view! {
                <form method="get" action=action.clone() class="entry-language">
                    <div class="field">
                        <label for=ids::LANG>{l.tr("staff-entry-language")}</label>
                        <p class="q-help" id="entry-lang-help">{l.tr("staff-entry-language-help")}</p>
                        <select id=ids::LANG name=ANSWERS_PARAM aria-describedby="entry-lang-help">{languages}</select>
                    </div>
                    <button type="submit">{l.tr("staff-entry-language-show")}</button>
                </form>
                {summary}
                <form method="post" action=action novalidate class="survey-form entry-form">
                    <input type="hidden" name=CSRF_FIELD value=page.csrf />
                    <input type="hidden" name=fields::LANG value=answers.code() />
                    <div class=if mode_problem.is_some() { "question has-error" } else { "question" }>
                        <fieldset aria-describedby=mode_problem.as_ref().map(|_| "entry-mode-error") aria-invalid=mode_problem.as_ref().map(|_| "true")>
                            <legend>{l.tr("staff-entry-mode")}<span class="q-required">{format!(" ({})", l.tr("question-required"))}</span></legend>
                            {mode_problem.clone().map(|m| view! { <p class="q-error" id="entry-mode-error">{m}</p> })}
                            <div class="choices radios">{modes}</div>
                        </fieldset>
                    </div>
                    <div class=if code_problem.is_some() { "question has-error" } else { "question" }>
                        <label for=ids::PAPER_CODE>{l.tr("staff-entry-code")}</label>
                        <p class="q-help" id="entry-paper-code-help">{l.tr("staff-entry-code-help")}</p>
                        {code_problem.clone().map(|m| view! { <p class="q-error" id="entry-paper-code-error">{m}</p> })}
                        <input type="text" class="short" id=ids::PAPER_CODE name=fields::PAPER_CODE value=page.paper_code
                            autocomplete="off" maxlength=(MAX_PAPER_CODE_CHARS * 2).to_string()
                            aria-invalid=code_problem.as_ref().map(|_| "true")
                            aria-describedby=if code_problem.is_some() { "entry-paper-code-help entry-paper-code-error" } else { "entry-paper-code-help" } />
                    </div>
                    <h2>{l.tr("staff-entry-answers")}</h2>
                    <div lang=answers.code() class="entry-answers">{questions}</div>
                    <div class="actions">
                        <button type="submit" class="primary">{l.tr("staff-entry-submit")}</button>
                    </div>
                </form>
            }
            .into_any()
        } else {
            view! { <p class="notice">{l.tr("staff-entry-closed")}</p> }.into_any()
        }}
        <h2 id="entered-title">{l.tr("staff-entry-entered")}</h2>
        {table}
    };
    let frame = Frame {
        viewer: page.viewer,
        home: page.home,
    };
    staff_document(l, &title, frame, body)
}

/// A survey on the entry index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySurvey {
    pub slug: String,
    pub title: String,
    pub open: bool,
}

/// `/entry`: the surveys responses can be entered for, with their printable forms.
pub fn entry_index_page(
    l: Locale,
    viewer: String,
    home: &'static str,
    surveys: Vec<EntrySurvey>,
) -> String {
    in_owner(|| entry_index_body(l, viewer, home, surveys))
}

fn entry_index_body(
    l: Locale,
    viewer: String,
    home: &'static str,
    surveys: Vec<EntrySurvey>,
) -> String {
    let title = l.tr("staff-entry-index-title");
    let items = surveys
        .into_iter()
        .map(|s| {
            let prints = Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <li><a href=print_href(&s.slug, locale) hreflang=locale.code() lang=locale.code()>{locale.endonym()}</a></li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <h2>{s.title.clone()}</h2>
                    {if s.open {
                        view! { <p><a href=entry_href(&s.slug, l)>{l.tr_args("staff-entry-enter-for", &[("survey", FluentArg::Str(s.title.clone()))])}</a></p> }.into_any()
                    } else {
                        view! { <p class="meta">{l.tr("staff-entry-closed")}</p> }.into_any()
                    }}
                    <p>{l.tr("staff-entry-print-in")}</p>
                    <ul class="inline-list">{prints}</ul>
                </li>
            }
        })
        .collect_view();
    let body = view! {
        <h1>{title.clone()}</h1>
        <p class="lead">{l.tr("staff-entry-index-intro")}</p>
        <ul class="results-list">{items}</ul>
    };
    let frame = Frame { viewer, home };
    staff_document(l, &title, frame, body)
}

/// The signed-in frame of the entry pages: who is signed in and their start page.
struct Frame {
    viewer: String,
    home: &'static str,
}

fn staff_document(l: Locale, title: &str, frame: Frame, body: impl IntoView + 'static) -> String {
    let header = view! {
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=frame.home>
                    <span class="brand-name">"Needscope"</span>
                </a>
                <p class="meta">
                    {l.tr_args("staff-entry-signed-in", &[("name", FluentArg::Str(frame.viewer))])}
                    " · "
                    <a href=frame.home>{l.tr("staff-entry-home")}</a>
                </p>
            </div>
        </header>
    };
    render(l, title, header, "entry-page", body)
}

/// The public frame (the printable form): skip link, header with the language picker, main.
fn document(
    locale: Locale,
    title: &str,
    path: &str,
    class: &'static str,
    body: impl IntoView + 'static,
) -> String {
    let languages = Locale::ALL
        .into_iter()
        .map(|l| {
            let current = (l == locale).then_some("true");
            view! {
                <li><a href=format!("{path}?lang={}", l.code()) hreflang=l.code() lang=l.code() aria-current=current>{l.endonym()}</a></li>
            }
        })
        .collect_view();
    let header = view! {
        <header class="site-header print-screen-only">
            <div class="wrap header-row">
                <a class="brand" href=format!("/?lang={}", locale.code())>
                    <span class="brand-name">"Needscope"</span>
                    <span class="brand-tag">{locale.tr("brand-tagline")}</span>
                </a>
                <nav class="lang-picker" aria-label=locale.tr("language-picker")>
                    <ul>{languages}</ul>
                </nav>
            </div>
        </header>
    };
    render(locale, title, header, class, body)
}

fn render(
    locale: Locale,
    title: &str,
    header: impl IntoView + 'static,
    class: &'static str,
    body: impl IntoView + 'static,
) -> String {
    let code = locale.code();
    let title = format!("{title} · Needscope");
    let page = view! {
            <!DOCTYPE html>
            <html lang=code>
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <meta name="color-scheme" content="light" />
                    <title>{title}</title>
                    <link rel="stylesheet" href="/pkg/needscope.css" />
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                </head>
                <body>
                    <a class="skip-link" href="#main">{locale.tr("skip-to-content")}</a>
                    {header}
                    <main id="main" class=format!("wrap {class}") tabindex="-1">{body}</main>
                </body>
            </html>
    };
    page.to_html()
}

/// Renders in an owner of its own: the question widgets hold signals, which need one.
fn in_owner(build: impl FnOnce() -> String) -> String {
    let owner = Owner::new();
    owner.with(build)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::survey::{ChoiceDef, KindDef, QuestionDef, SurveyDefinition};

    fn definition() -> SurveyDefinition {
        let text = |en: &str, es: &str| {
            [
                ("en".to_owned(), en.to_owned()),
                ("es".to_owned(), es.to_owned()),
            ]
            .into_iter()
            .collect()
        };
        let q = |key: &str, kind: KindDef, required: bool| QuestionDef {
            key: key.into(),
            prompt: text(&format!("Prompt {key}"), &format!("Pregunta {key}")),
            help: None,
            required,
            variable: None,
            why: None,
            show_if: None,
            kind,
        };
        SurveyDefinition {
            slug: "s".into(),
            audience: crate::models::Audience::Resident,
            title: text("Title", "Título"),
            intro: text("Intro", "Introducción"),
            questions: vec![
                q(
                    "channel",
                    KindDef::SingleChoice {
                        options: vec![ChoiceDef {
                            value: "web".into(),
                            label: text("Website", "Sitio web"),
                        }],
                    },
                    true,
                ),
                q(
                    "devices",
                    KindDef::MultipleChoice { options: vec![] },
                    false,
                ),
                q("story", KindDef::LongText { max_chars: 500 }, false),
                q("zip", KindDef::Zip, false),
            ],
        }
    }

    #[test]
    fn the_printable_form_has_codes_marks_lines_and_the_language() {
        let form = definition().localize(3, Locale::Es, true, String::new());
        let html = print_page(&form, "/surveys/s/print", "https://example.org/surveys/s");
        assert!(html.contains("<html lang=\"es\""), "{html}");
        assert!(html.contains("Título") && html.contains("Pregunta channel"));
        for code in question_codes(["channel", "devices", "story", "zip"]) {
            assert!(html.contains(&code), "{code} missing");
        }
        assert!(html.contains("print-circle") && html.contains("print-line"));
        assert!(html.contains("print-code-box"));
        assert!(!html.contains("<script"), "no script on the printable form");
    }

    #[test]
    fn entry_problems_name_their_fields() {
        assert_eq!(EntryProblem::Mode.field(), ids::MODE);
        let taken = EntryProblem::CodeTaken {
            code: "A-1".into(),
            response: 7,
        };
        assert_eq!(taken.field(), ids::PAPER_CODE);
        let message = taken.message(Locale::En);
        assert!(
            message.contains("A-1") && message.contains('7'),
            "{message}"
        );
    }
}
