//! Accounts and invitations (administrators): invite someone with a role, change roles, disable
//! accounts, withdraw open invitations.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::users_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::staff::{Role, UserRow};

#[component]
pub fn UsersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| users_page());
    view! {
        <Title text="Users" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let flash = ctx.flash.clone();
                        let kept = move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                        let kept_role = kept("role");
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>"Users"</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>"Invite someone"</h2>
                            <form method="post" action="/staff/admin/invitations" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <label for="invite-email">"E-mail address"</label>
                                <input type="email" id="invite-email" name="email" required value=kept("email") />
                                <label for="invite-role">"Role"</label>
                                <select id="invite-role" name="role">
                                    {Role::ALL.into_iter().map(|r| {
                                        let selected = kept_role == r.as_str();
                                        view! { <option value=r.as_str() selected=selected>{r.as_str()}</option> }
                                    }).collect_view()}
                                </select>
                                <label for="invite-org">"Organization (partners)"</label>
                                <input type="text" id="invite-org" name="organization" value=kept("organization") />
                                <button type="submit" class="primary">"Create invitation link"</button>
                            </form>
                            <h2>"Accounts"</h2>
                            <div class="table-scroll" tabindex="0">
                                <table>
                                    <thead><tr>
                                        <th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Organization"</th>
                                        <th scope="col">"Since"</th><th scope="col">"Role and status"</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.users.into_iter().map(|u| view! { <UserLine user=u csrf=csrf.clone() /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2>"Open invitations"</h2>
                            {if page.invitations.is_empty() {
                                view! { <p>"None."</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {page.invitations.into_iter().map(|i| {
                                            let action = format!("/staff/admin/invitations/{}/revoke", i.id);
                                            view! {
                                                <li>
                                                    <form method="post" action=action class="inline-form">
                                                        <CsrfField token=csrf.clone() />
                                                        {format!("{} as {} — expires {} ", i.email, i.role.as_str(), i.expires_at)}
                                                        <button type="submit" class="link-button">"Withdraw"</button>
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
            })}
        </Suspense>
    }
}

#[component]
fn UserLine(user: UserRow, csrf: String) -> impl IntoView {
    let action = format!("/staff/admin/users/{}", user.id);
    let role_id = format!("role-{}", user.id);
    let disabled_id = format!("disabled-{}", user.id);
    view! {
        <tr>
            <td>{user.name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td>{user.organization.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{user.created_at.clone()}</td>
            <td>
                <form method="post" action=action class="inline-form">
                    <CsrfField token=csrf />
                    <label for=role_id.clone() class="visually-hidden">{format!("Role of {}", user.name)}</label>
                    <select id=role_id name="role">
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r == user.role>{r.as_str()}</option>
                        }).collect_view()}
                    </select>
                    " "
                    <input type="checkbox" id=disabled_id.clone() name="disabled" value="on" checked=user.disabled />
                    <label for=disabled_id>"disabled"</label>
                    " "
                    <button type="submit" class="link-button">"Save"</button>
                </form>
            </td>
        </tr>
    }
}
