//! The surveys (administrators): make one (empty or from another's questions), open, close or
//! return each to draft, and go to its editor. A closed survey's page says so and accepts no
//! answers; responses stay tied to the version they answered.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::surveys_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale};
use crate::models::Audience;
use crate::models::staff::Typed;

const STATUSES: [&str; 3] = ["draft", "open", "closed"];

/// Audiences and the keys of their names.
const AUDIENCES: [(Audience, &str); 3] = [
    (Audience::Resident, "staff-audience-resident"),
    (Audience::Department, "staff-audience-department"),
    (Audience::CommunityOrg, "staff-audience-community-org"),
];

/// A survey status's name in the staff pages' language (the value posted stays English).
fn status_name(l: Locale, status: &str) -> String {
    match status {
        "draft" => l.tr("staff-surveys-draft"),
        "open" => l.tr("staff-surveys-open"),
        "closed" => l.tr("staff-surveys-closed"),
        other => other.to_owned(),
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| surveys_page());
    view! {
        <Title text=crate::i18n::use_i18n().staff_tr("staff-nav-surveys") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = crate::i18n::use_i18n().staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, rows)) => {
                        let csrf = ctx.csrf.clone();
                        let typed = Typed::from(&ctx.flash);
                        let copy = typed.value("copy", "");
                        let audience = typed.value("audience", "resident");
                        let sources: Vec<(String, String)> = rows.iter().map(|s| (s.slug.clone(), s.title.clone())).collect();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-nav-surveys")}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{l.tr("staff-filter-survey")}</th><th scope="col">{l.tr("staff-surveys-audience")}</th>
                                        <th scope="col">{l.tr("staff-weighting-version")}</th><th scope="col">{l.tr("staff-surveys-responses")}</th><th scope="col">{l.tr("staff-editor-translations")}</th><th scope="col">{l.tr("staff-actions-col-status")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|s| {
                                            let action = format!("/staff/admin/surveys/{}", s.slug);
                                            let select_id = format!("status-{}", s.slug);
                                            view! {
                                                <tr>
                                                    <td>
                                                        <a href=action.clone()>{s.title.clone()}</a>
                                                        <br /><a href=format!("/surveys/{}", s.slug) class="meta">{format!("/surveys/{}", s.slug)}</a>
                                                        <br /><a href=format!("/surveys/{}/print?lang={}", s.slug, l.code()) rel="external" class="meta">{l.tr("print-link")}</a>
                                                        " · "<a href=format!("/entry/{}", s.slug) rel="external" class="meta">{l.tr("staff-entry-enter")}</a>
                                                    </td>
                                                    <td>{s.audience.clone()}</td>
                                                    <td>{s.version}</td>
                                                    <td>{s.responses}</td>
                                                    <td>
                                                        <ul class="plain-list">
                                                            {s.languages.iter().map(|l| view! {
                                                                <li><a href=format!("/staff/admin/surveys/{}/translations/{}", s.slug, l.code) aria-label=format!("{}: {}", l.name, l.summary())>{l.summary()}</a></li>
                                                            }).collect_view()}
                                                        </ul>
                                                    </td>
                                                    <td>
                                                        <form method="post" action=action class="inline-form">
                                                            <CsrfField token=csrf.clone() />
                                                            <label for=select_id.clone() class="visually-hidden">{l.tr_args("staff-surveys-status-of", &[("survey", FluentArg::Str(s.title.clone()))])}</label>
                                                            <select id=select_id name="status">
                                                                {STATUSES.into_iter().map(|st| view! {
                                                                    <option value=st selected=st == s.status>{status_name(l, st)}</option>
                                                                }).collect_view()}
                                                            </select>
                                                            <button type="submit" class="link-button">{l.tr_args("staff-surveys-save-status", &[("survey", FluentArg::Str(s.slug.clone()))])}</button>
                                                        </form>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2 id="new">{l.tr("staff-surveys-make")}</h2>
                            <p>{l.tr("staff-surveys-make-help")}</p>
                            <form method="post" action="/staff/admin/surveys" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <label for="survey-slug">{l.tr("staff-surveys-address")}</label>
                                <p class="meta" id="survey-slug-hint">{l.tr("staff-surveys-address-hint")}</p>
                                <input type="text" id="survey-slug" name="slug" required maxlength="80" aria-describedby="survey-slug-hint" value=typed.value("slug", "") aria-invalid=typed.invalid("survey-slug") />
                                <label for="survey-audience">{l.tr("staff-surveys-who")}</label>
                                <select id="survey-audience" name="audience" aria-invalid=typed.invalid("survey-audience")>
                                    {AUDIENCES.into_iter().map(|(a, name)| view! {
                                        <option value=a.as_str() selected=a.as_str() == audience>{l.tr(name)}</option>
                                    }).collect_view()}
                                </select>
                                <label for="new-title">{l.tr("staff-surveys-title-en")}</label>
                                <input type="text" id="new-title" name="title" required maxlength="600" value=typed.value("title", "") aria-invalid=typed.invalid("new-title") />
                                <label for="new-intro">{l.tr("staff-surveys-intro-en")}</label>
                                <textarea id="new-intro" name="intro" required rows="4" maxlength="3000" aria-invalid=typed.invalid("new-intro")>{typed.value("intro", "")}</textarea>
                                <label for="survey-copy">{l.tr("staff-surveys-start-from")}</label>
                                <select id="survey-copy" name="copy" aria-invalid=typed.invalid("survey-copy")>
                                    <option value="" selected=copy.is_empty()>{l.tr("staff-surveys-no-questions")}</option>
                                    {sources.into_iter().map(|(slug, title)| {
                                        let selected = slug == copy;
                                        view! { <option value=slug.clone() selected=selected>{l.tr_args("staff-surveys-questions-of", &[("survey", FluentArg::Str(title.clone()))])}</option> }
                                    }).collect_view()}
                                </select>
                                <button type="submit" class="primary">{l.tr("staff-surveys-make-button")}</button>
                            </form>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}
