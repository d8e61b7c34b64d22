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
mod m20261129_000015_survey_translations;
mod m20261130_000016_response_collection;
mod m20261130_000017_translation_imports;
mod m20261130_000018_report_categories;
mod m20261201_000019_report_status;
mod m20261201_000022_job_leases;
mod m20261202_000023_shared_state;
mod m20261203_000024_run_report_origins;

/// The seeded instruments, as JSON survey definitions (`slug`, `audience`, `title`, `intro`, `questions`).
pub const SEED_INSTRUMENTS: [&str; 3] = [
    include_str!("seed/resident_digital_services.json"),
    include_str!("seed/department_leaders.json"),
    include_str!("seed/community_organizations.json"),
];

/// Draft translations of the seeded instruments, by language code: for each instrument's slug,
/// each text by its field name (`title`, `intro`, `<key>.prompt`, `<key>.help`, `<key>.why`,
/// `<key>.low`, `<key>.high`, `<key>.option.<value>`). Added by migration 000015.
pub const SEED_TRANSLATIONS: [(&str, &str); 3] = [
    ("vi", include_str!("seed/translations/vi.json")),
    ("zh-Hant", include_str!("seed/translations/zh-Hant.json")),
    ("tl", include_str!("seed/translations/tl.json")),
];

/// A short, stable fingerprint of a text (64-bit FNV-1a, 16 hex digits): recorded with a
/// translation for the English it was made from, so a later change of the English shows. The app
/// computes the same (`app::models::survey_edit::source_digest`); both test the same values.
pub fn source_digest(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

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
            Box::new(m20261129_000015_survey_translations::Migration),
            Box::new(m20261130_000016_response_collection::Migration),
            Box::new(m20261130_000017_translation_imports::Migration),
            Box::new(m20261130_000018_report_categories::Migration),
            Box::new(m20261201_000019_report_status::Migration),
            Box::new(m20261201_000022_job_leases::Migration),
            Box::new(m20261202_000023_shared_state::Migration),
            Box::new(m20261203_000024_run_report_origins::Migration),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::source_digest;

    #[test]
    fn digests_are_stable() {
        assert_eq!(source_digest(""), "cbf29ce484222325");
        assert_eq!(source_digest("a"), "af63dc4c8601ec8c");
        assert_eq!(source_digest("Yes"), source_digest("Yes"));
        assert_ne!(source_digest("Yes"), source_digest("yes"));
    }
}
