//! The 311 assistant's tables (see migration 000018).

pub mod category_route {
    use sea_orm::entity::prelude::*;

    /// The department a report category is routed to.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "category_route")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub category: String,
        pub department_id: i32,
        pub updated_at: TimeDateTimeWithTimeZone,
        pub updated_by: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod category_model {
    use sea_orm::entity::prelude::*;

    /// One training of the category classifier and its cross-validated quality.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "category_model")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub created_at: TimeDateTimeWithTimeZone,
        pub created_by: Option<i32>,
        pub reports: i64,
        pub labelled: i64,
        pub evaluation: String,
        pub params: String,
        pub seconds: f64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod report_prediction {
    use sea_orm::entity::prelude::*;

    /// The latest classifier's prediction for one report.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "report_prediction")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub report_id: i64,
        pub model_id: i32,
        pub category: String,
        pub confidence: f64,
        pub flagged: bool,
        pub run_id: Option<i32>,
        pub theme: Option<String>,
        pub theme_label: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
