//! The signed-in person's account: who they are, sign out, sign out everywhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::account_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};

#[component]
pub fn AccountPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| account_page());
    view! {
        <Title text="Your account" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ctx) => {
                        let viewer = ctx.viewer.clone();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Your account"</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            {viewer.map(|v| view! {
                                <dl class="facts">
                                    <dt>"Name"</dt><dd>{v.name}</dd>
                                    <dt>"E-mail"</dt><dd>{v.email}</dd>
                                    <dt>"Role"</dt><dd>{v.role.as_str()}</dd>
                                    <dt>"Organization"</dt><dd>{v.organization.unwrap_or_else(|| "—".into())}</dd>
                                </dl>
                            })}
                            <h2>"Sign out everywhere"</h2>
                            <p>"Ends every session of this account, on every device, including this one."</p>
                            <form method="post" action="/logout/everywhere">
                                <CsrfField token=ctx.csrf.clone() />
                                <button type="submit" class="primary">"Sign out everywhere"</button>
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
