//! Translation files checked and waiting for an administrator's confirmation (see migration 000017).

pub mod translation_import {
    use sea_orm::entity::prelude::*;

    /// One uploaded translation file: what it would change (`units`) or, refused, its `problems`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "translation_import")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub survey_id: i32,
        pub locale: String,
        /// The definition's revision the file was checked against.
        pub revision: String,
        /// The survey version the file says it was exported from.
        pub version: i32,
        pub filename: String,
        pub units: Json,
        pub problems: Json,
        pub created_by: i32,
        pub created_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
