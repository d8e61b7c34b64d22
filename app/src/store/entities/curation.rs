//! The strategy frame and the curation of themes (see the `create_curation` migration).

/// A strategy goal themes are tied to.
pub mod strategy_goal {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "strategy_goal")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub name: String,
        pub archived: bool,
        pub created_at: TimeDateTimeWithTimeZone,
        pub description: String,
        /// Order in lists.
        pub position: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A City department that owns themes and actions.
pub mod department {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "department")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub name: String,
        pub archived: bool,
        pub created_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What staff decided about one theme, by stable id; carried to every later run.
pub mod theme_curation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "theme_curation")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub theme_id: String,
        pub name: Option<String>,
        pub description: Option<String>,
        pub hidden: bool,
        pub not_a_need: bool,
        /// The theme this one is shown inside.
        pub merged_into: Option<String>,
        pub department_id: Option<i32>,
        /// The run on screen when this was last changed.
        pub set_in_run: Option<i32>,
        pub updated_by: Option<i32>,
        pub updated_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A goal a theme serves.
pub mod theme_goal {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "theme_goal")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub theme_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub goal_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Answers split off a theme into one of their own (`S-001`).
pub mod theme_split {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "theme_split")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub theme_id: String,
        pub parent_theme_id: String,
        pub run_id: i32,
        pub created_by: Option<i32>,
        pub created_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A unit moved into a split theme.
pub mod theme_split_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "theme_split_member")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub unit_id: String,
        pub split_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What a department will do about a theme.
pub mod theme_action {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "theme_action")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub theme_id: String,
        pub title: String,
        pub department_id: Option<i32>,
        /// `proposed`, `planned`, `in_progress`, `done` or `wont_do`.
        pub status: String,
        pub starts_on: Option<TimeDate>,
        pub due_on: Option<TimeDate>,
        pub public_summary: String,
        pub updated_by: Option<i32>,
        pub created_at: TimeDateTimeWithTimeZone,
        pub updated_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A quote staff approved for reports and public results.
pub mod approved_quote {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "approved_quote")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub unit_id: String,
        pub theme_id: String,
        pub approved_by: Option<i32>,
        pub approved_at: TimeDateTimeWithTimeZone,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
