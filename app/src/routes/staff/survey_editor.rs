//! One survey's editor (administrators): its English title and introduction, its questions (add,
//! change, move, remove), its translations, the whole definition as JSON, and its versions. Once
//! the survey is open or answered, every change is stored as a new version.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::survey_editor::survey_editor_page;
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, RevisionField, StaffNav, StaffPage, loading,
};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::staff::Typed;
use crate::models::survey_edit::{EditorData, MAX_INTRO, MAX_TEXT, QuestionLine};

#[component]
pub fn SurveyEditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, survey_editor_page);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-editor-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let typed = Typed::from(&ctx.flash);
                        let base = format!("/staff/admin/surveys/{}", page.slug);
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p><a href="/staff/admin/surveys">{l.tr("staff-editor-back")}</a></p>
                            <h1>{page.title.clone()}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <Facts page=page.clone() />
                            <h2>{l.tr("staff-editor-texts")}</h2>
                            <form method="post" action=format!("{base}/texts") class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <RevisionField revision=page.revision.clone() />
                                <label for="survey-title">{l.tr("staff-surveys-title-en")}</label>
                                <input type="text" id="survey-title" name="title" required maxlength=MAX_TEXT.to_string() value=typed.value("title", &page.title) aria-invalid=typed.invalid("survey-title") />
                                <label for="survey-intro">{l.tr("staff-surveys-intro-en")}</label>
                                <textarea id="survey-intro" name="intro" required rows="5" maxlength=MAX_INTRO.to_string() aria-invalid=typed.invalid("survey-intro")>{typed.value("intro", &page.intro)}</textarea>
                                <button type="submit" class="primary">{l.tr("staff-editor-save-texts")}</button>
                            </form>
                            <h2 id="questions">{l.tr("staff-editor-questions")}</h2>
                            <p><a href=format!("{base}/add-question")>{l.tr("staff-editor-add-question")}</a></p>
                            {if page.questions.is_empty() {
                                view! { <p>{l.tr("staff-editor-no-questions")}</p> }.into_any()
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
                            <h2>{l.tr("staff-editor-translations")}</h2>
                            <p>{l.tr("staff-editor-translations-help")}</p>
                            <ul>
                                {page.translations.into_iter().map(|p| {
                                    let mut line = l.tr_args("staff-editor-translated", &[("language", FluentArg::Str(p.endonym.clone())), ("done", FluentArg::Num(p.done as i64)), ("total", FluentArg::Num(p.total as i64))]);
                                    if p.outdated > 0 {
                                        line.push_str(&l.tr_args("staff-editor-outdated", &[("count", FluentArg::Num(p.outdated as i64))]));
                                    }
                                    if let Some(status) = p.status.filter(|_| p.done + p.outdated > 0) {
                                        line.push_str(&format!(" ({})", status.as_str()));
                                    }
                                    view! {
                                        <li><a href=format!("{base}/translations/{}", p.code)>{line}</a></li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2>{l.tr("staff-editor-more")}</h2>
                            <p><a href=format!("{base}/definition")>{l.tr("staff-editor-json")}</a>" "{l.tr("staff-editor-json-help")}</p>
                            <h2>{l.tr("staff-weighting-versions")}</h2>
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr><th scope="col">{l.tr("staff-weighting-version")}</th><th scope="col">{l.tr("staff-editor-made")}</th><th scope="col">{l.tr("staff-surveys-responses")}</th></tr></thead>
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
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

#[component]
fn Facts(page: EditorData) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let versioning = l.tr(if page.status == "open" || page.answered() {
        "staff-editor-new-version"
    } else {
        "staff-editor-same-version"
    });
    view! {
        <dl class="facts">
            <dt>{l.tr("staff-surveys-address")}</dt><dd>
                <a href=format!("/surveys/{}", page.slug)>{format!("/surveys/{}", page.slug)}</a>
                {(page.status == "draft").then(|| format!(" {}", l.tr("staff-editor-preview")))}
            </dd>
            <dt>{l.tr("staff-editor-for")}</dt><dd>{page.audience.clone()}</dd>
            <dt>{l.tr("staff-actions-col-status")}</dt><dd>{page.status.clone()}" "{l.tr("staff-editor-change-status")}" "<a href="/staff/admin/surveys">{l.tr("staff-editor-surveys-page")}</a>")"</dd>
            <dt>{l.tr("staff-weighting-version")}</dt><dd>{page.version}</dd>
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
    let l = use_i18n().staff_locale();
    let action = format!("{base}/questions/{}", q.key);
    let remove_id = format!("remove-{}", q.key);
    let key = FluentArg::Str(q.key.clone());
    view! {
        <li id=format!("q-{}", q.key)>
            <strong>{q.prompt.clone()}</strong>
            <br /><span class="meta">{format!("{} · {}{}", q.key, q.kind, if q.required { format!(" · {}", l.tr("staff-editor-required")) } else { String::new() })}</span>
            {q.notes.iter().map(|n| view! { <br /><span class="meta">{n.clone()}</span> }).collect_view()}
            <div class="actions">
                <a href=action.clone() aria-label=l.tr_args("staff-editor-change-question", &[("key", key.clone())])>{l.tr("staff-actions-col-change")}</a>
                {(!first).then(|| view! { <MoveButton action=format!("{action}/move") csrf=csrf.clone() revision=revision.clone() key=q.key.clone() up=true /> })}
                {(!last).then(|| view! { <MoveButton action=format!("{action}/move") csrf=csrf.clone() revision=revision.clone() key=q.key.clone() up=false /> })}
                <details>
                    <summary>{l.tr_args("staff-editor-remove", &[("key", key.clone())])}</summary>
                    <form method="post" action=format!("{action}/remove") class="inline-form" id=remove_id>
                        <CsrfField token=csrf.clone() />
                        <RevisionField revision=revision.clone() />
                        <span>{l.tr("staff-editor-remove-help")}</span>
                        <button type="submit" class="link-button">{l.tr_args("staff-editor-remove-question", &[("key", key.clone())])}</button>
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
    let l = use_i18n().staff_locale();
    let (direction, text) = if up {
        ("up", l.tr("staff-editor-move-up"))
    } else {
        ("down", l.tr("staff-editor-move-down"))
    };
    view! {
        <form method="post" action=action class="inline-form">
            <CsrfField token=csrf />
            <RevisionField revision />
            <input type="hidden" name="direction" value=direction />
            <button type="submit" class="link-button" aria-label=format!("{text}: {key}")>{text.clone()}</button>
        </form>
    }
}
