//! Invitation links to instruments.

pub mod survey_link {
    use sea_orm::entity::prelude::*;

    /// A link to one survey for one organization; only the token's SHA-256 is stored.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey_link")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub survey_id: i32,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub organization: String,
        /// `None`: any number of responses.
        pub max_uses: Option<i32>,
        pub uses: i32,
        pub expires_at: TimeDateTimeWithTimeZone,
        pub revoked_at: Option<TimeDateTimeWithTimeZone>,
        pub created_by: Option<i32>,
        pub created_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
