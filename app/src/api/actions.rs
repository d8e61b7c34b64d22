//! Server functions behind the actions: a theme's actions (for the theme page's
//! [`ThemeActions`](crate::components::actions::ThemeActions)) and the actions board. Changes go
//! through plain form posts (the server crate's `routes::actions`).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::PageContext;
use crate::models::strategy::{ActionView, ActionsBoard, BoardFilter, Department};

/// The actions on theme `theme_id` and the departments a new one may be given (strategy staff).
#[server(prefix = "/api", endpoint = "actions/theme")]
pub async fn theme_actions(
    theme_id: String,
) -> Result<(Vec<ActionView>, Vec<Department>), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{actions, auth, db, strategy};

    auth::require(STAFF)?;
    let db = db()?;
    let theme_id = crate::models::strategy::theme_id(&theme_id).map_err(|_| AppError::NotFound)?;
    let list = actions::for_theme(&db, &theme_id).await?;
    Ok((list, strategy::departments(&db, false).await?))
}

/// The actions board for `filter`, with the departments and goals to choose from (strategy
/// staff).
#[server(prefix = "/api", endpoint = "actions/board")]
pub async fn board_page(
    #[server(default)] filter: BoardFilter,
) -> Result<(PageContext, ActionsBoard), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{actions, auth, db, strategy};

    auth::require(STAFF)?;
    let db = db()?;
    let board = ActionsBoard {
        actions: actions::board(&db, &filter).await?,
        departments: strategy::departments(&db, true).await?,
        goals: strategy::goals(&db, true).await?,
        filter,
    };
    Ok((auth::page_context(), board))
}
