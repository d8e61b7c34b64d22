//! The live Open311 feed (administrators): where to pull service requests from (base URL,
//! jurisdiction, API key, written but never shown back), how often, whether it is on, a "Pull
//! now" button, and what the last pull did. Plain form posts; works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::report_feed::feed_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav, StaffPage, loading};
use crate::i18n::{FluentArg, Locale, use_i18n};
use crate::models::report_feed::{DEFAULT_INTERVAL_MINUTES, DEFAULT_SOURCE, FeedView};

#[component]
pub fn ReportFeedPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| feed_page());
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-feed-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, feed)) => {
                        let flash = ctx.flash.clone();
                        let posted = flash.as_ref().is_some_and(|f| !f.values.is_empty());
                        let kept = {
                            let flash = flash.clone();
                            move |name: &str| flash.as_ref().map(|x| x.value(name)).unwrap_or_default()
                        };
                        let field = flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
                        let invalid = move |id: &str| (field == id).then_some("true");
                        let value = |name: &str, stored: String| if posted { kept(name) } else { stored };
                        let source = value("source", feed.as_ref().map_or_else(|| DEFAULT_SOURCE.to_owned(), |f| f.source.clone()));
                        let base_url = value("base_url", feed.as_ref().map(|f| f.base_url.clone()).unwrap_or_default());
                        let jurisdiction = value("jurisdiction_id", feed.as_ref().and_then(|f| f.jurisdiction_id.clone()).unwrap_or_default());
                        let interval = value("interval_minutes", feed.as_ref().map_or(DEFAULT_INTERVAL_MINUTES, |f| f.interval_minutes).to_string());
                        let enabled = if posted { kept("enabled") == "on" } else { feed.as_ref().is_some_and(|f| f.enabled) };
                        let hint = feed.as_ref().and_then(|f| f.api_key_hint.clone());
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p class="meta"><a href="/staff/reports">{l.tr("staff-reports-title")}</a></p>
                            <h1>{l.tr("staff-feed-title")}</h1>
                            <p class="lead">{l.tr("staff-feed-lead")}</p>
                            <FlashMessage flash=flash.clone() />
                            <h2>{l.tr("staff-feed-last-pull")}</h2>
                            {match feed.clone() {
                                Some(f) => view! { <LastPull f l /> }.into_any(),
                                None => view! { <p>{l.tr("staff-feed-none")}</p> }.into_any(),
                            }}
                            {feed.is_some().then(|| view! {
                                <form method="post" action="/staff/reports/feed/pull" class="stack-form">
                                    <CsrfField token=ctx.csrf.clone() />
                                    <button type="submit" class="primary">{l.tr("staff-feed-pull-now")}</button>
                                </form>
                            })}
                            <h2>{l.tr("staff-feed-settings")}</h2>
                            <form method="post" action="/staff/reports/feed" class="stack-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <label for="feed-base-url">{l.tr("staff-feed-base-url")}</label>
                                <p class="q-help" id="feed-base-url-help">{l.tr("staff-feed-base-url-help")}</p>
                                <input type="url" id="feed-base-url" name="base_url" required maxlength="2000" value=base_url aria-describedby="feed-base-url-help" aria-invalid=invalid("feed-base-url") />
                                <label for="feed-jurisdiction">{l.tr("staff-feed-jurisdiction")}</label>
                                <p class="q-help" id="feed-jurisdiction-help">{l.tr("staff-feed-jurisdiction-help")}</p>
                                <input type="text" id="feed-jurisdiction" name="jurisdiction_id" maxlength="200" value=jurisdiction aria-describedby="feed-jurisdiction-help" aria-invalid=invalid("feed-jurisdiction") />
                                <label for="feed-api-key">{l.tr("staff-feed-api-key")}</label>
                                <p class="q-help" id="feed-api-key-help">
                                    {match hint.clone() {
                                        Some(h) => l.tr_args("staff-feed-api-key-stored", &[("hint", FluentArg::Str(h))]),
                                        None => l.tr("staff-feed-api-key-help"),
                                    }}
                                </p>
                                <input type="password" id="feed-api-key" name="api_key" maxlength="500" autocomplete="off" value="" aria-describedby="feed-api-key-help" aria-invalid=invalid("feed-api-key") />
                                {hint.is_some().then(|| view! {
                                    <div class="check">
                                        <input type="checkbox" id="feed-remove-api-key" name="remove_api_key" />
                                        <label for="feed-remove-api-key">{l.tr("staff-feed-api-key-remove")}</label>
                                    </div>
                                })}
                                <label for="feed-source">{l.tr("staff-reports-source")}</label>
                                <p class="q-help" id="feed-source-help">{l.tr("staff-feed-source-help")}</p>
                                <input type="text" id="feed-source" name="source" required maxlength="80" value=source aria-describedby="feed-source-help" aria-invalid=invalid("feed-source") />
                                <label for="feed-interval">{l.tr("staff-feed-interval")}</label>
                                <p class="q-help" id="feed-interval-help">{l.tr("staff-feed-interval-help")}</p>
                                <input type="number" id="feed-interval" name="interval_minutes" required min="5" max="10080" step="1" inputmode="numeric" value=interval aria-describedby="feed-interval-help" aria-invalid=invalid("feed-interval") />
                                <div class="check">
                                    <input type="checkbox" id="feed-enabled" name="enabled" checked=enabled />
                                    <label for="feed-enabled">{l.tr("staff-feed-enabled")}</label>
                                </div>
                                <button type="submit" class="primary">{l.tr("staff-feed-save")}</button>
                            </form>
                            <h2>{l.tr("staff-feed-how")}</h2>
                            <p>{l.tr("staff-feed-how-paging")}</p>
                            <p>{l.tr("staff-feed-how-closed")}</p>
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

/// What the last pull did.
#[component]
fn LastPull(f: FeedView, l: Locale) -> impl IntoView {
    let Some(at) = f.last_pull_at.clone() else {
        return view! { <p id="feed-last-outcome">{l.tr("staff-feed-never-pulled")}</p> }
            .into_any();
    };
    let state = if f.last_ok == Some(true) {
        l.tr("staff-feed-ok")
    } else {
        l.tr("staff-feed-failed")
    };
    view! {
        <dl class="facts">
            <div><dt>{l.tr("staff-feed-pulled-at")}</dt><dd>{at}</dd></div>
            <div><dt>{l.tr("staff-feed-state")}</dt><dd>{state}</dd></div>
            <div><dt>{l.tr("staff-feed-new")}</dt><dd>{f.last_new}</dd></div>
            <div><dt>{l.tr("staff-feed-updated")}</dt><dd>{f.last_updated}</dd></div>
            <div><dt>{l.tr("staff-feed-unchanged")}</dt><dd>{f.last_unchanged}</dd></div>
            <div><dt>{l.tr("staff-feed-refused")}</dt><dd>{f.last_refused}</dd></div>
            <div><dt>{l.tr("staff-feed-cursor")}</dt><dd>{f.cursor.clone().unwrap_or_else(|| "—".into())}</dd></div>
        </dl>
        <p lang="en" id="feed-last-outcome">{f.last_outcome.clone().unwrap_or_default()}</p>
        <p class="meta">{if f.enabled {
            l.tr_args("staff-feed-schedule-on", &[("minutes", FluentArg::Num(i64::from(f.interval_minutes)))])
        } else {
            l.tr("staff-feed-schedule-off")
        }}</p>
    }
    .into_any()
}
