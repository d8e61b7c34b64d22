//! The signed-in person's account: who they are, their personal API tokens (strategy staff), sign
//! out, sign out everywhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::account_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::staff::STAFF;
use crate::models::tokens::{EXPIRY_CHOICES, MAX_NAME_CHARS, TokenRow};

#[component]
pub fn AccountPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| account_page());
    view! {
        <Title text="Your account" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, tokens)) => {
                        let viewer = ctx.viewer.clone();
                        let staff = viewer.as_ref().is_some_and(|v| v.is(STAFF));
                        let flash = ctx.flash.clone();
                        let csrf = ctx.csrf.clone();
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
                            {staff.then(|| view! { <ApiTokens tokens flash csrf=csrf.clone() /> })}
                            <h2>"Sign out everywhere"</h2>
                            <p>
                                "Ends every session of this account, on every device, including this one"
                                {staff.then_some(", and revokes all your API tokens")}
                                "."
                            </p>
                            <form method="post" action="/logout/everywhere">
                                <CsrfField token=csrf />
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

/// Make a token (shown once, in the flash message), see and revoke the viewer's tokens.
#[component]
fn ApiTokens(
    tokens: Vec<TokenRow>,
    flash: Option<crate::models::staff::Flash>,
    csrf: String,
) -> impl IntoView {
    let field = flash
        .as_ref()
        .and_then(|f| f.field.clone())
        .unwrap_or_default();
    let invalid = move |f: &str| (field == f).then_some("true");
    let kept = |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
    let expiry = Some(kept("expires"))
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "90".into());
    view! {
        <h2>"API tokens"</h2>
        <p id="token-hint">
            "A token lets your scripts (curl, R, Python) read the staff API under /api/v1 as you, "
            "with the header " <code>"Authorization: Bearer <token>"</code>
            ". It works for the API only, never for these pages or their forms. "
            "The token is shown once, right after you make it: keep it like a password."
        </p>
        <form method="post" action="/account/tokens" class="stack-form">
            <CsrfField token=csrf.clone() />
            <label for="token-name">"Name (what the token is for)"</label>
            <input type="text" id="token-name" name="name" required maxlength=MAX_NAME_CHARS.to_string()
                value=kept("name") aria-invalid=invalid("token-name") aria-describedby="token-hint" />
            <label for="token-expires">"Expires after"</label>
            <select id="token-expires" name="expires" aria-invalid=invalid("token-expires")>
                {EXPIRY_CHOICES.into_iter().map(|(value, label)| {
                    let selected = value == expiry;
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="primary">"Make a token"</button>
        </form>
        {if tokens.is_empty() {
            view! { <p>"You have no API tokens."</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Created"</th><th scope="col">"Last used"</th>
                            <th scope="col">"Expires"</th><th scope="col">"State"</th><th scope="col">"Revoke"</th>
                        </tr></thead>
                        <tbody>
                            {tokens.into_iter().map(|t| {
                                let active = t.status == "active";
                                let action = format!("/account/tokens/{}/revoke", t.id);
                                let label = format!("Revoke the token {}", t.name);
                                view! {
                                    <tr>
                                        <td>{t.name.clone()}</td>
                                        <td>{t.created_at}</td>
                                        <td>{t.last_used_at.unwrap_or_else(|| "never".into())}</td>
                                        <td>{t.expires_at.unwrap_or_else(|| "never".into())}</td>
                                        <td>{t.status.clone()}</td>
                                        <td>
                                            {active.then(|| view! {
                                                <form method="post" action=action class="inline-form">
                                                    <CsrfField token=csrf.clone() />
                                                    <button type="submit" class="link-button" aria-label=label>"Revoke"</button>
                                                </form>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}
