//! Accounts and invitations (administrators): invite someone with a role, change roles, disable
//! accounts, withdraw open invitations.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::users_page;
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading, role_name,
};
use crate::i18n::{FluentArg, use_i18n};
use crate::models::staff::{Role, UserRow};

#[component]
pub fn UsersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| users_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-nav-users") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let flash = ctx.flash.clone();
                        let kept = move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                        let kept_role = kept("role");
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-nav-users")}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>{l.tr("staff-users-invite")}</h2>
                            <form method="post" action="/staff/admin/invitations" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <label for="invite-email">{l.tr("staff-login-email")}</label>
                                <input type="email" id="invite-email" name="email" required value=kept("email") />
                                <label for="invite-role">{l.tr("staff-users-role")}</label>
                                <select id="invite-role" name="role">
                                    {Role::ALL.into_iter().map(|r| {
                                        let selected = kept_role == r.as_str();
                                        view! { <option value=r.as_str() selected=selected>{role_name(l, r)}</option> }
                                    }).collect_view()}
                                </select>
                                <label for="invite-org">{l.tr("staff-users-organization")}</label>
                                <input type="text" id="invite-org" name="organization" value=kept("organization") />
                                <button type="submit" class="primary">{l.tr("staff-users-create-link")}</button>
                            </form>
                            <h2>{l.tr("staff-users-accounts")}</h2>
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">{l.tr("staff-theme-name")}</th><th scope="col">{l.tr("staff-users-email")}</th><th scope="col">{l.tr("staff-notes-organization")}</th>
                                        <th scope="col">{l.tr("staff-users-since")}</th><th scope="col">{l.tr("staff-users-role-status")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.users.into_iter().map(|u| view! { <UserLine user=u csrf=csrf.clone() /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2>{l.tr("staff-users-open-invitations")}</h2>
                            {if page.invitations.is_empty() {
                                view! { <p>{l.tr("staff-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {page.invitations.into_iter().map(|i| {
                                            let action = format!("/staff/admin/invitations/{}/revoke", i.id);
                                            view! {
                                                <li>
                                                    <form method="post" action=action class="inline-form">
                                                        <CsrfField token=csrf.clone() />
                                                        {l.tr_args("staff-users-invitation", &[("email", FluentArg::Str(i.email.clone())), ("role", FluentArg::Str(role_name(l, i.role))), ("expires", FluentArg::Str(i.expires_at.clone()))])}" "
                                                        <button type="submit" class="link-button">{l.tr("staff-publications-withdraw")}</button>
                                                    </form>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
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

#[component]
fn UserLine(user: UserRow, csrf: String) -> impl IntoView {
    let action = format!("/staff/admin/users/{}", user.id);
    let role_id = format!("role-{}", user.id);
    let disabled_id = format!("disabled-{}", user.id);
    let l = use_i18n().staff_locale();
    view! {
        <tr>
            <td>{user.name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>{user.organization.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{user.created_at.clone()}</td>
            <td>
                <form method="post" action=action class="inline-form">
                    <CsrfField token=csrf />
                    <label for=role_id.clone() class="visually-hidden">{l.tr_args("staff-users-role-of", &[("name", FluentArg::Str(user.name.clone()))])}</label>
                    <select id=role_id name="role">
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r == user.role>{role_name(l, r)}</option>
                        }).collect_view()}
                    </select>
                    " "
                    <input type="checkbox" id=disabled_id.clone() name="disabled" value="on" checked=user.disabled />
                    <label for=disabled_id>{l.tr("staff-users-disabled")}</label>
                    " "
                    <button type="submit" class="link-button">{l.tr("staff-save")}</button>
                </form>
            </td>
        </tr>
    }
}
