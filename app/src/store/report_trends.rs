//! Weekly counts of imported reports by category, theme, council district and ZIP, each checked
//! with `analysis::trends`. Portable across SQLite and PostgreSQL: SQL only selects the dated
//! reports (with their prediction) that match the filters; weeks are counted here, in UTC, so no
//! database's date functions are needed. On 100,000 reports this takes well under a second (see
//! the ignored timing test in the server's HTTP tests).

use std::collections::{BTreeMap, BTreeSet};

use analysis::trends::{self, Baseline, Flag, Trend};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

use super::categories;
use super::entities::{report, report_prediction};
use crate::models::report_trends::{
    AreaKind, Counted, Hotspot, TrendSeries, TrendsFilter, TrendsReport, WeekCheck, WeekFlag,
    WeekRise,
};

/// Weeks counted at most: five years and the week checked, all the seasonal baseline reads.
const MAX_WEEKS: usize = trends::anomaly::MAX_YEARS * trends::anomaly::YEAR_WEEKS + 2;
/// Hotspots listed at most.
const MAX_HOTSPOTS: usize = 50;

/// One dated report as the trends read it.
struct Row {
    day: Date,
    category: Option<String>,
    by_prediction: bool,
    district: Option<String>,
    zip: Option<String>,
    theme: Option<(String, String)>,
    run: Option<i32>,
}

/// The trends of the reports `filter` selects (its dates must have been checked: a bad one is
/// reported in `problem` and left out).
pub async fn trends(db: &DatabaseConnection, filter: TrendsFilter) -> Result<TrendsReport, DbErr> {
    let filter = filter.normalised();
    let (dates, problem) = match filter.dates() {
        Ok(d) => (d, None),
        Err(p) => ((None, None), Some(p)),
    };
    let confidence = categories::latest(db).await?.map(|c| c.flag_confidence);
    let rows = dated_rows(db, &filter, dates, confidence).await?;
    let undated = undated(db, &filter).await?;
    let mut report = build(rows, dates.1, confidence);
    report.counted.undated = undated;
    report.category_options = categories::routes(db)
        .await?
        .into_iter()
        .map(|r| r.category)
        .collect();
    report.category_options.sort();
    report.district_options = distinct(db, report::Column::District).await?;
    report.zip_options = distinct(db, report::Column::Zip).await?;
    report.filter = filter;
    report.problem = problem;
    Ok(report)
}

fn utc_midnight(day: Date) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_utc()
}

fn base_query(filter: &TrendsFilter) -> SelectStatement {
    let mut q = Query::select();
    q.from(report::Entity);
    if let Some(d) = &filter.district {
        q.and_where(Expr::col((report::Entity, report::Column::District)).eq(d.as_str()));
    }
    if let Some(z) = &filter.zip {
        q.and_where(Expr::col((report::Entity, report::Column::Zip)).eq(z.as_str()));
    }
    q
}

async fn dated_rows(
    db: &DatabaseConnection,
    filter: &TrendsFilter,
    (from, to): (Option<Date>, Option<Date>),
    confidence: Option<f64>,
) -> Result<Vec<Row>, DbErr> {
    let p = Alias::new("p");
    let mut q = base_query(filter);
    q.expr_as(
        Expr::col((report::Entity, report::Column::RequestedAt)),
        Alias::new("at"),
    )
    .expr_as(
        Expr::col((report::Entity, report::Column::Category)),
        Alias::new("given"),
    )
    .expr_as(
        Expr::col((report::Entity, report::Column::District)),
        Alias::new("district"),
    )
    .expr_as(
        Expr::col((report::Entity, report::Column::Zip)),
        Alias::new("zip"),
    )
    .expr_as(
        Expr::col((p.clone(), report_prediction::Column::Category)),
        Alias::new("predicted"),
    )
    .expr_as(
        Expr::col((p.clone(), report_prediction::Column::Confidence)),
        Alias::new("confidence"),
    )
    .expr_as(
        Expr::col((p.clone(), report_prediction::Column::Theme)),
        Alias::new("theme"),
    )
    .expr_as(
        Expr::col((p.clone(), report_prediction::Column::ThemeLabel)),
        Alias::new("label"),
    )
    .expr_as(
        Expr::col((p.clone(), report_prediction::Column::RunId)),
        Alias::new("run"),
    )
    .join_as(
        JoinType::LeftJoin,
        report_prediction::Entity,
        p.clone(),
        Expr::col((p, report_prediction::Column::ReportId))
            .equals((report::Entity, report::Column::Id)),
    )
    .and_where(Expr::col((report::Entity, report::Column::RequestedAt)).is_not_null());
    // A day's margin either side: a stored time may carry another offset than UTC; the exact
    // range is applied below, in UTC.
    if let Some(from) = from {
        let at = utc_midnight(from) - Duration::days(1);
        q.and_where(Expr::col((report::Entity, report::Column::RequestedAt)).gte(at));
    }
    if let Some(to) = to {
        let at = utc_midnight(to) + Duration::days(2);
        q.and_where(Expr::col((report::Entity, report::Column::RequestedAt)).lt(at));
    }
    let threshold = confidence.unwrap_or(f64::INFINITY);
    let mut rows = Vec::new();
    for r in db.query_all(&q).await? {
        let at: OffsetDateTime = r.try_get("", "at")?;
        let day = at.to_offset(UtcOffset::UTC).date();
        if from.is_some_and(|f| day < f) || to.is_some_and(|t| day > t) {
            continue;
        }
        let given: Option<String> = r.try_get("", "given")?;
        let predicted: Option<String> = r.try_get("", "predicted")?;
        let conf: Option<f64> = r.try_get("", "confidence")?;
        let (category, by_prediction) = match (given, predicted) {
            (Some(g), _) => (Some(g), false),
            (None, Some(p)) if conf.is_some_and(|c| c >= threshold) => (Some(p), true),
            _ => (None, false),
        };
        if let Some(wanted) = &filter.category
            && category.as_deref() != Some(wanted.as_str())
        {
            continue;
        }
        let theme: Option<String> = r.try_get("", "theme")?;
        let label: Option<String> = r.try_get("", "label")?;
        rows.push(Row {
            day,
            category,
            by_prediction,
            district: r.try_get("", "district")?,
            zip: r.try_get("", "zip")?,
            theme: theme.zip(label),
            run: r.try_get("", "run")?,
        });
    }
    Ok(rows)
}

/// Reports without a date that match the district and ZIP filters.
async fn undated(db: &DatabaseConnection, filter: &TrendsFilter) -> Result<u64, DbErr> {
    let mut q = base_query(filter);
    q.expr_as(
        Expr::col((report::Entity, report::Column::Id)).count(),
        Alias::new("n"),
    )
    .and_where(Expr::col((report::Entity, report::Column::RequestedAt)).is_null());
    let n: i64 = match db.query_one(&q).await? {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

async fn distinct(db: &DatabaseConnection, column: report::Column) -> Result<Vec<String>, DbErr> {
    let mut q = Query::select();
    q.from(report::Entity)
        .distinct()
        .expr_as(Expr::col((report::Entity, column)), Alias::new("v"))
        .and_where(Expr::col((report::Entity, column)).is_not_null());
    let mut out = db
        .query_all(&q)
        .await?
        .iter()
        .map(|r| r.try_get::<String>("", "v"))
        .collect::<Result<Vec<_>, _>>()?;
    out.sort();
    Ok(out)
}

fn monday(day: Date) -> Date {
    day - Duration::days(i64::from(day.weekday().number_days_from_monday()))
}

/// Counts `rows` by week and checks every series.
fn build(rows: Vec<Row>, to: Option<Date>, confidence: Option<f64>) -> TrendsReport {
    let mut counted = Counted {
        reports: rows.len() as u64,
        confidence,
        ..Default::default()
    };
    let (Some(first), Some(last)) = (
        rows.iter().map(|r| r.day).min(),
        rows.iter().map(|r| r.day).max(),
    ) else {
        return TrendsReport {
            counted,
            ..Default::default()
        };
    };
    let end = to.map_or(last, |t| Ord::min(t, last));
    let last_monday = monday(end);
    let weeks_spanned = ((last_monday - monday(first)).whole_days() / 7) as usize + 1;
    let n = weeks_spanned.min(MAX_WEEKS);
    let first_monday = last_monday - Duration::weeks(n as i64 - 1);
    // The last week is complete when the data reach its Sunday.
    let complete_last = end.weekday() == time::Weekday::Sunday;
    let checked = if complete_last {
        Some(n - 1)
    } else {
        (n - 1).checked_sub(1)
    };

    let mut categories: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut themes: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
    let mut districts: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut zips: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut cells: BTreeMap<(AreaKind, String, String), Vec<u64>> = BTreeMap::new();
    let mut runs = BTreeSet::new();
    let add = |series: &mut Vec<u64>, week: usize| {
        if series.is_empty() {
            series.resize(n, 0);
        }
        series[week] += 1;
    };
    for r in rows {
        if r.category.is_none() {
            counted.uncategorised += 1;
        }
        if r.by_prediction {
            counted.by_prediction += 1;
        }
        if r.theme.is_some() {
            counted.with_theme += 1;
        }
        if let Some(run) = r.run {
            runs.insert(run);
        }
        let m = monday(r.day);
        if m < first_monday || m > last_monday {
            continue;
        }
        let week = ((m - first_monday).whole_days() / 7) as usize;
        if let Some(c) = &r.category {
            add(categories.entry(c.clone()).or_default(), week);
        }
        if let Some(t) = r.theme {
            add(themes.entry(t).or_default(), week);
        }
        if let Some(d) = &r.district {
            add(districts.entry(d.clone()).or_default(), week);
            if let Some(c) = &r.category {
                let key = (AreaKind::District, d.clone(), c.clone());
                add(cells.entry(key).or_default(), week);
            }
        }
        if let Some(z) = &r.zip {
            add(zips.entry(z.clone()).or_default(), week);
            if let Some(c) = &r.category {
                add(
                    cells
                        .entry((AreaKind::Zip, z.clone(), c.clone()))
                        .or_default(),
                    week,
                );
            }
        }
    }
    counted.theme_run = runs.into_iter().next_back();

    let series = |name: String, theme: Option<String>, counts: Vec<u64>| TrendSeries {
        total: counts.iter().sum(),
        check: checked.map(|at| check(&counts, at)),
        rise: checked
            .and_then(|at| trends::rise(&counts, at))
            .map(|r| WeekRise {
                recent: r.recent,
                before: r.before,
                ratio: r.ratio,
                p_value: r.p_value,
                rising: r.trend == Trend::Rising,
                falling: r.trend == Trend::Falling,
            }),
        name,
        theme,
        counts,
    };
    let ordered = |mut v: Vec<TrendSeries>| {
        let latest = |s: &TrendSeries| s.check.as_ref().map_or(0, |c| c.count);
        v.sort_by(|a, b| {
            latest(b)
                .cmp(&latest(a))
                .then(b.total.cmp(&a.total))
                .then(a.name.cmp(&b.name))
        });
        v
    };
    let mut hotspots: Vec<Hotspot> = checked
        .map(|at| {
            cells
                .into_iter()
                .map(|((kind, area, category), counts)| Hotspot {
                    kind,
                    area,
                    category,
                    check: check(&counts, at),
                })
                .filter(|h| h.check.flag == WeekFlag::High)
                .collect()
        })
        .unwrap_or_default();
    hotspots.sort_by(|a, b| b.check.score.total_cmp(&a.check.score));
    hotspots.truncate(MAX_HOTSPOTS);
    TrendsReport {
        weeks: (0..n)
            .map(|i| (first_monday + Duration::weeks(i as i64)).to_string())
            .collect(),
        checked_week: checked.map(|i| (first_monday + Duration::weeks(i as i64)).to_string()),
        partial_last: !complete_last,
        categories: ordered(
            categories
                .into_iter()
                .map(|(c, counts)| series(c, None, counts))
                .collect(),
        ),
        themes: ordered(
            themes
                .into_iter()
                .map(|((id, label), counts)| series(label, Some(id), counts))
                .collect(),
        ),
        districts: ordered(
            districts
                .into_iter()
                .map(|(d, counts)| series(d, None, counts))
                .collect(),
        ),
        zips: ordered(
            zips.into_iter()
                .map(|(z, counts)| series(z, None, counts))
                .collect(),
        ),
        hotspots,
        counted,
        ..Default::default()
    }
}

fn check(counts: &[u64], at: usize) -> WeekCheck {
    let c = trends::check_week(counts, at, true);
    WeekCheck {
        count: c.count,
        expected: c.expected,
        upper: c.upper,
        lower: c.lower,
        dispersion: c.dispersion,
        score: c.score,
        seasonal_years: match c.baseline {
            Some(Baseline::Seasonal { years }) => years,
            _ => 0,
        },
        flag: match c.flag {
            Flag::High => WeekFlag::High,
            Flag::Low => WeekFlag::Low,
            Flag::Usual => WeekFlag::Usual,
            Flag::NoHistory => WeekFlag::NoHistory,
        },
    }
}

/// Rising categories over the last four complete weeks of all reports (the dashboard's panel).
pub async fn rising_categories(db: &DatabaseConnection) -> Result<TrendsReport, DbErr> {
    let latest: Option<OffsetDateTime> = {
        let mut q = Query::select();
        q.from(report::Entity).expr_as(
            Expr::col((report::Entity, report::Column::RequestedAt)).max(),
            Alias::new("at"),
        );
        match db.query_one(&q).await? {
            Some(r) => r.try_get("", "at")?,
            None => None,
        }
    };
    let Some(latest) = latest else {
        return Ok(TrendsReport::default());
    };
    let confidence = categories::latest(db).await?.map(|c| c.flag_confidence);
    // Thirteen weeks back reaches the twelve complete weeks before a week in progress.
    let from = latest.to_offset(UtcOffset::UTC).date() - Duration::weeks(14);
    let filter = TrendsFilter::default();
    let rows = dated_rows(db, &filter, (Some(from), None), confidence).await?;
    Ok(build(rows, None, confidence))
}
