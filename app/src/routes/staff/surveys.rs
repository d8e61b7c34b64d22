//! The surveys (administrators): make one (empty or from another's questions), open, close or
//! return each to draft, and go to its editor. A closed survey's page says so and accepts no
//! answers; responses stay tied to the version they answered.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::surveys_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::Audience;
use crate::models::staff::Typed;

const STATUSES: [&str; 3] = ["draft", "open", "closed"];

const AUDIENCES: [(Audience, &str); 3] = [
    (Audience::Resident, "Residents"),
    (Audience::Department, "Department leaders"),
    (Audience::CommunityOrg, "Community organizations"),
];

#[component]
pub fn SurveysPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| surveys_page());
    view! {
        <Title text="Surveys" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, rows)) => {
                        let csrf = ctx.csrf.clone();
                        let typed = Typed::from(&ctx.flash);
                        let copy = typed.value("copy", "");
                        let audience = typed.value("audience", "resident");
                        let sources: Vec<(String, String)> = rows.iter().map(|s| (s.slug.clone(), s.title.clone())).collect();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Surveys"</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">"Survey"</th><th scope="col">"Audience"</th>
                                        <th scope="col">"Version"</th><th scope="col">"Responses"</th><th scope="col">"Translations"</th><th scope="col">"Status"</th>
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
                                                            <label for=select_id.clone() class="visually-hidden">{format!("Status of {}", s.title)}</label>
                                                            <select id=select_id name="status">
                                                                {STATUSES.into_iter().map(|st| view! {
                                                                    <option value=st selected=st == s.status>{st}</option>
                                                                }).collect_view()}
                                                            </select>
                                                            <button type="submit" class="link-button">{format!("Save status of {}", s.slug)}</button>
                                                        </form>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2 id="new">"Make a survey"</h2>
                            <p>"A new survey starts as a draft: residents cannot see it until you open it. Write it in English; translate it from its page."</p>
                            <form method="post" action="/staff/admin/surveys" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <label for="survey-slug">"Address"</label>
                                <p class="meta" id="survey-slug-hint">"The survey's web address, /surveys/…: a-z, 0-9 and hyphens, like parks-2027. It cannot change later."</p>
                                <input type="text" id="survey-slug" name="slug" required maxlength="80" aria-describedby="survey-slug-hint" value=typed.value("slug", "") aria-invalid=typed.invalid("survey-slug") />
                                <label for="survey-audience">"Who it is for"</label>
                                <select id="survey-audience" name="audience" aria-invalid=typed.invalid("survey-audience")>
                                    {AUDIENCES.into_iter().map(|(a, name)| view! {
                                        <option value=a.as_str() selected=a.as_str() == audience>{name}</option>
                                    }).collect_view()}
                                </select>
                                <label for="new-title">"Title (English)"</label>
                                <input type="text" id="new-title" name="title" required maxlength="600" value=typed.value("title", "") aria-invalid=typed.invalid("new-title") />
                                <label for="new-intro">"Introduction (English)"</label>
                                <textarea id="new-intro" name="intro" required rows="4" maxlength="3000" aria-invalid=typed.invalid("new-intro")>{typed.value("intro", "")}</textarea>
                                <label for="survey-copy">"Start from"</label>
                                <select id="survey-copy" name="copy" aria-invalid=typed.invalid("survey-copy")>
                                    <option value="" selected=copy.is_empty()>"No questions yet"</option>
                                    {sources.into_iter().map(|(slug, title)| {
                                        let selected = slug == copy;
                                        view! { <option value=slug.clone() selected=selected>{format!("The questions of {title}")}</option> }
                                    }).collect_view()}
                                </select>
                                <button type="submit" class="primary">"Make the survey"</button>
                            </form>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
