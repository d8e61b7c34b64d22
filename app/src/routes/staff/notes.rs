//! Interview notes for strategy staff: every confirmed document, and one document's passages
//! (where a quote on the dashboard came from).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::notes::{staff_note_page, staff_notes_page};
use crate::components::notes::{NoteFacts, Passages, language_name};
use crate::components::staff::{FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, use_i18n};

#[component]
pub fn StaffNotesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| staff_notes_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-notes-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, rows)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>{l.tr("staff-notes-title")}</h1>
                        <FlashMessage flash=ctx.flash.clone() />
                        <p class="meta">{l.tr_args("staff-notes-count", &[("count", FluentArg::Num(rows.len() as i64))])}</p>
                        <div class="table-scroll" tabindex="0">
                            <table>
                                <thead><tr>
                                    <th scope="col">{l.tr("staff-notes-file")}</th><th scope="col">{l.tr("staff-notes-organization")}</th><th scope="col">{l.tr("staff-notes-community")}</th>
                                    <th scope="col">{l.tr("staff-notes-interview")}</th><th scope="col">{l.tr("staff-filter-language")}</th><th scope="col">{l.tr("staff-notes-passages")}</th><th scope="col">{l.tr("staff-notes-uploaded-by")}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td><a href=format!("/staff/notes/{}", r.id)>{r.filename.clone()}</a></td>
                                            <td>{r.organization.clone()}</td>
                                            <td>{r.community.clone()}</td>
                                            <td>{r.interview_date.clone()}</td>
                                            <td>{language_name(&r.language)}</td>
                                            <td>{r.passages}</td>
                                            <td>{r.uploaded_by.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
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
pub fn StaffNotePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = Resource::new(id, staff_note_page);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-notes-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, detail)) => {
                        let lang = detail.row.language.clone();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p><a href="/staff/notes">{l.tr("staff-notes-back")}</a></p>
                            <h1>{detail.row.filename.clone()}</h1>
                            <NoteFacts row=detail.row.clone() />
                            <h2>{l.tr("staff-notes-passages")}</h2>
                            <Passages passages=detail.passages lang />
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
