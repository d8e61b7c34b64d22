//! Open311 feeds pulled on a schedule.

pub mod report_feed {
    use sea_orm::entity::prelude::*;

    /// One Open311 GeoReport v2 endpoint: its settings and the state of its pulls.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "report_feed")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// The `report.source` its reports are stored under.
        pub source: String,
        pub base_url: String,
        pub jurisdiction_id: Option<String>,
        /// Sent as `api_key`; never shown back in full nor logged.
        pub api_key: Option<String>,
        pub interval_minutes: i32,
        pub enabled: bool,
        /// The latest `updated_datetime` seen.
        pub cursor: Option<TimeDateTimeWithTimeZone>,
        pub last_pull_at: Option<TimeDateTimeWithTimeZone>,
        pub last_ok: Option<bool>,
        pub last_outcome: Option<String>,
        pub last_new: i64,
        pub last_updated: i64,
        pub last_unchanged: i64,
        pub last_refused: i64,
        pub updated_at: TimeDateTimeWithTimeZone,
        pub updated_by: Option<i32>,
        /// The process pulling the feed now (`host:pid:random`), so one pulls it at a time.
        pub lease_owner: Option<String>,
        /// Until when that process holds the pull; it renews after every page.
        pub lease_until: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
