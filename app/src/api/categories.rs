//! Server function behind the 311 assistant's staff page. Training and routing go through plain
//! form posts (the server crate's `routes::categories`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::models::AppError;
use crate::models::categories::{CategoryRoute, ClassifierRecord, CrossTab, FlaggedReport};
use crate::models::staff::PageContext;
use crate::models::strategy::Department;

/// Flagged reports listed on the page at most.
pub const FLAGGED_LISTED: u64 = 50;

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoriesData {
    /// The latest training, if any.
    pub classifier: Option<ClassifierRecord>,
    /// The most confident disagreements, at most [`FLAGGED_LISTED`].
    pub flagged: Vec<FlaggedReport>,
    /// Every category reports were given, with its route.
    pub routes: Vec<CategoryRoute>,
    /// Departments a category can be routed to (not archived).
    pub departments: Vec<Department>,
    /// Themes against categories.
    pub crosstab: CrossTab,
}

/// The classifier's figures, flagged reports and routing (strategy staff).
#[server(prefix = "/api", endpoint = "categories/page")]
pub async fn categories_page() -> Result<(PageContext, CategoriesData), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, categories, db, strategy};

    auth::require(STAFF)?;
    let db = db()?;
    let data = CategoriesData {
        classifier: categories::latest(&db).await?,
        flagged: categories::flagged(&db, FLAGGED_LISTED).await?,
        routes: categories::routes(&db).await?,
        departments: strategy::departments(&db, false).await?,
        crosstab: categories::crosstab(&db).await?,
    };
    Ok((auth::page_context(), data))
}
