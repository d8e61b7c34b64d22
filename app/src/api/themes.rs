//! The server function behind a theme's page.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::PageContext;
use crate::models::theme_page::ThemeDetail;

/// Theme `id` of run `run` (the latest when `None`) as staff curated it, with page `page` of its
/// sources; `None` when the run has no such theme.
#[server(prefix = "/api", endpoint = "staff/theme")]
pub async fn theme_page(
    run: Option<i32>,
    id: String,
    page: usize,
) -> Result<(PageContext, Option<ThemeDetail>), AppError> {
    use crate::models::UnitRef;
    use crate::models::dashboard::{DashboardFilter, month_range};
    use crate::models::theme_page::{SOURCES_PER_PAGE, SourceItem, source_label};
    use crate::store::run_sources::unit_texts;
    use crate::store::{auth, state};

    auth::require(crate::models::staff::STAFF)?;
    let state = state()?;
    let filter = DashboardFilter {
        run,
        ..DashboardFilter::default()
    };
    let Some(data) = state.dashboards.dashboard(state.db.clone(), filter).await? else {
        return Ok((auth::page_context(), None));
    };
    let Some(theme) = data.themes.iter().find(|t| t.id == id).cloned() else {
        return Ok((auth::page_context(), None));
    };
    let page = page.max(1);
    let units: Vec<UnitRef> = theme
        .members
        .iter()
        .skip((page - 1) * SOURCES_PER_PAGE)
        .take(SOURCES_PER_PAGE)
        .filter_map(|u| u.parse().ok())
        .collect();
    let texts = unit_texts(&state.db, &units).await?;
    let sources = units
        .iter()
        .filter_map(|u| {
            let unit = u.to_string();
            Some(SourceItem {
                text: texts.get(&unit)?.clone(),
                source: source_label(u),
                unit,
            })
        })
        .collect();
    let breakdown = data.breakdown.as_ref().and_then(|b| {
        let (_, cells) = b.rows.iter().find(|(name, _)| *name == theme.name)?;
        Some((
            b.variable.clone(),
            b.columns
                .iter()
                .cloned()
                .zip(cells.iter().copied())
                .collect(),
        ))
    });
    let crosstab = data.closed.by_theme.clone().map(|mut x| {
        x.rows.retain(|(name, _)| *name == theme.name);
        x
    });
    let months = month_range(std::iter::once(theme.trend.as_slice()));
    let mut theme = theme;
    let total_sources = theme.members.len();
    theme.members = Vec::new();
    let detail = ThemeDetail {
        run_id: data.run_id,
        created_at: data.created_at.clone(),
        months,
        weighting_problem: data.weighting_problem.clone(),
        breakdown,
        crosstab,
        sources,
        total_sources,
        page,
        others: data
            .themes
            .iter()
            .filter(|t| t.id != theme.id)
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect(),
        goals: data
            .goals
            .iter()
            .map(|(id, name)| (*id, name.clone(), theme.goals.contains(name)))
            .collect(),
        departments: data
            .departments
            .iter()
            .map(|(id, name)| (*id, name.clone(), theme.department.as_ref() == Some(name)))
            .collect(),
        regrouped: data.regrouped,
        theme,
    };
    Ok((auth::page_context(), Some(detail)))
}
