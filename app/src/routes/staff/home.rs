//! The staff overview: where to go next.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::staff_home;
use crate::components::staff::{FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::use_i18n;
use crate::models::staff::ADMINS;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| staff_home());
    view! {
        <Title text=i18n.staff_tr("staff-home-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok(ctx) => {
                        let admin = ctx.viewer.as_ref().is_some_and(|v| v.is(ADMINS));
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-home-title")}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <ul class="survey-list">
                                <li class="card">
                                    <h2><a href="/staff/dashboard">{l.tr("staff-nav-dashboard")}</a></h2>
                                    <p>{l.tr("staff-home-dashboard")}</p>
                                </li>
                                <li class="card">
                                    <h2><a href="/staff/runs">{l.tr("staff-nav-runs")}</a></h2>
                                    <p>{l.tr("staff-home-runs")}</p>
                                </li>
                                {admin.then(|| view! {
                                    <li class="card">
                                        <h2><a href="/staff/admin/surveys">{l.tr("staff-nav-surveys")}</a></h2>
                                        <p>{l.tr("staff-home-surveys")}</p>
                                    </li>
                                    <li class="card">
                                        <h2><a href="/staff/admin/users">{l.tr("staff-nav-users")}</a></h2>
                                        <p>{l.tr("staff-home-users")}</p>
                                    </li>
                                    <li class="card">
                                        <h2><a href="/staff/admin/audit">{l.tr("staff-nav-audit")}</a></h2>
                                        <p>{l.tr("staff-home-audit")}</p>
                                    </li>
                                })}
                            </ul>
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
