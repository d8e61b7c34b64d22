//! One need: its name and description, its share with the interval (text, and a bar that says the
//! same to the eye), the actions the City has taken on for it with their current status ("you
//! said, we did"), and the quotes staff approved, each marked with its own language.

use leptos::prelude::*;

use super::format::{date, percent, status_label};
use crate::components::share_bar::ShareBar;
use crate::i18n::{FluentArg, Locale};
use crate::models::publication::{PublicAction, PublicNeed};
use crate::models::strategy::ActionStatus;

/// `need`, with `statuses` the status to show for each of its actions (in order) and `scale` the
/// share at the right end of every need's bar, so bars compare across needs.
#[component]
pub fn NeedArticle(
    need: PublicNeed,
    statuses: Vec<ActionStatus>,
    scale: f64,
    locale: Locale,
) -> impl IntoView {
    let heading = match need.rank {
        Some(rank) => format!("{rank}. {}", need.name),
        None => need.name.clone(),
    };
    let figures = match (&need.weighted_share, need.withheld.is_some()) {
        (Some(share), false) => {
            let text = match (share.lower, share.upper) {
                (Some(lower), Some(upper)) => locale.tr_args(
                    "results-share",
                    &[
                        ("share", FluentArg::Str(percent(locale, share.value))),
                        ("lower", FluentArg::Str(percent(locale, lower))),
                        ("upper", FluentArg::Str(percent(locale, upper))),
                    ],
                ),
                _ => locale.tr_args(
                    "results-share-plain",
                    &[("share", FluentArg::Str(percent(locale, share.value)))],
                ),
            };
            view! {
                <p class="results-share">
                    <ShareBar estimate=*share max=scale />
                    " "
                    <span>{text}</span>
                </p>
            }
            .into_any()
        }
        _ => view! { <p class="results-withheld">{locale.tr("results-withheld")}</p> }.into_any(),
    };
    let respondents = need
        .respondents
        .filter(|_| need.withheld.is_none())
        .map(|n| {
            locale.tr_args(
                "results-need-respondents",
                &[(
                    "count",
                    FluentArg::Num(i64::try_from(n).unwrap_or(i64::MAX)),
                )],
            )
        });
    let actions = if need.actions.is_empty() {
        view! { <p class="meta">{locale.tr("results-no-actions")}</p> }.into_any()
    } else {
        let items = need
            .actions
            .into_iter()
            .zip(
                statuses
                    .into_iter()
                    .chain(std::iter::repeat(ActionStatus::Proposed)),
            )
            .map(|(action, status)| view! { <ActionItem action status locale /> })
            .collect_view();
        view! { <ul class="results-actions">{items}</ul> }.into_any()
    };
    let quotes = (!need.quotes.is_empty()).then(|| {
        let items = need
            .quotes
            .into_iter()
            .map(|q| view! { <blockquote lang=q.lang>{q.text}</blockquote> })
            .collect_view();
        view! {
            <h4>{locale.tr("results-quotes-heading")}</h4>
            <div class="quote">{items}</div>
        }
    });
    view! {
        <article class="results-need" id=format!("need-{}", need.theme_id)>
            <h3>{heading}</h3>
            {need.description.map(|d| view! { <p>{d}</p> })}
            {figures}
            {respondents.map(|r| view! { <p class="meta">{r}</p> })}
            <h4>{locale.tr("results-actions-heading")}</h4>
            {actions}
            {quotes}
        </article>
    }
}

/// One action: what the City said it would do, who leads it, by when, and where it stands.
#[component]
fn ActionItem(action: PublicAction, status: ActionStatus, locale: Locale) -> impl IntoView {
    let status_text = locale.tr_args(
        "results-action-status",
        &[("status", FluentArg::Str(status_label(locale, status)))],
    );
    let details = [
        action.department.map(|d| {
            locale.tr_args(
                "results-action-department",
                &[("department", FluentArg::Str(d))],
            )
        }),
        action.due_on.map(|d| {
            locale.tr_args(
                "results-action-due",
                &[("date", FluentArg::Str(date(&d).to_owned()))],
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li id=format!("action-{}", action.id)>
            <strong>{action.title}</strong>
            " "
            <span class=format!("badge results-status results-status-{}", status.as_str())>{status_text}</span>
            <p>{action.summary}</p>
            {(!details.is_empty()).then(|| view! { <p class="meta">{details}</p> })}
        </li>
    }
}
