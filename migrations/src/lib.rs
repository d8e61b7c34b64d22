//! Needscope's schema. One migration per file (`#[derive(DeriveMigrationName)]` names a migration after
//! its file); the server runs pending migrations at start-up, on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_surveys;
mod m20261123_000002_create_responses;
mod m20261123_000003_seed_instruments;
mod m20261124_000004_create_weighting_configs;
mod m20261124_000005_create_analysis_runs;
mod m20261124_000006_create_reports;
mod m20261125_000007_create_staff_accounts;
mod m20261125_000008_create_analysis_jobs;
mod m20261126_000009_create_note_documents;
mod m20261126_000010_create_survey_links;
mod m20261127_000011_create_api_tokens;
mod m20261129_000012_create_curation;
mod m20261129_000013_weighting_activation;
mod m20261129_000014_create_publications;

/// The seeded instruments, as JSON survey definitions (`slug`, `audience`, `title`, `intro`, `questions`).
pub const SEED_INSTRUMENTS: [&str; 3] = [
    include_str!("seed/resident_digital_services.json"),
    include_str!("seed/department_leaders.json"),
    include_str!("seed/community_organizations.json"),
];

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_surveys::Migration),
            Box::new(m20261123_000002_create_responses::Migration),
            Box::new(m20261123_000003_seed_instruments::Migration),
            Box::new(m20261124_000004_create_weighting_configs::Migration),
            Box::new(m20261124_000005_create_analysis_runs::Migration),
            Box::new(m20261124_000006_create_reports::Migration),
            Box::new(m20261125_000007_create_staff_accounts::Migration),
            Box::new(m20261125_000008_create_analysis_jobs::Migration),
            Box::new(m20261126_000009_create_note_documents::Migration),
            Box::new(m20261126_000010_create_survey_links::Migration),
            Box::new(m20261127_000011_create_api_tokens::Migration),
            Box::new(m20261129_000012_create_curation::Migration),
            Box::new(m20261129_000013_weighting_activation::Migration),
            Box::new(m20261129_000014_create_publications::Migration),
        ]
    }
}
