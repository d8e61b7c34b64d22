//! Server function behind the strategy administration page: the goals and departments with how
//! much refers to each (so the page offers delete only for what nothing uses).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::PageContext;
use crate::models::strategy::StrategyPageData;

/// Every goal (in order) and department, archived ones too (administrators).
#[server(prefix = "/api", endpoint = "strategy/page")]
pub async fn strategy_page() -> Result<(PageContext, StrategyPageData), AppError> {
    use crate::models::staff::ADMINS;
    use crate::models::strategy::{DepartmentRow, GoalRow};
    use crate::store::{auth, db, strategy};

    auth::require(ADMINS)?;
    let db = db()?;
    let goal_uses = strategy::goal_uses(&db).await?;
    let department_uses = strategy::department_uses(&db).await?;
    let goals = strategy::goals(&db, true)
        .await?
        .into_iter()
        .map(|goal| GoalRow {
            themes: goal_uses.get(&goal.id).copied().unwrap_or(0),
            goal,
        })
        .collect();
    let departments = strategy::departments(&db, true)
        .await?
        .into_iter()
        .map(|department| DepartmentRow {
            uses: department_uses.get(&department.id).copied().unwrap_or(0),
            department,
        })
        .collect();
    Ok((
        auth::page_context(),
        StrategyPageData { goals, departments },
    ))
}
