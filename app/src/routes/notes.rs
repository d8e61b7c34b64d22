//! Interview notes for whoever uploads them (partners mostly): the upload form and their own
//! uploads, and one document's page: the preview of what will be analysed, with redactions
//! marked, to confirm or discard; once confirmed, its passages and a delete button. Partners
//! read these pages in any of the residents' languages (keys `notes-…`), not only the staff
//! pages' English and Spanish.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::notes::{note_page, notes_page};
use crate::components::notes::{NoteFacts, Passages, language_name};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::notes::{NOTE_LANGUAGES, NotesPageData};
use crate::models::staff::PageContext;

#[component]
pub fn NotesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| notes_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.0.get_untracked().tr("notes-title") />
        <Suspense fallback=loading>
            {move || {
                // Read here so the page is drawn again when the language changes.
                let _ = i18n.locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! { <NotesView ctx page /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
}

#[component]
fn NotesView(ctx: PageContext, page: NotesPageData) -> impl IntoView {
    let flash = ctx.flash.clone();
    let kept = {
        let flash = flash.clone();
        move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default()
    };
    let field = flash
        .as_ref()
        .and_then(|f| f.field.clone())
        .unwrap_or_default();
    let invalid = |f: &str| (field == f).then_some("true");
    let described = |f: &str, help: &'static str| {
        if field == f {
            format!("{help} upload-problem")
        } else {
            help.to_owned()
        }
    };
    let language = kept("language");
    let limits = page.limits;
    let l = use_i18n().locale();
    let (nav_viewer, nav_csrf) = (ctx.viewer.clone(), ctx.csrf.clone());
    view! {
        // The menu is a staff page's (English or Spanish), marked so.
        <StaffPage><StaffNav viewer=nav_viewer csrf=nav_csrf own_language=true /></StaffPage>
        <h1>{l.tr("notes-title")}</h1>
        <p class="lead">{l.tr("notes-lead")}</p>
        <p lang=(!l.has_staff_pages()).then_some("en")><a href="/entry" rel="external">{l.staff().tr("staff-entry-index-title")}</a></p>
        <div id="upload-problem"><FlashMessage flash=flash /></div>
        <h2>{l.tr("notes-upload-heading")}</h2>
        <form method="post" action="/notes" enctype="multipart/form-data" class="stack-form">
            <CsrfField token=ctx.csrf.clone() />
            <label for="note-file">{l.tr("notes-file")}</label>
            <p class="q-help" id="file-help">{l.tr_args("notes-file-help", &[("megabytes", FluentArg::Num(limits.max_megabytes as i64)), ("documents", FluentArg::Num(limits.max_documents as i64))])}</p>
            <input type="file" id="note-file" name="file" required accept=".txt,.md,.markdown,.docx,.pdf" aria-describedby=described("note-file", "file-help") aria-invalid=invalid("note-file") />
            {match page.organization.clone() {
                Some(org) => view! {
                    <p>{l.tr("notes-organization-fixed")}" " <strong>{org}</strong></p>
                }.into_any(),
                None => view! {
                    <label for="note-organization">{l.tr("notes-organization")}</label>
                    <input type="text" id="note-organization" name="organization" required maxlength="200" value=kept("organization") aria-invalid=invalid("note-organization") />
                }.into_any(),
            }}
            <label for="note-community">{l.tr("notes-community-served")}</label>
            <p class="q-help" id="community-help">{l.tr("notes-community-help")}</p>
            <input type="text" id="note-community" name="community" required maxlength="200" value=kept("community") aria-describedby=described("note-community", "community-help") aria-invalid=invalid("note-community") />
            <label for="note-date">{l.tr("notes-interview-date")}</label>
            <input type="date" id="note-date" name="interview_date" required value=kept("interview_date") aria-invalid=invalid("note-date") />
            <label for="note-role">{l.tr("notes-role")}</label>
            <p class="q-help" id="role-help">{l.tr("notes-role-help")}</p>
            <input type="text" id="note-role" name="interviewee_role" required maxlength="200" value=kept("interviewee_role") aria-describedby=described("note-role", "role-help") aria-invalid=invalid("note-role") />
            <label for="note-language">{l.tr("notes-language")}</label>
            <select id="note-language" name="language" required aria-invalid=invalid("note-language")>
                <option value="" selected=language.is_empty()>{l.tr("notes-choose")}</option>
                {NOTE_LANGUAGES.iter().map(|(code, name)| view! {
                    <option value=*code selected=language == *code>{*name}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="primary">{l.tr("notes-upload-button")}</button>
        </form>
        <h2>{l.tr("notes-yours")}</h2>
        {if page.rows.is_empty() {
            view! { <p>{l.tr("notes-none")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{l.tr("notes-file")}</th><th scope="col">{l.tr("notes-community")}</th><th scope="col">{l.tr("notes-interview")}</th>
                            <th scope="col">{l.tr("notes-language-short")}</th><th scope="col">{l.tr("notes-passages")}</th><th scope="col">{l.tr("notes-status")}</th>
                        </tr></thead>
                        <tbody>
                            {page.rows.into_iter().map(|r| view! {
                                <tr>
                                    <td><a href=format!("/notes/{}", r.id)>{r.filename.clone()}</a></td>
                                    <td>{r.community.clone()}</td>
                                    <td>{r.interview_date.clone()}</td>
                                    <td>{language_name(&r.language)}</td>
                                    <td>{r.passages}</td>
                                    <td>{l.tr(if r.status == "pending" { "notes-status-pending" } else { "notes-status-confirmed" })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
pub fn NotePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = Resource::new(id, note_page);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.0.get_untracked().tr("notes-title") />
        <Suspense fallback=loading>
            {move || {
                let l = i18n.locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, detail)) => {
                        let pending = detail.row.status == "pending";
                        let base = format!("/notes/{}", detail.row.id);
                        let csrf = ctx.csrf.clone();
                        let lang = detail.row.language.clone();
                        let (nav_viewer, nav_csrf) = (ctx.viewer.clone(), ctx.csrf.clone());
                        view! {
                            // The menu is a staff page's (English or Spanish), marked so.
                            <StaffPage><StaffNav viewer=nav_viewer csrf=nav_csrf own_language=true /></StaffPage>
                            <p><a href="/notes">{l.tr("notes-back")}</a></p>
                            <h1>{l.tr(if pending { "notes-check-title" } else { "notes-title" })}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <NoteFacts row=detail.row.clone() locale=l />
                            {if pending {
                                view! {
                                    <p>{l.tr("notes-check-lead")}</p>
                                    <div class="actions">
                                        <form method="post" action=format!("{base}/confirm") class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit" class="primary">{l.tr("notes-confirm")}</button>
                                        </form>
                                        <form method="post" action=format!("{base}/delete") class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit">{l.tr("notes-discard")}</button>
                                        </form>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <div class="actions">
                                        <form method="post" action=format!("{base}/delete") class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit">{l.tr("notes-delete")}</button>
                                        </form>
                                        <span class="meta">{l.tr("notes-delete-hint")}</span>
                                    </div>
                                }.into_any()
                            }}
                            <h2>{l.tr(if pending { "notes-will-analyse" } else { "notes-passages" })}</h2>
                            <Passages passages=detail.passages lang locale=l />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
}
