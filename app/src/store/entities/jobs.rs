//! Background analysis jobs.

pub mod analysis_job {
    use sea_orm::entity::prelude::*;

    /// One analysis run requested from the browser, and how far it got.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "analysis_job")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        pub requested_by: Option<i32>,
        /// `queued`, `running`, `succeeded`, `failed`, `cancelled`.
        pub status: String,
        /// [`crate::store::jobs::JobOptions`] as JSON.
        pub options: Json,
        pub stage: Option<String>,
        pub done: i64,
        pub total: i64,
        pub attempts: i32,
        pub cancel_requested: bool,
        pub error: Option<String>,
        pub run_id: Option<i32>,
        pub started_at: Option<TimeDateTimeWithTimeZone>,
        pub finished_at: Option<TimeDateTimeWithTimeZone>,
        /// The process running the job (`host:pid:random`), while it runs.
        pub lease_owner: Option<String>,
        /// Until when that process holds the job; it renews the lease while it works.
        pub lease_until: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
