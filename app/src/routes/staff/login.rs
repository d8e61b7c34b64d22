//! Sign-in. Posts to `/login`; a wrong password comes back here with the e-mail kept.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::staff::sign_in_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffPage, loading};
use crate::i18n::use_i18n;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next").unwrap_or_default());
    let data = Resource::new(|| (), |_| sign_in_page());
    view! {
        <Title text=i18n.staff_tr("staff-sign-in") />
        <StaffPage>
        <h1>{i18n.staff_t("staff-sign-in")}</h1>
        <p class="lead">{i18n.staff_t("staff-login-lead")}</p>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok(ctx) => {
                        let email = ctx.flash.as_ref().map(|f| f.value("email")).unwrap_or_default();
                        let invalid = ctx.flash.as_ref().is_some_and(|f| f.error).then_some("true");
                        view! {
                            <FlashMessage flash=ctx.flash.clone() />
                            <form method="post" action="/login" class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <input type="hidden" name="next" value=next() />
                                <label for="email">{l.tr("staff-login-email")}</label>
                                <input type="email" id="email" name="email" autocomplete="username" required value=email aria-invalid=invalid />
                                <label for="password">{l.tr("staff-login-password")}</label>
                                <input type="password" id="password" name="password" autocomplete="current-password" required aria-invalid=invalid />
                                <button type="submit" class="primary">{l.tr("staff-sign-in")}</button>
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
