//! The council-district breakdown: one row per need, one column per district, the share of the
//! district's residents who raised the need. A suppressed cell shows "—" (and says "not shown" to
//! screen readers); the footnote under the table gives the small-cell rule. The table scrolls inside
//! its own box on a narrow screen, and the box can be reached and scrolled with the keyboard.

use leptos::prelude::*;

use super::format::percent;
use crate::i18n::{FluentArg, Locale};
use crate::models::publication::{PublicDistrict, PublicNeed};

/// The id of the footnote that explains "—".
pub const SUPPRESSED_NOTE: &str = "suppressed-note";

#[component]
pub fn DistrictTable(
    districts: Vec<PublicDistrict>,
    needs: Vec<PublicNeed>,
    locale: Locale,
) -> impl IntoView {
    let hidden = move || {
        view! {
            <span aria-hidden="true">"—"</span>
            <span class="visually-hidden">{locale.tr("results-not-shown")}</span>
        }
    };
    let head = districts
        .iter()
        .map(|d| view! { <th scope="col">{district_name(locale, &d.name)}</th> })
        .collect_view();
    let respondents = districts
        .iter()
        .map(|d| match d.respondents {
            Some(n) => view! { <td>{n}</td> }.into_any(),
            None => view! { <td>{hidden()}</td> }.into_any(),
        })
        .collect_view();
    let rows = needs
        .into_iter()
        .map(|need| {
            let cells = (0..districts.len())
                .map(|i| match need.by_district.get(i).copied().flatten() {
                    Some(share) => view! { <td>{percent(locale, share)}</td> }.into_any(),
                    None => view! { <td>{hidden()}</td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{need.name}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll results-table" role="region" aria-labelledby="districts-caption" tabindex="0">
            <table aria-describedby=SUPPRESSED_NOTE>
                <caption id="districts-caption">{locale.tr("results-districts-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.tr("results-district-need")}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>
                    <tr class="results-respondents-row">
                        <th scope="row">{locale.tr("results-district-respondents")}</th>
                        {respondents}
                    </tr>
                    {rows}
                </tbody>
            </table>
        </div>
        <p class="meta" id=SUPPRESSED_NOTE>{locale.tr("results-suppressed-note")}</p>
    }
}

/// A district as residents name it: a bare number becomes "District 3" in their language.
fn district_name(locale: Locale, name: &str) -> String {
    match name.trim().parse::<i64>() {
        Ok(number) => locale.tr_args("district-label", &[("number", FluentArg::Num(number))]),
        Err(_) => name.to_owned(),
    }
}
