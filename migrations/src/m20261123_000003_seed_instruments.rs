//! Seeds the three instruments of the City's digital-services strategy (resident survey, department
//! leaders, community organizations), open and at version 1. `down` removes them only if no response
//! answered them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

use crate::SEED_INSTRUMENTS;
use crate::m20261123_000001_create_surveys::{Survey, SurveyVersion};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn field<'a>(definition: &'a serde_json::Value, name: &str) -> Result<&'a str, DbErr> {
    definition
        .get(name)
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| DbErr::Migration(format!("seed instrument lacks a string `{name}`")))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let now = Expr::current_timestamp();
        for source in SEED_INSTRUMENTS {
            let definition: serde_json::Value = serde_json::from_str(source)
                .map_err(|e| DbErr::Migration(format!("seed instrument is not valid JSON: {e}")))?;
            let slug = field(&definition, "slug")?;
            let audience = field(&definition, "audience")?;
            let insert = Query::insert()
                .into_table(Survey::Table)
                .columns([
                    Survey::Slug,
                    Survey::Audience,
                    Survey::Status,
                    Survey::CurrentVersion,
                    Survey::CreatedAt,
                    Survey::UpdatedAt,
                ])
                .values_panic([
                    slug.into(),
                    audience.into(),
                    "open".into(),
                    1.into(),
                    now.clone(),
                    now.clone(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
            let select = Query::select()
                .column(Survey::Id)
                .from(Survey::Table)
                .and_where(Expr::col(Survey::Slug).eq(slug))
                .to_owned();
            let row = db
                .query_one(&select)
                .await?
                .ok_or_else(|| DbErr::Migration(format!("seeded survey {slug} vanished")))?;
            let survey_id: i32 = row.try_get("", "id")?;
            let version = Query::insert()
                .into_table(SurveyVersion::Table)
                .columns([
                    SurveyVersion::SurveyId,
                    SurveyVersion::Version,
                    SurveyVersion::Definition,
                    SurveyVersion::CreatedAt,
                ])
                .values_panic([survey_id.into(), 1.into(), definition.into(), now.clone()])
                .to_owned();
            manager.exec_stmt(version).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for source in SEED_INSTRUMENTS {
            let definition: serde_json::Value = serde_json::from_str(source)
                .map_err(|e| DbErr::Migration(format!("seed instrument is not valid JSON: {e}")))?;
            let slug = field(&definition, "slug")?;
            let sql = "DELETE FROM survey WHERE slug = $1 AND NOT EXISTS \
                       (SELECT 1 FROM response r WHERE r.survey_id = survey.id)";
            db.execute_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                sql,
                [slug.into()],
            ))
            .await?;
        }
        Ok(())
    }
}
