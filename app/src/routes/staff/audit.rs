//! The audit log, newest first (administrators). Sign-in attempts are summarised and listed
//! apart from the events (`store::audit::latest`), so a flood of them hides nothing.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::audit_page;
use crate::components::staff::{PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::staff::{ATTEMPT_WINDOW_MINUTES, ATTEMPTS_LISTED};

#[component]
pub fn AuditPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| audit_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-nav-audit") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, rows)) => view! {
                        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                        <h1>{l.tr("staff-nav-audit")}</h1>
                        <p class="meta">
                            {l.tr_args("staff-audit-lead", &[("minutes", FluentArg::Num(ATTEMPT_WINDOW_MINUTES)), ("listed", FluentArg::Num(ATTEMPTS_LISTED as i64))])}
                        </p>
                        <div class="table-scroll" tabindex="0">
                            <table>
                                <thead><tr><th scope="col">{l.tr("staff-audit-when")}</th><th scope="col">{l.tr("staff-audit-who")}</th><th scope="col">{l.tr("staff-actions-col-action")}</th><th scope="col">{l.tr("staff-audit-detail")}</th></tr></thead>
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
            })
            }}
        </Suspense>
        </StaffPage>
    }
}
