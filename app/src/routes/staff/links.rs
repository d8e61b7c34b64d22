//! Invitation links to the department and community-organization instruments (strategy staff):
//! make one for an organization (single- or multi-use, expiring), see how often each was used,
//! withdraw one. A response through a link records the organization.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::links::links_page;
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading, state_name,
};
use crate::i18n::{FluentArg, use_i18n};

#[component]
pub fn LinksPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| links_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-nav-links") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let tr = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let csrf = ctx.csrf.clone();
                        let flash = ctx.flash.clone();
                        let kept = move |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                        let field = ctx.flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
                        let invalid = |f: &str| (field == f).then_some("true");
                        let survey = kept("survey");
                        let multi = kept("uses") == "multi";
                        let days = Some(kept("expires_days")).filter(|d| !d.is_empty()).unwrap_or_else(|| "14".into());
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <h1>{tr.tr("staff-nav-links")}</h1>
                            <p class="lead">{tr.tr("staff-links-lead")}</p>
                            <FlashMessage flash=ctx.flash.clone() />
                            <h2>{tr.tr("staff-links-make")}</h2>
                            <form method="post" action="/staff/links" class="stack-form">
                                <CsrfField token=csrf.clone() />
                                <label for="link-survey">{tr.tr("staff-links-instrument")}</label>
                                <select id="link-survey" name="survey" required aria-invalid=invalid("link-survey")>
                                    {page.instruments.into_iter().map(|(slug, title)| {
                                        let selected = slug == survey;
                                        view! { <option value=slug selected=selected>{title}</option> }
                                    }).collect_view()}
                                </select>
                                <label for="link-organization">{tr.tr("staff-notes-organization")}</label>
                                <input type="text" id="link-organization" name="organization" required maxlength="200" value=kept("organization") aria-invalid=invalid("link-organization") />
                                <fieldset>
                                    <legend>{tr.tr("staff-links-how-many")}</legend>
                                    <div class="choices">
                                        <div class="choice">
                                            <input type="radio" id="link-single" name="uses" value="single" checked=!multi />
                                            <label for="link-single">{tr.tr("staff-links-single")}</label>
                                        </div>
                                        <div class="choice">
                                            <input type="radio" id="link-multi" name="uses" value="multi" checked=multi />
                                            <label for="link-multi">{tr.tr("staff-links-multi")}</label>
                                        </div>
                                    </div>
                                </fieldset>
                                <label for="link-max">{tr.tr("staff-links-max")}</label>
                                <input type="number" id="link-max" name="max_uses" min="1" max="10000" class="short" value=kept("max_uses") aria-invalid=invalid("link-max") />
                                <label for="link-days">{tr.tr("staff-links-days")}</label>
                                <input type="number" id="link-days" name="expires_days" min="1" max="365" class="short" required value=days aria-invalid=invalid("link-days") />
                                <button type="submit" class="primary">{tr.tr("staff-links-make-button")}</button>
                            </form>
                            <h2>{tr.tr("staff-links-links")}</h2>
                            {if page.rows.is_empty() {
                                view! { <p>{tr.tr("staff-links-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-scroll" tabindex="0">
                                        <table>
                                            <thead><tr>
                                                <th scope="col">{tr.tr("staff-links-instrument")}</th><th scope="col">{tr.tr("staff-notes-organization")}</th><th scope="col">{tr.tr("staff-surveys-responses")}</th>
                                                <th scope="col">{tr.tr("staff-links-expires")}</th><th scope="col">{tr.tr("staff-publications-col-state")}</th><th scope="col">{tr.tr("staff-publications-withdraw")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {page.rows.into_iter().map(|l| {
                                                    let uses = match l.max_uses {
                                                        Some(max) => tr.tr_args("staff-links-uses", &[("uses", FluentArg::Num(l.uses as i64)), ("max", FluentArg::Num(max as i64))]),
                                                        None => l.uses.to_string(),
                                                    };
                                                    let active = l.status == "active";
                                                    let action = format!("/staff/links/{}/revoke", l.id);
                                                    let label = tr.tr_args("staff-links-withdraw", &[("organization", FluentArg::Str(l.organization.clone()))]);
                                                    view! {
                                                        <tr>
                                                            <td>{l.survey_title.clone()}</td>
                                                            <td>{l.organization.clone()}</td>
                                                            <td>{uses}</td>
                                                            <td>{l.expires_at.clone()}</td>
                                                            <td>{state_name(tr, &l.status)}</td>
                                                            <td>
                                                                {active.then(|| view! {
                                                                    <form method="post" action=action class="inline-form">
                                                                        <CsrfField token=csrf.clone() />
                                                                        <button type="submit" class="link-button" aria-label=label>{tr.tr("staff-publications-withdraw")}</button>
                                                                    </form>
                                                                })}
                                                            </td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
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
