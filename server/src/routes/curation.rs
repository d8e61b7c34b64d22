//! Staff forms that curate a theme, by stable id, on its page (`/staff/themes/{id}?run=N`):
//! name and describe it, hide it or set it aside as "not a need", show it inside another theme
//! (merge) or on its own again, split answers off into a theme of their own, tie it to goals and
//! an owning department, and approve quotes. Every change is audited, names the run that was on
//! screen, and carries to later runs through the stable id; the logged runs are not changed.

use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use serde_json::json;

use app::models::UnitRef;
use app::models::curation::{check_description, check_name};
use app::models::dashboard::{DashboardData, DashboardFilter};
use app::models::staff::{Flash, STAFF};
use app::store::AppState;
use app::store::curation::{self, Change};

use crate::auth::handlers::field;
use crate::routes::forms::{Posted, Refusal, StaffForm};

/// The routes of the curation forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/themes/{id}/describe", post(describe))
        .route("/staff/themes/{id}/status", post(status))
        .route("/staff/themes/{id}/merge", post(merge))
        .route("/staff/themes/{id}/split", post(split))
        .route("/staff/themes/{id}/frame", post(frame))
        .route("/staff/themes/{id}/quotes", post(quote))
}

/// The theme's page in the run the form was posted from.
fn page(id: &str, run: i32) -> String {
    format!("/staff/themes/{id}?run={run}")
}

/// The curated run on screen when the form was posted, and the theme being curated in it.
struct Target {
    run: DashboardData,
    theme: String,
}

impl Target {
    fn change(&self, form: &StaffForm) -> Change {
        Change {
            run: self.run.run_id,
            user: form.viewer.id,
        }
    }

    fn has(&self, id: &str) -> bool {
        self.run.themes.iter().any(|t| t.id == id)
    }

    fn page(&self) -> String {
        page(&self.theme, self.run.run_id)
    }
}

/// Reads the posted run and checks the theme is in it (as staff see it now).
async fn target(form: &StaffForm, id: &str) -> Result<Target, Refusal> {
    let run: i32 = form
        .text("run")
        .parse()
        .map_err(|_| Refusal::Form("The form did not say which run it was made from: reload the theme's page and try again.".to_owned()))?;
    let filter = DashboardFilter {
        run: Some(run),
        ..DashboardFilter::default()
    };
    let data = match form
        .state
        .dashboards
        .dashboard(form.state.db.clone(), filter)
        .await
    {
        Ok(Some(data)) if data.run_id == run => data,
        Ok(_) => return Err(Refusal::Form(format!("There is no analysis run {run}."))),
        Err(_) => return Err(Refusal::Unavailable),
    };
    let target = Target {
        run: data,
        theme: id.to_owned(),
    };
    if !target.has(id) {
        return Err(Refusal::Form(format!(
            "Theme {id} is not in run {run} as it is shown now (it may have been merged into another): open it from the dashboard."
        )));
    }
    Ok(target)
}

/// Checks the form, runs `act`, forgets built dashboards when it changed something, and goes
/// back to the theme's page with its message (or with the refusal and `kept` fields).
async fn curate<F>(id: String, posted: Posted, kept: &[&str], act: F) -> Result<Response, Response>
where
    F: AsyncFnOnce(&StaffForm, &Target) -> Result<String, Refusal>,
{
    let form = posted.check(STAFF).await?;
    let back = match form.text("run").parse::<i32>() {
        Ok(run) => page(&id, run),
        Err(_) => "/staff/dashboard".to_owned(),
    };
    let outcome = match target(&form, &id).await {
        Ok(target) => match act(&form, &target).await {
            Ok(message) => {
                form.state.dashboards.warm_latest();
                // A theme merged into another has no page of its own any more: go to the other.
                let to = match form.text("into").trim() {
                    "" => target.page(),
                    into => page(into, target.run.run_id),
                };
                Ok(form.redirect(&to, Flash::notice(message)).await)
            }
            Err(refusal) => Err(refusal),
        },
        Err(refusal) => Err(refusal),
    };
    Ok(form.answer(&back, kept, outcome).await)
}

async fn describe(Path(id): Path<String>, posted: Posted) -> Result<Response, Response> {
    curate(id, posted, &["name", "description"], async |form, t| {
        let typed = form.text("name").trim();
        let name = if typed.is_empty() {
            None
        } else {
            Some(check_name(typed).map_err(|e| Refusal::on("theme-name", e))?)
        };
        let description =
            check_description(form.text("description")).map_err(|e| Refusal::on("theme-description", e))?;
        curation::describe(&form.state.db, &t.theme, name.clone(), description.clone(), t.change(form)).await?;
        form.audit(
            "theme_described",
            json!({ "theme": t.theme, "run": t.run.run_id, "name": name, "description": description }),
        )
        .await;
        Ok(match name {
            Some(name) => format!("Theme {} is now called “{name}”, in this run and the next ones.", t.theme),
            None => format!("Theme {} shows the name made from its answers again.", t.theme),
        })
    })
    .await
}

async fn status(Path(id): Path<String>, posted: Posted) -> Result<Response, Response> {
    curate(id, posted, &[], async |form, t| {
        let (hidden, not_a_need, said) = match form.text("status") {
            "need" => (false, false, "is shown as a need again"),
            "hidden" => (true, false, "is hidden from the overview (exports still list it, marked hidden)"),
            "not_a_need" => (false, true, "is set aside as not a need: it is listed apart and not ranked"),
            other => {
                return Err(Refusal::on(
                    "theme-status",
                    format!("“{other}” is not a choice: choose need, hidden or not a need."),
                ));
            }
        };
        curation::set_status(&form.state.db, &t.theme, hidden, not_a_need, t.change(form)).await?;
        form.audit(
            "theme_status_set",
            json!({ "theme": t.theme, "run": t.run.run_id, "hidden": hidden, "not_a_need": not_a_need }),
        )
        .await;
        Ok(format!("Theme {} {said}.", t.theme))
    })
    .await
}

/// Shows the theme inside `into`, or (with `apart`) shows a theme merged into this one on its own
/// again: a merged theme has no page of its own.
async fn merge(Path(id): Path<String>, posted: Posted) -> Result<Response, Response> {
    curate(id, posted, &[], async |form, t| {
        let apart = form.text("apart").trim();
        if !apart.is_empty() {
            let shown = t.run.themes.iter().find(|x| x.id == t.theme).ok_or(Refusal::Unavailable)?;
            if !shown.merged.iter().any(|(id, _)| id == apart) {
                return Err(Refusal::Form(format!("Theme {apart} is not shown inside theme {}.", t.theme)));
            }
            curation::merge(&form.state.db, apart, None, t.change(form)).await?;
            form.audit(
                "theme_unmerged",
                json!({ "theme": apart, "from": t.theme, "run": t.run.run_id }),
            )
            .await;
            return Ok(format!("Theme {apart} is shown on its own again."));
        }
        let into = form.text("into").trim();
        if into == t.theme || !t.has(into) {
            return Err(Refusal::on(
                "merge-into",
                format!("Choose another theme of run {} to show theme {} inside.", t.run.run_id, t.theme),
            ));
        }
        curation::merge(&form.state.db, &t.theme, Some(into.to_owned()), t.change(form)).await?;
        form.audit(
            "theme_merged",
            json!({ "theme": t.theme, "into": into, "run": t.run.run_id }),
        )
        .await;
        Ok(format!(
            "Theme {} is now shown inside theme {into}; its figures are counted again with the merged answers. This carries to the next runs.",
            t.theme
        ))
    })
    .await
}

async fn split(Path(id): Path<String>, posted: Posted) -> Result<Response, Response> {
    curate(id, posted, &["split-name"], async |form, t| {
        let name = check_name(form.text("split-name")).map_err(|e| Refusal::on("split-name", e))?;
        let theme = t.run.themes.iter().find(|x| x.id == t.theme).ok_or(Refusal::Unavailable)?;
        let units: Vec<String> = form
            .fields
            .iter()
            .filter(|(k, _)| k == "unit")
            .map(|(_, v)| v.clone())
            .collect();
        if units.is_empty() {
            return Err(Refusal::on("split-name", "Tick the answers to split off, then name the new theme."));
        }
        if let Some(bad) = units
            .iter()
            .find(|u| u.parse::<UnitRef>().is_err() || theme.members.binary_search(u).is_err())
        {
            return Err(Refusal::Form(format!("“{bad}” is not an answer of theme {}.", t.theme)));
        }
        if units.len() == theme.members.len() {
            return Err(Refusal::on(
                "split-name",
                "Leave at least one answer in the theme: to rename the whole theme, use its name instead.",
            ));
        }
        let new = curation::split(&form.state.db, &t.theme, &units, name.clone(), t.change(form)).await?;
        form.audit(
            "theme_split",
            json!({ "theme": t.theme, "new_theme": new, "name": name, "units": units, "run": t.run.run_id }),
        )
        .await;
        Ok(format!(
            "{} answer(s) split off theme {} into “{name}” ({new}); later runs keep them apart.",
            units.len(),
            t.theme
        ))
    })
    .await
}

async fn frame(Path(id): Path<String>, posted: Posted) -> Result<Response, Response> {
    curate(id, posted, &[], async |form, t| {
        let department = match form.text("department") {
            "" => None,
            d => Some(
                d.parse::<i32>()
                    .ok()
                    .filter(|d| t.run.departments.iter().any(|(id, _)| id == d))
                    .ok_or_else(|| Refusal::on("theme-department", "Choose a department from the list."))?,
            ),
        };
        let mut goals = Vec::new();
        for (_, g) in form.fields.iter().filter(|(k, _)| k == "goal") {
            let goal = g
                .parse::<i32>()
                .ok()
                .filter(|g| t.run.goals.iter().any(|(id, _)| id == g))
                .ok_or_else(|| Refusal::on("theme-goals", format!("“{g}” is not one of the strategy goals.")))?;
            goals.push(goal);
        }
        goals.sort_unstable();
        goals.dedup();
        curation::frame(&form.state.db, &t.theme, department, &goals, t.change(form)).await?;
        form.audit(
            "theme_framed",
            json!({ "theme": t.theme, "run": t.run.run_id, "department": department, "goals": goals }),
        )
        .await;
        Ok(format!("Theme {}'s goals and department are saved.", t.theme))
    })
    .await
}

async fn quote(Path(id): Path<String>, posted: Posted) -> Result<Response, Response> {
    curate(id, posted, &[], async |form, t| {
        let unit = form.text("unit");
        let theme = t
            .run
            .themes
            .iter()
            .find(|x| x.id == t.theme)
            .ok_or(Refusal::Unavailable)?;
        if !theme.quotes.iter().any(|q| q.unit == unit) {
            return Err(Refusal::Form(format!(
                "“{unit}” is not one of theme {}'s quotes.",
                t.theme
            )));
        }
        let approved = field(&form.fields, "approved") == Some("1");
        curation::approve_quote(&form.state.db, unit, &t.theme, approved, form.viewer.id).await?;
        form.audit(
            if approved {
                "quote_approved"
            } else {
                "quote_withdrawn"
            },
            json!({ "theme": t.theme, "unit": unit, "run": t.run.run_id }),
        )
        .await;
        Ok(if approved {
            "Quote approved: reports and public results may show it.".to_owned()
        } else {
            "Quote approval withdrawn.".to_owned()
        })
    })
    .await
}
