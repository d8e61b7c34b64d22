//! The surveys (administrators): open, close or return each to draft. A closed survey's page says
//! so and accepts no answers; responses stay tied to the version they answered.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::surveys_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};

const STATUSES: [&str; 3] = ["draft", "open", "closed"];

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
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Surveys"</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <div class="table-scroll">
                                <table>
                                    <thead><tr>
                                        <th scope="col">"Survey"</th><th scope="col">"Audience"</th>
                                        <th scope="col">"Version"</th><th scope="col">"Responses"</th><th scope="col">"Status"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|s| {
                                            let action = format!("/staff/admin/surveys/{}", s.slug);
                                            let select_id = format!("status-{}", s.slug);
                                            view! {
                                                <tr>
                                                    <td><a href=format!("/surveys/{}", s.slug)>{s.title.clone()}</a></td>
                                                    <td>{s.audience.clone()}</td>
                                                    <td>{s.version}</td>
                                                    <td>{s.responses}</td>
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
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
