//! The public results ("What we heard"), rendered on the server only: `server::routes::
//! public_results` calls these functions and sends the string. The pages are complete HTML with
//! the site's stylesheet and no script at all, so they carry no hydration data (a Leptos route
//! would send every figure twice: once as HTML, once as serialized data for the browser) and stay
//! well under 50 KB on a slow phone. Links to them from hydrated pages say `rel="external"` so the
//! browser loads them instead of the client-side router looking for them.
//!
//! The frame matches the app's (`components::layout`): skip link, header with the language picker
//! (plain `?lang=` links), main landmark, footer.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use crate::components::results::{DistrictTable, NeedArticle, date};
use crate::i18n::{FluentArg, Locale};
use crate::models::publication::{Publication, PublicationSummary};

/// Where the feed is served.
pub const FEED_PATH: &str = "/results/feed.atom";
/// The open-data files of each publication, in the order the pages list them, with the message
/// that names each.
pub const OPEN_DATA_FILES: [(&str, &str); 5] = [
    ("needs.csv", "results-data-needs"),
    ("districts.csv", "results-data-districts"),
    ("actions.csv", "results-data-actions"),
    ("results.json", "results-data-json"),
    ("datapackage.json", "results-data-package"),
];

/// The address of publication `id`'s open-data `file`.
pub fn open_data_href(id: i32, file: &str) -> String {
    format!("/open-data/publications/{id}/{file}")
}

/// The stable address of publication `id`'s page.
pub fn publication_href(id: i32) -> String {
    format!("/results/{id}")
}

/// The address of the latest results of survey `slug`.
pub fn survey_href(slug: &str) -> String {
    format!("/results/survey/{slug}")
}

/// What a publication covers, for people: its survey's title, or "all surveys".
pub fn scope(locale: Locale, summary: &PublicationSummary) -> String {
    match &summary.survey {
        Some((_, title)) => title.clone(),
        None => locale.tr("results-scope-all"),
    }
}

/// A publication's page. `live` lists every live publication (for links to the others); `path`
/// is the address asked for (the language links point back to it).
pub fn results_page(
    locale: Locale,
    path: &str,
    publication: Publication,
    live: &[PublicationSummary],
) -> String {
    let title = match &publication.results.survey {
        Some((_, survey)) => locale.tr_args(
            "results-title-survey",
            &[("survey", FluentArg::Str(survey.clone()))],
        ),
        None => locale.tr("results-title"),
    };
    let body = view! {
        <h1>{title.clone()}</h1>
        <ResultsBody publication live=live.to_vec() locale />
    };
    document(locale, &title, path, body)
}

/// `/results` (or a survey's) before anything is published.
pub fn no_results_page(locale: Locale, path: &str, live: &[PublicationSummary]) -> String {
    let title = locale.tr("results-title");
    let body = view! {
        <h1>{title.clone()}</h1>
        <p class="lead">{locale.tr("results-none")}</p>
        <OtherPublications live=live.to_vec() current=None locale />
    };
    document(locale, &title, path, body)
}

/// An unknown or withdrawn publication: the same page for both, so it tells nobody that a
/// withdrawn one existed.
pub fn not_found_page(locale: Locale, path: &str) -> String {
    let title = locale.tr("not-found-title");
    let body = view! {
        <h1>{title.clone()}</h1>
        <p>{locale.tr("results-not-found-body")}</p>
        <p><a href=format!("/results?lang={}", locale.code())>{locale.tr("results-back")}</a></p>
    };
    document(locale, &title, path, body)
}

/// `/open-data`: every live publication's files, and the licence they are under.
pub fn open_data_page(
    locale: Locale,
    path: &str,
    live: &[PublicationSummary],
    license_title: &str,
) -> String {
    let title = locale.tr("open-data-title");
    let items = live
        .iter()
        .map(|summary| {
            let heading = locale.tr_args(
                "open-data-publication",
                &[
                    (
                        "date",
                        FluentArg::Str(date(&summary.published_at).to_owned()),
                    ),
                    ("scope", FluentArg::Str(scope(locale, summary))),
                ],
            );
            view! {
                <li>
                    <h2><a href=publication_href(summary.id)>{heading}</a></h2>
                    <FileLinks id=summary.id locale />
                </li>
            }
        })
        .collect_view();
    let body = view! {
        <h1>{title.clone()}</h1>
        <p class="lead">
            {locale.tr_args("open-data-intro", &[("license", FluentArg::Str(license_title.to_owned()))])}
        </p>
        {if live.is_empty() {
            view! { <p>{locale.tr("open-data-none")}</p> }.into_any()
        } else {
            view! { <ul class="results-list">{items}</ul> }.into_any()
        }}
        <p><a href=FEED_PATH type="application/atom+xml">{locale.tr("results-feed")}</a></p>
    };
    document(locale, &title, path, body)
}

#[component]
fn ResultsBody(
    publication: Publication,
    live: Vec<PublicationSummary>,
    locale: Locale,
) -> impl IntoView {
    let id = publication.summary.id;
    let results = &publication.results;
    let scale = results
        .needs
        .iter()
        .filter_map(|n| n.weighted_share.as_ref())
        .map(|e| e.upper.unwrap_or(e.value).max(e.value))
        .fold(0.0_f64, f64::max);
    let needs = results
        .needs
        .iter()
        .map(|need| {
            let statuses = need
                .actions
                .iter()
                .map(|a| publication.status_of(a))
                .collect();
            view! { <NeedArticle need=need.clone() statuses scale locale /> }
        })
        .collect_view();
    let respondents = locale.tr_args(
        "results-respondents",
        &[(
            "count",
            FluentArg::Num(i64::try_from(results.respondents).unwrap_or(i64::MAX)),
        )],
    );
    let published = locale.tr_args(
        "results-published",
        &[(
            "date",
            FluentArg::Str(date(&publication.summary.published_at).to_owned()),
        )],
    );
    let districts = (!results.districts.is_empty()).then(|| {
        view! {
            <section aria-labelledby="districts-heading">
                <h2 id="districts-heading">{locale.tr("results-districts-heading")}</h2>
                <DistrictTable districts=results.districts.clone() needs=results.needs.clone() locale />
            </section>
        }
    });
    let period = results.period.clone().map(|(from, to)| {
        view! {
            <dt>{locale.tr("results-period-label")}</dt>
            <dd>{locale.tr_args("results-period", &[("from", FluentArg::Str(from)), ("to", FluentArg::Str(to))])}</dd>
        }
    });
    let sources = (!results.sources.is_empty()).then(|| {
        let items = results
            .sources
            .iter()
            .map(|(stream, count)| format!("{}: {count}", source_label(locale, stream)))
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <dt>{locale.tr("results-sources-label")}</dt>
            <dd>{items}</dd>
        }
    });
    let weighted = results.weighted;
    view! {
        <p class="lead">{locale.tr("results-lead")}</p>
        <p class="meta">{published} " " {respondents}</p>
        <section aria-labelledby="needs-heading">
            <h2 id="needs-heading">{locale.tr("results-needs-heading")}</h2>
            {weighted.then(|| view! { <p class="meta">{locale.tr("results-share-weighted-note")}</p> })}
            {needs}
        </section>
        {districts}
        <section aria-labelledby="how-heading">
            <h2 id="how-heading">{locale.tr("results-how-heading")}</h2>
            <ul>
                <li>{locale.tr("results-how-ranking")}</li>
                <li>{locale.tr("results-how-interval")}</li>
                <li>{locale.tr("results-how-quotes")}</li>
                <li>{locale.tr("results-how-status")}</li>
            </ul>
        </section>
        <section aria-labelledby="about-heading">
            <h2 id="about-heading">{locale.tr("results-about-heading")}</h2>
            <dl class="facts">{period}{sources}</dl>
        </section>
        <section aria-labelledby="data-heading">
            <h2 id="data-heading">{locale.tr("results-data-heading")}</h2>
            <p>{locale.tr("results-data-intro")}</p>
            <FileLinks id locale />
            <p>
                <a href=FEED_PATH type="application/atom+xml">{locale.tr("results-feed")}</a>
                " · "
                <a href="/open-data">{locale.tr("results-data-index")}</a>
            </p>
        </section>
        <OtherPublications live current=Some(id) locale />
    }
}

/// A publication's open-data files.
#[component]
fn FileLinks(id: i32, locale: Locale) -> impl IntoView {
    let links = OPEN_DATA_FILES
        .into_iter()
        .map(|(file, key)| view! { <li><a href=open_data_href(id, file)>{locale.tr(key)}</a></li> })
        .collect_view();
    view! { <ul class="results-files">{links}</ul> }
}

/// Links to the latest results of each survey, to all surveys' and to the earlier publications.
#[component]
fn OtherPublications(
    live: Vec<PublicationSummary>,
    current: Option<i32>,
    locale: Locale,
) -> impl IntoView {
    let mut surveys: Vec<(String, String)> = live.iter().filter_map(|p| p.survey.clone()).collect();
    surveys.sort();
    surveys.dedup_by(|a, b| a.0 == b.0);
    let has_overall = live.iter().any(|p| p.survey.is_none());
    let survey_links = surveys
        .into_iter()
        .map(|(slug, title)| {
            view! {
                <li><a href=survey_href(&slug)>
                    {locale.tr_args("results-survey-link", &[("survey", FluentArg::Str(title))])}
                </a></li>
            }
        })
        .collect_view();
    let earlier = live
        .iter()
        .filter(|p| Some(p.id) != current)
        .map(|p| {
            let text = locale.tr_args(
                "results-publication-link",
                &[
                    ("date", FluentArg::Str(date(&p.published_at).to_owned())),
                    ("scope", FluentArg::Str(scope(locale, p))),
                ],
            );
            view! { <li><a href=publication_href(p.id)>{text}</a></li> }
        })
        .collect_view();
    let any = live.iter().any(|p| Some(p.id) != current);
    any.then(|| {
        view! {
            <section aria-labelledby="earlier-heading">
                <h2 id="earlier-heading">{locale.tr("results-earlier-heading")}</h2>
                <ul class="results-list">
                    {has_overall.then(|| view! { <li><a href="/results">{locale.tr("results-all-link")}</a></li> })}
                    {survey_links}
                    {earlier}
                </ul>
            </section>
        }
    })
}

/// A source stream's name for people, from its stored name or its English label (a stream the
/// interface does not know is shown as published).
fn source_label(locale: Locale, stream: &str) -> String {
    use crate::models::Stream;
    let known = stream
        .parse::<Stream>()
        .ok()
        .or_else(|| Stream::ALL.into_iter().find(|s| s.label() == stream));
    match known {
        Some(Stream::Resident) => locale.tr("results-source-resident"),
        Some(Stream::Department) => locale.tr("results-source-department"),
        Some(Stream::CommunityOrg) => locale.tr("results-source-community-org"),
        Some(Stream::Notes) => locale.tr("results-source-notes"),
        Some(Stream::Reports) => locale.tr("results-source-reports"),
        None => stream.to_owned(),
    }
}

/// The whole HTML document around `body`: the site's stylesheet, the feed's alternate link, the
/// frame, and no script.
fn document(locale: Locale, title: &str, path: &str, body: impl IntoView + 'static) -> String {
    let code = locale.code();
    let languages = Locale::ALL
        .into_iter()
        .map(|l| {
            let current = (l == locale).then_some("true");
            view! {
                <li><a href=format!("{path}?lang={}", l.code()) hreflang=l.code() lang=l.code() aria-current=current>{l.endonym()}</a></li>
            }
        })
        .collect_view();
    let page = view! {
        <!DOCTYPE html>
        <html lang=code>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <title>{format!("{title} · Needscope")}</title>
                <link rel="stylesheet" href="/pkg/needscope.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="alternate" type="application/atom+xml" href=FEED_PATH title=locale.tr("feed-title") />
            </head>
            <body>
                <a class="skip-link" href="#main">{locale.tr("skip-to-content")}</a>
                <header class="site-header">
                    <div class="wrap header-row">
                        <a class="brand" href=format!("/?lang={code}")>
                            <span class="brand-name">"Needscope"</span>
                            <span class="brand-tag">{locale.tr("brand-tagline")}</span>
                        </a>
                        <nav class="lang-picker" aria-label=locale.tr("language-picker")>
                            <ul>{languages}</ul>
                        </nav>
                    </div>
                </header>
                <main id="main" class="wrap results-page" tabindex="-1">{body}</main>
                <footer class="site-footer">
                    <div class="wrap"><p>{locale.tr("footer-privacy")}</p></div>
                </footer>
            </body>
        </html>
    };
    let owner = Owner::new();
    owner.with(|| page.to_html())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::dashboard::Estimate;
    use crate::models::publication::{
        PublicAction, PublicDistrict, PublicNeed, PublicQuote, PublicResults,
    };
    use crate::models::strategy::ActionStatus;

    fn fixture() -> Publication {
        let need = |rank: usize, id: &str, name: &str| PublicNeed {
            rank: Some(rank),
            theme_id: id.into(),
            name: name.into(),
            description: Some(format!("About {name}")),
            respondents: Some(40),
            weighted_share: Some(Estimate {
                value: 0.234,
                lower: Some(0.198),
                upper: Some(0.271),
            }),
            withheld: None,
            by_district: vec![Some(0.31), None],
            actions: vec![],
            quotes: vec![],
        };
        let mut first = need(1, "T-001", "Safer streets");
        first.actions = vec![PublicAction {
            id: 7,
            title: "Fix streetlights".into(),
            summary: "Repair every broken light in a month".into(),
            department: Some("Transportation".into()),
            status: ActionStatus::Planned,
            due_on: Some("2026-06-30".into()),
        }];
        first.quotes = vec![PublicQuote {
            text: "La calle está oscura de noche".into(),
            lang: "es".into(),
        }];
        let mut second = need(2, "T-002", "Parks & shade");
        second.rank = None;
        second.weighted_share = None;
        second.withheld = Some("too few".into());
        Publication {
            summary: PublicationSummary {
                id: 3,
                run_id: 9,
                survey: None,
                published_at: "2026-03-04T10:00:00Z".into(),
                withdrawn_at: None,
                published_by: None,
                needs: 2,
            },
            results: PublicResults {
                run_id: 9,
                survey: None,
                period: Some(("2026-01-01".into(), "2026-02-28".into())),
                sources: vec![("Resident survey".into(), 120), ("reports".into(), 60)],
                respondents: 120,
                weighted: true,
                suppression_rule: "fewer than 10".into(),
                districts: vec![
                    PublicDistrict {
                        name: "3".into(),
                        respondents: Some(70),
                    },
                    PublicDistrict {
                        name: "7".into(),
                        respondents: None,
                    },
                ],
                needs: vec![first, second],
            },
            live_status: vec![(7, ActionStatus::InProgress)],
        }
    }

    #[test]
    fn the_page_shows_needs_shares_actions_quotes_and_districts_in_spanish() {
        let html = results_page(Locale::Es, "/results", fixture(), &[]);
        assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
        assert!(html.contains("<html lang=\"es\""));
        assert!(html.contains("Lo que escuchamos"));
        assert!(html.contains("1. Safer streets"));
        assert!(html.contains("23,4 %"), "Spanish percentages");
        assert!(
            html.contains("19,8 %") && html.contains("27,1 %"),
            "interval"
        );
        assert!(html.contains("class=\"share-bar\""), "the bar");
        assert!(
            !html.contains("style="),
            "no inline style: the CSP forbids it"
        );
        assert!(!html.contains("<script"), "no script");
        // The live status, not the published one.
        assert!(html.contains("En curso"), "live status shown");
        assert!(!html.contains("Planificada"));
        assert!(
            html.contains("<blockquote lang=\"es\">La calle está oscura de noche</blockquote>")
        );
        assert!(html.contains("Distrito 3"));
        assert!(html.contains("31,0 %"));
        assert!(
            html.contains("aria-hidden=\"true\">—</span>"),
            "suppressed cell"
        );
        assert!(html.contains("id=\"suppressed-note\""));
        assert!(html.contains("Parks &amp; shade"), "text is escaped");
        assert!(html.contains("no se muestran"), "withheld need explained");
        assert!(html.contains("/open-data/publications/3/datapackage.json"));
        assert!(html.contains("rel=\"alternate\" type=\"application/atom+xml\""));
        assert!(html.contains("Solicitudes de servicio al 311: 60"));
        assert!(
            html.contains("Respuestas a la encuesta: 120"),
            "labels are translated too"
        );
    }

    #[test]
    fn the_page_is_light() {
        let html = results_page(Locale::En, "/results", fixture(), &[]);
        assert!(html.len() < 12_000, "{} bytes", html.len());
    }

    #[test]
    fn other_publications_are_linked() {
        let mut other = fixture().summary;
        other.id = 2;
        other.survey = Some(("resident".into(), "Resident survey".into()));
        let html = results_page(
            Locale::En,
            "/results",
            fixture(),
            &[fixture().summary, other],
        );
        assert!(html.contains("href=\"/results/2\""));
        assert!(html.contains("href=\"/results/survey/resident\""));
        assert!(
            !html.contains("href=\"/results/3\""),
            "not a link to itself"
        );
    }
}
