//! Where the reports an analysis run read came from (external id, date, district), kept with the
//! run when it is logged. A run's dashboard then reads one row instead of every report: at 100,000
//! reports that read was most of the first view's time. The origins are those of the moment the
//! run was logged; a district an Open311 update fills in later shows from the next run on, as it
//! is analysed from then on.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::entities::run_report_origins;
use super::run_sources::ReportFacts;

/// The origins of a run's reports, column by column (one entry per report in each), so that the
/// text stays small: ids as differences from the previous one, dates as Unix seconds, districts
/// as indexes into the list of district names.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportOrigins {
    id_steps: Vec<i64>,
    external_ids: Vec<String>,
    at: Vec<i64>,
    district: Vec<Option<u32>>,
    districts: Vec<String>,
    #[serde(skip)]
    last_id: i64,
    #[serde(skip)]
    district_index: HashMap<String, u32>,
}

/// Stored origins that do not read back.
#[derive(Debug, thiserror::Error)]
pub enum OriginsError {
    #[error("the origins of run {run} are not valid JSON: {source}")]
    Json { run: i32, source: serde_json::Error },
    #[error("the origins of run {run} are damaged: {what}")]
    Damaged { run: i32, what: &'static str },
}

impl ReportOrigins {
    /// Adds a report: when it was requested (or imported, when the source had no date) and its
    /// district.
    pub fn push(&mut self, id: i64, external_id: &str, at: OffsetDateTime, district: Option<&str>) {
        self.id_steps.push(id - self.last_id);
        self.last_id = id;
        self.external_ids.push(external_id.to_owned());
        self.at.push(at.unix_timestamp());
        let district = district.map(|name| match self.district_index.get(name) {
            Some(&index) => index,
            None => {
                let index = self.districts.len() as u32;
                self.districts.push(name.to_owned());
                self.district_index.insert(name.to_owned(), index);
                index
            }
        });
        self.district.push(district);
    }

    /// Whether it holds no report.
    pub fn is_empty(&self) -> bool {
        self.id_steps.is_empty()
    }

    /// The reports' facts by id, as the dashboard reads them.
    fn into_facts(self, run: i32) -> Result<HashMap<i64, ReportFacts>, OriginsError> {
        let n = self.id_steps.len();
        if self.external_ids.len() != n || self.at.len() != n || self.district.len() != n {
            return Err(OriginsError::Damaged {
                run,
                what: "its columns have different lengths",
            });
        }
        let mut facts = HashMap::with_capacity(n);
        let mut id = 0;
        let rows = self
            .id_steps
            .into_iter()
            .zip(self.external_ids)
            .zip(self.at)
            .zip(self.district);
        for (((step, external_id), at), district) in rows {
            id += step;
            let at =
                OffsetDateTime::from_unix_timestamp(at).map_err(|_| OriginsError::Damaged {
                    run,
                    what: "a date is out of range",
                })?;
            let district = match district {
                Some(index) => Some(
                    self.districts
                        .get(index as usize)
                        .ok_or(OriginsError::Damaged {
                            run,
                            what: "a district is not in its list",
                        })?
                        .clone(),
                ),
                None => None,
            };
            facts.insert(
                id,
                ReportFacts {
                    external_id,
                    at,
                    district,
                },
            );
        }
        Ok(facts)
    }
}

/// Keeps `origins` with run `run` (in the transaction that logs it).
pub async fn save(
    db: &impl ConnectionTrait,
    run: i32,
    origins: &ReportOrigins,
) -> Result<(), DbErr> {
    let text = serde_json::to_string(origins).map_err(|e| DbErr::Custom(e.to_string()))?;
    run_report_origins::ActiveModel {
        run_id: Set(run),
        origins: Set(text),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The facts of the reports run `run` read, by report id; `None` for a run logged before origins
/// were kept (or one that read no reports).
pub async fn load(
    db: &impl ConnectionTrait,
    run: i32,
) -> Result<Option<HashMap<i64, ReportFacts>>, DbErr> {
    let Some(row) = run_report_origins::Entity::find_by_id(run).one(db).await? else {
        return Ok(None);
    };
    let origins: ReportOrigins = serde_json::from_str(&row.origins)
        .map_err(|source| OriginsError::Json { run, source })
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    origins
        .into_facts(run)
        .map(Some)
        .map_err(|e| DbErr::Custom(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn origins_read_back_as_pushed() {
        let mut origins = ReportOrigins::default();
        origins.push(3, "SR-1", datetime!(2026-03-01 10:00 UTC), Some("7"));
        origins.push(4, "SR-2", datetime!(2026-04-02 00:00 UTC), None);
        origins.push(10, "SR-3", datetime!(2025-12-31 23:59:59 UTC), Some("7"));
        origins.push(11, "SR-4", datetime!(2026-01-05 08:00 UTC), Some("2"));
        let text = serde_json::to_string(&origins).expect("serialises");
        assert!(text.contains(r#""districts":["7","2"]"#), "{text}");
        let read: ReportOrigins = serde_json::from_str(&text).expect("parses");
        let facts = read.into_facts(1).expect("whole");
        assert_eq!(facts.len(), 4);
        assert_eq!(facts[&10].external_id, "SR-3");
        assert_eq!(facts[&10].at, datetime!(2025-12-31 23:59:59 UTC));
        assert_eq!(facts[&10].district.as_deref(), Some("7"));
        assert_eq!(facts[&4].district, None);
        assert_eq!(facts[&11].district.as_deref(), Some("2"));
    }

    #[test]
    fn damaged_origins_are_refused() {
        let text = r#"{"id_steps":[1,1],"external_ids":["a"],"at":[0,0],"district":[null,null],"districts":[]}"#;
        let origins: ReportOrigins = serde_json::from_str(text).expect("parses");
        let err = origins.into_facts(5).expect_err("lengths differ");
        assert_eq!(
            err.to_string(),
            "the origins of run 5 are damaged: its columns have different lengths"
        );
        let text =
            r#"{"id_steps":[1],"external_ids":["a"],"at":[0],"district":[3],"districts":["1"]}"#;
        let origins: ReportOrigins = serde_json::from_str(text).expect("parses");
        assert!(origins.into_facts(5).is_err());
    }
}
