//! sea-orm entities, one module per table (see `migrations/` for the schema).

mod categories;
mod curation;
mod jobs;
mod links;
mod notes;
mod publications;
mod report_feeds;
mod staff;
mod tokens;
mod translation_imports;
mod weighting;

pub use categories::{category_model, category_route, report_prediction};
pub use curation::{
    approved_quote, department, strategy_goal, theme_action, theme_curation, theme_goal,
    theme_split, theme_split_member,
};
pub use jobs::analysis_job;
pub use links::survey_link;
pub use notes::{note_document, note_passage};
pub use publications::{action_status_change, publication};
pub use report_feeds::report_feed;
pub use staff::{audit_event, staff_invitation, staff_session, staff_user};
pub use tokens::api_token;
pub use translation_imports::translation_import;
pub use weighting::{weighting_activation, weighting_draft};

pub mod survey {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub slug: String,
        pub audience: String,
        pub status: String,
        pub current_version: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        pub updated_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::survey_version::Entity")]
        SurveyVersion,
    }

    impl Related<super::survey_version::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::SurveyVersion.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod survey_version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey_version")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub survey_id: i32,
        pub version: i32,
        pub definition: Json,
        pub created_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::survey::Entity",
            from = "Column::SurveyId",
            to = "super::survey::Column::Id"
        )]
        Survey,
    }

    impl Related<super::survey::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Survey.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A survey version's translation into one language: its status and the digests of the English
/// each text was translated from (migration 000015).
pub mod survey_translation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey_translation")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub survey_version_id: i32,
        pub locale: String,
        pub status: String,
        pub sources: Json,
        pub updated_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod response {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "response")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub survey_id: i32,
        pub survey_version_id: i32,
        pub stream: String,
        pub language: String,
        pub submitted_at: TimeDateTimeWithTimeZone,
        #[sea_orm(unique)]
        pub idempotency_key: Uuid,
        /// The organization of the invitation link the response came through, if any.
        pub organization: Option<String>,
        pub link_id: Option<i32>,
        /// How it was collected: `web`, `paper`, `phone` or `in_person`
        /// (`crate::models::collection::CollectionMode`).
        pub collection_mode: String,
        /// The staff account that entered it (paper, phone, in person).
        pub entered_by: Option<i32>,
        /// The respondent code on its paper form, unique per survey.
        pub paper_code: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::answer::Entity")]
        Answer,
    }

    impl Related<super::answer::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Answer.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod answer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "answer")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub response_id: i64,
        pub question_key: String,
        pub value: Json,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::response::Entity",
            from = "Column::ResponseId",
            to = "super::response::Column::Id",
            on_delete = "Cascade"
        )]
        Response,
    }

    impl Related<super::response::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Response.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod weighting_config {
    use sea_orm::entity::prelude::*;

    /// One version of the equity-weighting configuration (append-only).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "weighting_config")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub version: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        pub source: String,
        pub config: Json,
        pub config_sha256: String,
        /// Who stored it (`None`: the command line).
        pub created_by: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod analysis_run {
    use sea_orm::entity::prelude::*;

    /// One analysis run in the append-only audit log.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "analysis_run")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        pub last_response_id: i64,
        pub last_report_id: Option<i64>,
        /// Last interview-note passage included; `None` for runs from before notes.
        pub last_passage_id: Option<i64>,
        pub input_hash: String,
        pub previous_run_id: Option<i32>,
        pub encoder: Option<String>,
        pub weighting_version: Option<i32>,
        pub themes: Json,
        pub weighting: Option<Json>,
        pub weighting_problem: Option<String>,
        pub model: Json,
        pub result_sha256: String,
        /// What the run analysed (streams, dates); `None`: everything, as before scopes existed.
        pub scope: Option<Json>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Where the reports a run read came from, written with the run (see `store::run_origins`).
pub mod run_report_origins {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "run_report_origins")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub run_id: i32,
        /// `ReportOrigins` as JSON text.
        pub origins: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod report {
    use sea_orm::entity::prelude::*;

    /// One imported resident report (311 request or similar).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "report")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub source: String,
        pub external_id: String,
        pub text: String,
        pub category: Option<String>,
        pub requested_at: Option<TimeDateTimeWithTimeZone>,
        pub district: Option<String>,
        pub zip: Option<String>,
        pub imported_at: TimeDateTimeWithTimeZone,
        /// As the source gives it (Open311: `open` or `closed`).
        pub status: Option<String>,
        pub status_notes: Option<String>,
        pub agency_responsible: Option<String>,
        /// The source's last update (Open311 `updated_datetime`).
        pub updated_at: Option<TimeDateTimeWithTimeZone>,
        /// When it was first seen closed (see `store::report_status`).
        pub closed_at: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
