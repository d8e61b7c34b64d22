//! One survey's editor (administrators): its English title and introduction, its questions (add,
//! change, move, remove), its translations, the whole definition as JSON, and its versions. Once
//! the survey is open or answered, every change is stored as a new version.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::survey_editor::survey_editor_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, RevisionField, StaffNav};
use crate::models::staff::Typed;
use crate::models::survey_edit::{EditorData, MAX_INTRO, MAX_TEXT, QuestionLine};

#[component]
pub fn SurveyEditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, survey_editor_page);
    view! {
        <Title text="Edit survey" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let typed = Typed::from(&ctx.flash);
                        let base = format!("/staff/admin/surveys/{}", page.slug);
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p><a href="/staff/admin/surveys">"← All surveys"</a></p>
                            <h1>{page.title.clone()}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <Facts page=page.clone() />
                            <h2>"Title and introduction"</h2>
                            <form method="post" action=format!("{base}/texts") class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <RevisionField revision=page.revision.clone() />
                                <label for="survey-title">"Title (English)"</label>
                                <input type="text" id="survey-title" name="title" required maxlength=MAX_TEXT.to_string() value=typed.value("title", &page.title) aria-invalid=typed.invalid("survey-title") />
                                <label for="survey-intro">"Introduction (English)"</label>
                                <textarea id="survey-intro" name="intro" required rows="5" maxlength=MAX_INTRO.to_string() aria-invalid=typed.invalid("survey-intro")>{typed.value("intro", &page.intro)}</textarea>
                                <button type="submit" class="primary">"Save title and introduction"</button>
                            </form>
                            <h2 id="questions">"Questions"</h2>
                            <p><a href=format!("{base}/add-question")>"Add a question"</a></p>
                            {if page.questions.is_empty() {
                                view! { <p>"No questions yet."</p> }.into_any()
                            } else {
                                let count = page.questions.len();
                                let revision = page.revision.clone();
                                view! {
                                    <ol class="question-list">
                                        {page.questions.into_iter().enumerate().map(|(i, q)| view! {
                                            <QuestionItem q base=base.clone() csrf=ctx.csrf.clone() revision=revision.clone() first=i == 0 last=i + 1 == count />
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            <h2>"Translations"</h2>
                            <p>"A text without a translation is shown to residents in English, with a note saying so in their language. A translation whose English changed after it was written is counted as outdated until it is saved again."</p>
                            <ul>
                                {page.translations.into_iter().map(|p| {
                                    let mut line = format!("{}: {} of {} texts translated", p.endonym, p.done, p.total);
                                    if p.outdated > 0 {
                                        line.push_str(&format!(", {} outdated", p.outdated));
                                    }
                                    if let Some(status) = p.status.filter(|_| p.done + p.outdated > 0) {
                                        line.push_str(&format!(" ({})", status.as_str()));
                                    }
                                    view! {
                                        <li><a href=format!("{base}/translations/{}", p.code)>{line}</a></li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2>"Branching, weighting variables and more"</h2>
                            <p><a href=format!("{base}/definition")>"Edit the whole survey as JSON"</a>" (questions shown only after certain answers, the weighting variable a question measures, why a question is asked)."</p>
                            <h2>"Versions"</h2>
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr><th scope="col">"Version"</th><th scope="col">"Made"</th><th scope="col">"Responses"</th></tr></thead>
                                    <tbody>
                                        {page.versions.into_iter().map(|v| view! {
                                            <tr><td>{v.version}</td><td>{v.created_at}</td><td>{v.responses}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Facts(page: EditorData) -> impl IntoView {
    let versioning = if page.status == "open" || page.answered() {
        "The survey is open or answered: a change is saved as a new version, and responses already given stay with theirs."
    } else {
        "The survey is not open and nobody has answered it: changes are saved in this version."
    };
    view! {
        <dl class="facts">
            <dt>"Address"</dt><dd>
                <a href=format!("/surveys/{}", page.slug)>{format!("/surveys/{}", page.slug)}</a>
                {(page.status == "draft").then_some(" (a preview: residents cannot see a draft)")}
            </dd>
            <dt>"For"</dt><dd>{page.audience.clone()}</dd>
            <dt>"Status"</dt><dd>{page.status.clone()}" (change it on "<a href="/staff/admin/surveys">"the surveys page"</a>")"</dd>
            <dt>"Version"</dt><dd>{page.version}</dd>
        </dl>
        <p>{versioning}</p>
    }
}

#[component]
fn QuestionItem(
    q: QuestionLine,
    base: String,
    csrf: String,
    revision: String,
    first: bool,
    last: bool,
) -> impl IntoView {
    let action = format!("{base}/questions/{}", q.key);
    let remove_id = format!("remove-{}", q.key);
    view! {
        <li id=format!("q-{}", q.key)>
            <strong>{q.prompt.clone()}</strong>
            <br /><span class="meta">{format!("{} · {}{}", q.key, q.kind, if q.required { " · required" } else { "" })}</span>
            {q.notes.iter().map(|n| view! { <br /><span class="meta">{n.clone()}</span> }).collect_view()}
            <div class="actions">
                <a href=action.clone() aria-label=format!("Change question {}", q.key)>"Change"</a>
                {(!first).then(|| view! { <MoveButton action=format!("{action}/move") csrf=csrf.clone() revision=revision.clone() key=q.key.clone() up=true /> })}
                {(!last).then(|| view! { <MoveButton action=format!("{action}/move") csrf=csrf.clone() revision=revision.clone() key=q.key.clone() up=false /> })}
                <details>
                    <summary>{format!("Remove {}…", q.key)}</summary>
                    <form method="post" action=format!("{action}/remove") class="inline-form" id=remove_id>
                        <CsrfField token=csrf.clone() />
                        <RevisionField revision=revision.clone() />
                        <span>"Answers already given stay with their version."</span>
                        <button type="submit" class="link-button">{format!("Remove question {}", q.key)}</button>
                    </form>
                </details>
            </div>
        </li>
    }
}

#[component]
fn MoveButton(
    action: String,
    csrf: String,
    revision: String,
    key: String,
    up: bool,
) -> impl IntoView {
    let (direction, text) = if up {
        ("up", "Move up")
    } else {
        ("down", "Move down")
    };
    view! {
        <form method="post" action=action class="inline-form">
            <CsrfField token=csrf />
            <RevisionField revision />
            <input type="hidden" name="direction" value=direction />
            <button type="submit" class="link-button" aria-label=format!("{text}: {key}")>{text}</button>
        </form>
    }
}
