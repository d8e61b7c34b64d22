//! The audit log, newest first (administrators). Sign-in attempts are summarised and listed
//! apart from the events (`store::audit::latest`), so a flood of them hides nothing.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::audit_page;
use crate::components::staff::{PageError, StaffNav};
use crate::models::staff::{ATTEMPT_WINDOW_MINUTES, ATTEMPTS_LISTED};

#[component]
pub fn AuditPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| audit_page());
    view! {
        <Title text="Audit log" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, rows)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>"Audit log"</h1>
                        <p class="meta">
                            "The latest 200 events. Failed and refused sign-ins are counted, one line per e-mail address every "
                            {ATTEMPT_WINDOW_MINUTES}
                            " minutes; the latest "
                            {ATTEMPTS_LISTED}
                            " of those lines are listed with the events."
                        </p>
                        <div class="table-scroll" tabindex="0">
                            <table>
                                <thead><tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th><th scope="col">"Detail"</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{r.at}</td>
                                            <td>{r.actor.unwrap_or_else(|| "—".into())}</td>
                                            <td>{r.action}</td>
                                            <td><code>{r.detail}</code></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
