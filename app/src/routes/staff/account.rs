//! The signed-in person's account: who they are, their personal API tokens (strategy staff), sign
//! out, sign out everywhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::staff::account_page;
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading, role_name, state_name,
};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::staff::STAFF;
use crate::models::tokens::{EXPIRY_CHOICES, MAX_NAME_CHARS, TokenRow};

#[component]
pub fn AccountPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| account_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-account-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, tokens)) => {
                        let viewer = ctx.viewer.clone();
                        let staff = viewer.as_ref().is_some_and(|v| v.is(STAFF));
                        let flash = ctx.flash.clone();
                        let csrf = ctx.csrf.clone();
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{l.tr("staff-account-title")}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            {viewer.map(|v| view! {
                                <dl class="facts">
                                    <dt>{l.tr("staff-theme-name")}</dt><dd>{v.name}</dd>
                                    <dt>{l.tr("staff-users-email")}</dt><dd>{v.email}</dd>
                                    <dt>{l.tr("staff-users-role")}</dt><dd>{role_name(l, v.role)}</dd>
                                    <dt>{l.tr("staff-notes-organization")}</dt><dd>{v.organization.unwrap_or_else(|| "—".into())}</dd>
                                </dl>
                            })}
                            {staff.then(|| view! { <ApiTokens tokens flash csrf=csrf.clone() /> })}
                            <h2>{l.tr("staff-account-everywhere")}</h2>
                            <p>
                                {l.tr(if staff { "staff-account-everywhere-help-staff" } else { "staff-account-everywhere-help" })}
                            </p>
                            <form method="post" action="/logout/everywhere">
                                <CsrfField token=csrf />
                                <button type="submit" class="primary">{l.tr("staff-account-everywhere")}</button>
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
    let l = use_i18n().staff_locale();
    view! {
        <h2>{l.tr("staff-tokens-title")}</h2>
        <p id="token-hint">
            {l.tr("staff-tokens-hint")}" " <code>"Authorization: Bearer <token>"</code>
            ". "{l.tr("staff-tokens-hint-after")}
        </p>
        <form method="post" action="/account/tokens" class="stack-form">
            <CsrfField token=csrf.clone() />
            <label for="token-name">{l.tr("staff-tokens-name")}</label>
            <input type="text" id="token-name" name="name" required maxlength=MAX_NAME_CHARS.to_string()
                value=kept("name") aria-invalid=invalid("token-name") aria-describedby="token-hint" />
            <label for="token-expires">{l.tr("staff-tokens-expires-after")}</label>
            <select id="token-expires" name="expires" aria-invalid=invalid("token-expires")>
                {EXPIRY_CHOICES.into_iter().map(|(value, label)| {
                    let selected = value == expiry;
                    view! { <option value=value selected=selected>{expiry_label(l, value, label)}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="primary">{l.tr("staff-tokens-make")}</button>
        </form>
        {if tokens.is_empty() {
            view! { <p>{l.tr("staff-tokens-none")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>
                            <th scope="col">{l.tr("staff-theme-name")}</th><th scope="col">{l.tr("staff-tokens-created")}</th><th scope="col">{l.tr("staff-tokens-last-used")}</th>
                            <th scope="col">{l.tr("staff-links-expires")}</th><th scope="col">{l.tr("staff-publications-col-state")}</th><th scope="col">{l.tr("staff-tokens-revoke")}</th>
                        </tr></thead>
                        <tbody>
                            {tokens.into_iter().map(|t| {
                                let active = t.status == "active";
                                let action = format!("/account/tokens/{}/revoke", t.id);
                                let label = l.tr_args("staff-tokens-revoke-named", &[("name", FluentArg::Str(t.name.clone()))]);
                                view! {
                                    <tr>
                                        <td>{t.name.clone()}</td>
                                        <td>{t.created_at}</td>
                                        <td>{t.last_used_at.unwrap_or_else(|| l.tr("staff-tokens-never"))}</td>
                                        <td>{t.expires_at.unwrap_or_else(|| l.tr("staff-tokens-never"))}</td>
                                        <td>{state_name(l, &t.status)}</td>
                                        <td>
                                            {active.then(|| view! {
                                                <form method="post" action=action class="inline-form">
                                                    <CsrfField token=csrf.clone() />
                                                    <button type="submit" class="link-button" aria-label=label>{l.tr("staff-tokens-revoke")}</button>
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

/// A token expiry choice in the staff pages' language (`label` is its English).
fn expiry_label(l: Locale, value: &str, label: &'static str) -> String {
    match value {
        "never" => l.tr("staff-tokens-expiry-never"),
        "365" => l.tr("staff-tokens-expiry-year"),
        days => days.parse::<i64>().map_or_else(
            |_| label.to_owned(),
            |days| {
                l.tr_args(
                    "staff-tokens-expiry-days",
                    &[("days", FluentArg::Num(days))],
                )
            },
        ),
    }
}
