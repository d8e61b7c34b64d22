//! How many responses each survey has (`needscope stats`), for administrators and scripts.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Stats {
    pub surveys: Vec<SurveyStats>,
}

#[derive(Debug, Serialize)]
pub struct SurveyStats {
    pub slug: String,
    pub audience: String,
    pub status: String,
    pub responses: i64,
}

/// Every survey with its audience, status and number of responses, in creation order.
pub async fn survey_stats(db: &DatabaseConnection) -> Result<Stats, DbErr> {
    let sql = "SELECT s.slug, s.audience, s.status, COUNT(r.id) AS responses \
               FROM survey s LEFT JOIN response r ON r.survey_id = s.id \
               GROUP BY s.id, s.slug, s.audience, s.status ORDER BY s.id";
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let surveys = rows
        .iter()
        .map(|row| {
            Ok(SurveyStats {
                slug: row.try_get("", "slug")?,
                audience: row.try_get("", "audience")?,
                status: row.try_get("", "status")?,
                responses: row.try_get("", "responses")?,
            })
        })
        .collect::<Result<_, DbErr>>()?;
    Ok(Stats { surveys })
}
