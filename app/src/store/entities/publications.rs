//! Published results and the history of action statuses (see the `create_publications`
//! migration).

/// A frozen public snapshot of a curated run.
pub mod publication {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "publication")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub run_id: i32,
        /// The survey it is limited to (`None`: everything the run read).
        pub survey_slug: Option<String>,
        pub survey_title: Option<String>,
        /// `PublicResults` as JSON.
        #[sea_orm(column_type = "Text")]
        pub snapshot: String,
        pub published_by: Option<i32>,
        pub published_at: TimeDateTimeWithTimeZone,
        pub withdrawn_at: Option<TimeDateTimeWithTimeZone>,
        pub withdrawn_by: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One change of an action's status.
pub mod action_status_change {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_status_change")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub action_id: i32,
        pub from_status: String,
        pub to_status: String,
        pub changed_at: TimeDateTimeWithTimeZone,
        pub changed_by: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
