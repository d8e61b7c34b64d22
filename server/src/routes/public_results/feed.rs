//! `/results/feed.atom`: an Atom 1.0 feed of what the City publishes for residents: each live
//! publication, and each status change of an action a live publication lists ("you said, we
//! did"). Entries of a withdrawn publication leave the feed with it. Titles are in the visitor's
//! language, like the pages; every id and link is absolute (`public_url`, else the `Host` asked).

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use app::components::results::status_label;
use app::i18n::{FluentArg, Locale};
use app::models::publication::{ActionUpdate, PublicationSummary};
use app::routes::results::{FEED_PATH, publication_href, scope};
use app::store::AppState;
use app::store::publications;

use super::{PublicError, PublicSite, Visitor, language_varies};

/// The most action status changes the feed lists.
const UPDATES: u64 = 50;

#[tracing::instrument(skip_all)]
pub async fn feed(
    State(state): State<AppState>,
    Extension(site): Extension<PublicSite>,
    parts: Parts,
) -> Result<Response, PublicError> {
    let visitor = Visitor::of(&parts);
    let base = site.base(&parts.headers);
    let live = publications::live_list(&state.db).await?;
    let updates = publications::action_updates(&state.db, UPDATES).await?;
    let feed = build(visitor.locale, &base, &live, &updates);
    let body = feed.write_to(Vec::new())?;
    Ok((
        language_varies(),
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response())
}

/// The feed, newest entry first.
fn build(
    locale: Locale,
    base: &str,
    live: &[PublicationSummary],
    updates: &[ActionUpdate],
) -> Feed {
    let mut entries: Vec<Entry> = live
        .iter()
        .filter_map(|p| publication_entry(locale, base, p))
        .chain(updates.iter().filter_map(|u| update_entry(locale, base, u)))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    let updated = entries
        .first()
        .map(|e| e.updated)
        .or_else(|| FixedDateTime::parse_from_rfc3339("1970-01-01T00:00:00Z").ok())
        .unwrap_or_default();
    Feed {
        title: Text::plain(locale.tr("feed-title")),
        id: format!("{base}{FEED_PATH}"),
        updated,
        authors: vec![Person {
            name: locale.tr("brand-tagline"),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: format!("{base}{FEED_PATH}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: format!("{base}/results"),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
        ],
        entries,
        lang: Some(locale.code().to_owned()),
        ..Feed::default()
    }
}

fn publication_entry(locale: Locale, base: &str, summary: &PublicationSummary) -> Option<Entry> {
    let published = FixedDateTime::parse_from_rfc3339(&summary.published_at).ok()?;
    let href = format!("{base}{}", publication_href(summary.id));
    Some(Entry {
        title: Text::plain(locale.tr_args(
            "feed-publication",
            &[("scope", FluentArg::Str(scope(locale, summary)))],
        )),
        id: href.clone(),
        updated: published,
        published: Some(published),
        links: vec![alternate(href)],
        ..Entry::default()
    })
}

fn update_entry(locale: Locale, base: &str, update: &ActionUpdate) -> Option<Entry> {
    let at = FixedDateTime::parse_from_rfc3339(&update.at).ok()?;
    let page = format!("{base}{}", publication_href(update.publication_id));
    Some(Entry {
        title: Text::plain(locale.tr_args(
            "feed-action",
            &[
                ("need", FluentArg::Str(update.theme_name.clone())),
                ("action", FluentArg::Str(update.title.clone())),
                ("status", FluentArg::Str(status_label(locale, update.to))),
            ],
        )),
        // One entry per change: the action and the moment it changed.
        id: format!("{page}#action-{}-{}", update.action_id, at.timestamp()),
        updated: at,
        links: vec![alternate(format!("{page}#action-{}", update.action_id))],
        ..Entry::default()
    })
}

fn alternate(href: String) -> Link {
    Link {
        href,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }
}
