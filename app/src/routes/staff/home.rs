//! The staff overview: where to go next.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::staff_home;
use crate::components::staff::{FlashMessage, PageError, StaffNav};
use crate::models::staff::ADMINS;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| staff_home());
    view! {
        <Title text="Staff overview" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ctx) => {
                        let admin = ctx.viewer.as_ref().is_some_and(|v| v.is(ADMINS));
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Staff overview"</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <ul class="survey-list">
                                <li class="card">
                                    <h2><a href="/staff/dashboard">"Dashboard"</a></h2>
                                    <p>"Need themes ranked by equity-weighted priority, with quotes, charts and exports."</p>
                                </li>
                                <li class="card">
                                    <h2><a href="/staff/runs">"Analysis runs"</a></h2>
                                    <p>"Group the free text of responses and reports into themes; follow progress or cancel."</p>
                                </li>
                                {admin.then(|| view! {
                                    <li class="card">
                                        <h2><a href="/staff/admin/surveys">"Surveys"</a></h2>
                                        <p>"Open and close the surveys; see how many responses each has."</p>
                                    </li>
                                    <li class="card">
                                        <h2><a href="/staff/admin/users">"Users"</a></h2>
                                        <p>"Invite analysts and partners, change roles, disable accounts."</p>
                                    </li>
                                    <li class="card">
                                        <h2><a href="/staff/admin/audit">"Audit log"</a></h2>
                                        <p>"Sign-ins, role changes, configuration changes, exports and analysis runs."</p>
                                    </li>
                                })}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
