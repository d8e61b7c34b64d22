//! Interview notes for whoever uploads them (partners mostly): the upload form and their own
//! uploads, and one document's page: the preview of what will be analysed, with redactions
//! marked, to confirm or discard; once confirmed, its passages and a delete button.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::notes::{note_page, notes_page};
use crate::components::notes::{NoteFacts, Passages, language_name};
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::notes::{NOTE_LANGUAGES, NotesPageData};
use crate::models::staff::PageContext;

#[component]
pub fn NotesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| notes_page());
    view! {
        <Title text="Interview notes" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! { <NotesView ctx page /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
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
    view! {
        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
        <h1>"Interview notes"</h1>
        <p class="lead">"Upload notes from interviews with residents. Personal details (e-mail and street addresses, phone and long numbers, web links) are removed before anything is stored, and you see exactly what will be analysed before you confirm. The original file is not kept."</p>
        <div id="upload-problem"><FlashMessage flash=flash /></div>
        <h2>"Upload notes"</h2>
        <form method="post" action="/notes" enctype="multipart/form-data" class="stack-form">
            <CsrfField token=ctx.csrf.clone() />
            <label for="note-file">"File"</label>
            <p class="q-help" id="file-help">{format!(".txt, .md, .docx or .pdf, at most {} MB; up to {} documents per account.", limits.max_megabytes, limits.max_documents)}</p>
            <input type="file" id="note-file" name="file" required accept=".txt,.md,.markdown,.docx,.pdf" aria-describedby=described("note-file", "file-help") aria-invalid=invalid("note-file") />
            {match page.organization.clone() {
                Some(org) => view! {
                    <p>"Organization: " <strong>{org}</strong></p>
                }.into_any(),
                None => view! {
                    <label for="note-organization">"Organization"</label>
                    <input type="text" id="note-organization" name="organization" required maxlength="200" value=kept("organization") aria-invalid=invalid("note-organization") />
                }.into_any(),
            }}
            <label for="note-community">"Community served"</label>
            <p class="q-help" id="community-help">"For example: Vietnamese-speaking seniors in District 7."</p>
            <input type="text" id="note-community" name="community" required maxlength="200" value=kept("community") aria-describedby=described("note-community", "community-help") aria-invalid=invalid("note-community") />
            <label for="note-date">"Interview date"</label>
            <input type="date" id="note-date" name="interview_date" required value=kept("interview_date") aria-invalid=invalid("note-date") />
            <label for="note-role">"Interviewee's role"</label>
            <p class="q-help" id="role-help">"For example: resident, parent, caseworker, small-business owner."</p>
            <input type="text" id="note-role" name="interviewee_role" required maxlength="200" value=kept("interviewee_role") aria-describedby=described("note-role", "role-help") aria-invalid=invalid("note-role") />
            <label for="note-language">"Language of the notes"</label>
            <select id="note-language" name="language" required aria-invalid=invalid("note-language")>
                <option value="" selected=language.is_empty()>"Choose…"</option>
                {NOTE_LANGUAGES.iter().map(|(code, name)| view! {
                    <option value=*code selected=language == *code>{*name}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="primary">"Upload and preview"</button>
        </form>
        <h2>"Your uploads"</h2>
        {if page.rows.is_empty() {
            view! { <p>"Nothing uploaded yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">"File"</th><th scope="col">"Community"</th><th scope="col">"Interview"</th>
                            <th scope="col">"Language"</th><th scope="col">"Passages"</th><th scope="col">"Status"</th>
                        </tr></thead>
                        <tbody>
                            {page.rows.into_iter().map(|r| view! {
                                <tr>
                                    <td><a href=format!("/notes/{}", r.id)>{r.filename.clone()}</a></td>
                                    <td>{r.community.clone()}</td>
                                    <td>{r.interview_date.clone()}</td>
                                    <td>{language_name(&r.language)}</td>
                                    <td>{r.passages}</td>
                                    <td>{if r.status == "pending" { "awaiting your confirmation" } else { "in analysis" }}</td>
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
    view! {
        <Title text="Interview notes" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, detail)) => {
                        let pending = detail.row.status == "pending";
                        let base = format!("/notes/{}", detail.row.id);
                        let csrf = ctx.csrf.clone();
                        let lang = detail.row.language.clone();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p><a href="/notes">"← Your uploads"</a></p>
                            <h1>{if pending { "Check before it is analysed" } else { "Interview notes" }}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <NoteFacts row=detail.row.clone() />
                            {if pending {
                                view! {
                                    <p>"These passages are exactly what will be stored and analysed. Marked items were removed as personal details. If something personal is still visible, discard this upload, edit the file and upload it again."</p>
                                    <div class="actions">
                                        <form method="post" action=format!("{base}/confirm") class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit" class="primary">"Confirm: add to the analysis"</button>
                                        </form>
                                        <form method="post" action=format!("{base}/delete") class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit">"Discard"</button>
                                        </form>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <div class="actions">
                                        <form method="post" action=format!("{base}/delete") class="inline-form">
                                            <CsrfField token=csrf.clone() />
                                            <button type="submit">"Delete this document"</button>
                                        </form>
                                        <span class="meta">"Deleting removes its text from future analysis runs."</span>
                                    </div>
                                }.into_any()
                            }}
                            <h2>{if pending { "What will be analysed" } else { "Passages" }}</h2>
                            <Passages passages=detail.passages lang />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
