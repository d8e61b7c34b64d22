//! The audit log, newest first (administrators).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::audit_page;
use crate::components::staff::{PageError, StaffNav};

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
                        <p class="meta">"The latest 200 events."</p>
                        <div class="table-scroll">
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
