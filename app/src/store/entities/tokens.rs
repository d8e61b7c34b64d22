//! Personal API tokens.

pub mod api_token {
    use sea_orm::entity::prelude::*;

    /// A token a staff member's scripts send as `Authorization: Bearer …` to `/api/v1`; only its
    /// SHA-256 is stored.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_token")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// The account the token acts for.
        pub user_id: i32,
        pub name: String,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub created_at: TimeDateTimeWithTimeZone,
        pub last_used_at: Option<TimeDateTimeWithTimeZone>,
        /// `None`: never expires.
        pub expires_at: Option<TimeDateTimeWithTimeZone>,
        pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::super::staff_user::Entity",
            from = "Column::UserId",
            to = "super::super::staff_user::Column::Id",
            on_delete = "Cascade"
        )]
        StaffUser,
    }

    impl Related<super::super::staff_user::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::StaffUser.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}
