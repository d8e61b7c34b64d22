//! Interview-note documents and their passages.

pub mod note_document {
    use sea_orm::entity::prelude::*;

    /// One uploaded file's metadata; while `status` is `pending`, `preview` holds its redacted
    /// passages for the uploader to check.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "note_document")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub owner_id: i32,
        pub organization: String,
        pub community: String,
        pub interview_date: TimeDate,
        pub interviewee_role: String,
        pub language: String,
        pub filename: String,
        pub format: String,
        pub bytes: i64,
        /// `pending` or `confirmed`.
        pub status: String,
        pub preview: Option<Json>,
        /// Redaction counts by kind (`analysis::text::pii::PiiCounts`).
        pub redactions: Json,
        pub passages: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        pub confirmed_at: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod note_passage {
    use sea_orm::entity::prelude::*;

    /// One redacted, confirmed passage of a document: a unit of analysis.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "note_passage")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub document_id: i32,
        pub position: i32,
        pub text: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
