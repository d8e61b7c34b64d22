//! An invitation link's landing page: choose a name and password to create the account, or read
//! why the link cannot be used (expired, withdrawn, already used, unknown).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::staff::invitation_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffPage, loading, role_name};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::staff::Role;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(token, invitation_page);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-invitation-title") />
        <StaffPage>
        <h1>{i18n.staff_t("staff-invitation-title")}</h1>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((_, page)) if page.problem.is_some() => view! {
                        <p class="notice" role="alert">{page.problem}</p>
                        <p><a href="/login">{l.tr("staff-invitation-sign-in")}</a></p>
                    }
                    .into_any(),
                    Ok((ctx, page)) => {
                        let action = format!("/invitations/{}", token());
                        let name = ctx.flash.as_ref().map(|f| f.value("name")).unwrap_or_default();
                        let field = ctx.flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
                        let invalid = move |f: &str| (field == f).then_some("true");
                        view! {
                            <p class="lead">
                                {l.tr_args(
                                    "staff-invitation-lead",
                                    &[
                                        ("role", FluentArg::Str(role_name(l, page.role.unwrap_or(Role::Partner)))),
                                        ("email", FluentArg::Str(page.email.unwrap_or_default())),
                                    ],
                                )}
                            </p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <form method="post" action=action class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <label for="name">{l.tr("staff-invitation-name")}</label>
                                <input type="text" id="name" name="name" autocomplete="name" required value=name aria-invalid=invalid("name") />
                                <label for="password">{l.tr("staff-invitation-password")}</label>
                                <p class="q-help" id="password-help">{l.tr("staff-invitation-password-help")}</p>
                                <input type="password" id="password" name="password" autocomplete="new-password" required aria-describedby="password-help" aria-invalid=invalid("password") />
                                <label for="confirm">{l.tr("staff-invitation-confirm")}</label>
                                <input type="password" id="confirm" name="confirm" autocomplete="new-password" required aria-invalid=invalid("confirm") />
                                <button type="submit" class="primary">{l.tr("staff-invitation-create")}</button>
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
