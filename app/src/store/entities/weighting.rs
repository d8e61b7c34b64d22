//! Which weighting configuration is in force, and uploads waiting to be activated.

pub mod weighting_activation {
    use sea_orm::entity::prelude::*;

    /// One time a configuration version was put in force (append-only; the newest row wins).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "weighting_activation")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub version: i32,
        pub activated_at: TimeDateTimeWithTimeZone,
        /// Who activated it (`None`: the command line).
        pub activated_by: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod weighting_draft {
    use sea_orm::entity::prelude::*;

    /// An uploaded configuration, checked and previewed, not in force.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "weighting_draft")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        /// Who uploaded it.
        pub created_by: Option<String>,
        /// The files it was made from.
        pub source: String,
        pub config: Json,
        pub config_sha256: String,
        /// What the weights would be on the respondents at upload time.
        pub preview: Json,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
