//! Response times from the stored reports: each report's category, department (through
//! `category_route`), district and equity area (through the active weighting configuration's
//! equity index), whether it is closed and how many days it took; [`ResponseTimes::tally`] does
//! the medians in Rust, the same on both databases.

use std::collections::HashMap;

use analysis::weighting::WeightingConfig;
use analysis::weighting::equity::{at_or_beyond, zip_score};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};
use time::OffsetDateTime;

use super::categories::route_map;
use super::entities::{report, report_prediction};
use crate::models::response_times::{
    HIGH_NEED, NO_ZIP, OTHER_AREAS, ResponseTimes, Timed, UNMATCHED,
};

/// Reports whose predicted category is read per query.
const CHUNK: usize = 1_000;

/// A ZIP code's equity group and score band under the active configuration.
pub struct EquityAreas {
    config: WeightingConfig,
    pub name: String,
}

impl EquityAreas {
    /// The active configuration's equity index, if it has one (`version` names it).
    pub fn new(config: WeightingConfig, version: i32) -> Option<EquityAreas> {
        config.equity.as_ref()?;
        let name = format!("{} (weighting v{version})", config.params.equity.index_name);
        Some(EquityAreas { config, name })
    }

    pub fn threshold(&self) -> f64 {
        self.config.params.equity.high_need_threshold
    }

    /// The group key (`high_need`, `other`, `unmatched`, `no_zip`) and score band of `zip`.
    pub fn classify(&self, zip: Option<&str>) -> (String, Option<String>) {
        let Some(zip) = zip.map(str::trim).filter(|z| !z.is_empty()) else {
            return (NO_ZIP.into(), None);
        };
        let settings = &self.config.params.equity;
        let score = self
            .config
            .equity
            .as_ref()
            .and_then(|t| zip_score(t, self.config.crosswalk.as_ref(), zip));
        let Some(score) = score else {
            return (UNMATCHED.into(), None);
        };
        let group = if at_or_beyond(score, settings.high_need_threshold, &settings.scale) {
            HIGH_NEED
        } else {
            OTHER_AREAS
        };
        (
            group.into(),
            Some(band(score, settings.scale.min, settings.scale.max)),
        )
    }
}

/// The quarter of the scale `[min, max]` `score` falls in, written `lo–hi` (the top band holds
/// `max`).
pub fn band(score: f64, min: f64, max: f64) -> String {
    let width = (max - min) / 4.0;
    if width <= 0.0 {
        return format!("{min}");
    }
    let i = (((score - min) / width).floor() as i64).clamp(0, 3) as f64;
    let lo = min + i * width;
    let hi = lo + width;
    let fmt = |x: f64| {
        if (x - x.round()).abs() < 1e-9 {
            format!("{}", x.round())
        } else {
            format!("{x:.1}")
        }
    };
    format!("{}–{}", fmt(lo), fmt(hi))
}

/// The active weighting configuration's equity areas, if any (a configuration that cannot be read
/// is logged and treated as none).
pub async fn equity_areas(db: &DatabaseConnection) -> Result<Option<EquityAreas>, DbErr> {
    let Some(row) = super::weighting::current(db).await? else {
        return Ok(None);
    };
    match serde_json::from_value::<WeightingConfig>(row.config) {
        Ok(config) => Ok(EquityAreas::new(config, row.version)),
        Err(err) => {
            tracing::error!(error = %err, version = row.version, "reading the weighting configuration");
            Ok(None)
        }
    }
}

type Row = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
);

/// Days from `requested` to `closed`, when both are known and in order.
pub fn days_to_close(
    requested: Option<OffsetDateTime>,
    closed: Option<OffsetDateTime>,
) -> Option<f64> {
    let d = closed? - requested?;
    (!d.is_negative()).then(|| d.as_seconds_f64() / 86_400.0)
}

/// Every report's response time, tallied per category, department, district and equity area.
pub async fn response_times(db: &DatabaseConnection) -> Result<ResponseTimes, DbErr> {
    let rows: Vec<Row> = report::Entity::find()
        .select_only()
        .columns([
            report::Column::Id,
            report::Column::Category,
            report::Column::District,
            report::Column::Zip,
            report::Column::Status,
            report::Column::RequestedAt,
            report::Column::ClosedAt,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let routes = route_map(db).await?;
    // A report without a category follows its predicted category's route.
    let uncategorised: Vec<i64> = rows.iter().filter(|r| r.1.is_none()).map(|r| r.0).collect();
    let mut predicted: HashMap<i64, String> = HashMap::new();
    for ids in uncategorised.chunks(CHUNK) {
        let found: Vec<(i64, String)> = report_prediction::Entity::find()
            .select_only()
            .columns([
                report_prediction::Column::ReportId,
                report_prediction::Column::Category,
            ])
            .filter(report_prediction::Column::ReportId.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        predicted.extend(found);
    }
    let equity = equity_areas(db).await?;
    let timed: Vec<Timed> = rows
        .into_iter()
        .map(
            |(id, category, district, zip, status, requested, closed_at)| {
                let route_of = |c: &str| routes.get(c).map(|(_, name)| name.clone());
                let department = match category.as_deref() {
                    Some(given) => route_of(given),
                    None => predicted.get(&id).and_then(|c| route_of(c)),
                };
                let (equity_area, equity_band) = match &equity {
                    Some(e) => {
                        let (g, b) = e.classify(zip.as_deref());
                        (Some(g), b)
                    }
                    None => (None, None),
                };
                let closed = status.as_deref() == Some("closed");
                Timed {
                    category,
                    department,
                    district,
                    equity_area,
                    equity_band,
                    closed,
                    days: if closed {
                        days_to_close(requested, closed_at)
                    } else {
                        None
                    },
                }
            },
        )
        .collect();
    let mut times = ResponseTimes::tally(&timed);
    if let Some(e) = equity {
        times.high_need_threshold = Some(e.threshold());
        times.equity_index = Some(e.name);
    }
    Ok(times)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn bands_quarter_the_scale() {
        assert_eq!(band(2.0, 2.0, 10.0), "2–4");
        assert_eq!(band(8.0, 2.0, 10.0), "8–10");
        assert_eq!(band(10.0, 2.0, 10.0), "8–10");
        assert_eq!(band(55.0, 0.0, 100.0), "50–75");
    }

    #[test]
    fn days_need_both_dates_in_order() {
        let a = datetime!(2024-03-01 12:00 UTC);
        let b = datetime!(2024-03-04 00:00 UTC);
        assert_eq!(days_to_close(Some(a), Some(b)), Some(2.5));
        assert_eq!(days_to_close(Some(b), Some(a)), None);
        assert_eq!(days_to_close(None, Some(a)), None);
    }
}
