//! The strategy frame and what the City does about themes: the goals of the digital strategy and
//! the departments administrators keep, and the actions staff plan per theme (by stable id), with
//! a status, an owning department, dates and what residents will be told. Shared by the pages,
//! the form handlers and the `/api/v1/actions` export; the checks of an action form live here so
//! browser and server read it the same way.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The longest goal or department name (the column's width).
pub const NAME_MAX_CHARS: usize = 120;
/// The longest goal description.
pub const DESCRIPTION_MAX_CHARS: usize = 1_000;
/// The longest action title (the column's width).
pub const TITLE_MAX_CHARS: usize = 200;
/// The longest public summary of an action: what residents will be told.
pub const SUMMARY_MAX_CHARS: usize = 500;

/// A goal of the City's digital strategy that themes serve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Goal {
    pub id: i32,
    pub name: String,
    pub description: String,
    /// Order in lists (1 first).
    pub position: i32,
    /// Archived goals are kept for what refers to them but offered for nothing new.
    pub archived: bool,
}

/// A City department that owns themes and actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Department {
    pub id: i32,
    pub name: String,
    /// Archived departments are kept for what refers to them but offered for nothing new.
    pub archived: bool,
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Proposed,
    Planned,
    InProgress,
    Done,
    WontDo,
}

impl ActionStatus {
    /// Every status, in the order boards show them.
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::Proposed,
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::WontDo,
    ];

    /// The stored (and posted) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Proposed => "proposed",
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::WontDo => "wont_do",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Proposed => "Proposed",
            ActionStatus::Planned => "Planned",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::WontDo => "Won't do",
        }
    }

    /// Whether the action is over (done, or decided against): it can no longer be overdue.
    pub fn closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::WontDo)
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the statuses.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a status: choose proposed, planned, in progress, done or won't do")]
pub struct UnknownStatus(pub String);

impl FromStr for ActionStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<ActionStatus, UnknownStatus> {
        ActionStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s.trim())
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// An action as pages and exports show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActionView {
    pub id: i32,
    /// The theme's stable id (`T-003`, `S-001`).
    pub theme_id: String,
    /// The theme's curated name, if staff gave it one.
    pub theme_name: Option<String>,
    pub title: String,
    pub department_id: Option<i32>,
    /// The owning department's name.
    pub department: Option<String>,
    pub status: ActionStatus,
    /// `YYYY-MM-DD`.
    pub starts_on: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
    /// What residents will be told.
    pub public_summary: String,
    /// Past its due date and neither done nor decided against.
    pub overdue: bool,
    /// When it last changed (`YYYY-MM-DD HH:MM UTC`).
    pub updated_at: String,
}

/// Which actions a board shows: all, or a department's, or a goal's (those of the themes tied to
/// it), or both at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct BoardFilter {
    /// Only this department's actions (its id).
    pub department: Option<i32>,
    /// Only actions on themes tied to this goal (its id).
    pub goal: Option<i32>,
}

impl BoardFilter {
    /// The filter a board address asks for: each parameter a number, or ignored when empty.
    pub fn parse(department: Option<&str>, goal: Option<&str>) -> BoardFilter {
        let id = |v: Option<&str>| v.and_then(|v| v.trim().parse::<i32>().ok());
        BoardFilter {
            department: id(department),
            goal: id(goal),
        }
    }

    /// The board's query string (`?department=2&goal=1`, or "" for all actions).
    pub fn query(&self) -> String {
        let parts: Vec<String> = [("department", self.department), ("goal", self.goal)]
            .into_iter()
            .filter_map(|(name, id)| id.map(|id| format!("{name}={id}")))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The actions board: its filter, the choices for it, and the actions it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsBoard {
    pub filter: BoardFilter,
    pub departments: Vec<Department>,
    pub goals: Vec<Goal>,
    pub actions: Vec<ActionView>,
}

/// A goal on the strategy page, with how many themes are tied to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalRow {
    pub goal: Goal,
    pub themes: u64,
}

/// A department on the strategy page, with how many themes and actions it owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub department: Department,
    pub uses: u64,
}

/// The strategy administration page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyPageData {
    pub goals: Vec<GoalRow>,
    pub departments: Vec<DepartmentRow>,
}

/// The field ids of one action form: `action-new-title` on the add form, `action-7-title` on the
/// form that edits action 7. The form posts its key in [`FORM_FIELD`], so a refusal's kept values
/// go back into the form they came from.
pub fn action_field(key: &str, field: &str) -> String {
    format!("action-{key}-{field}")
}

/// The hidden field naming which of a page's forms was posted.
pub const FORM_FIELD: &str = "form";

/// An action as a form posts it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionInput {
    pub theme_id: String,
    pub title: String,
    pub department_id: Option<i32>,
    pub status: ActionStatus,
    pub starts_on: Option<time::Date>,
    pub due_on: Option<time::Date>,
    pub public_summary: String,
}

/// A theme's stable id as typed, or why it is not one (`T-003`, `S-001`; letters upper-cased).
pub fn theme_id(typed: &str) -> Result<String, String> {
    let id = typed.trim().to_uppercase();
    let valid = id.split_once('-').is_some_and(|(kind, number)| {
        matches!(kind, "T" | "S")
            && (1..=8).contains(&number.len())
            && number.chars().all(|c| c.is_ascii_digit())
    });
    if valid {
        Ok(id)
    } else if typed.trim().is_empty() {
        Err("Give the theme's id, such as T-003.".to_owned())
    } else {
        Err(format!(
            "“{}” is not a theme id: they look like T-003 (or S-001 for a split theme).",
            typed.trim()
        ))
    }
}

/// A `YYYY-MM-DD` date, or why not (`what` names the field in the message).
pub fn date(typed: &str, what: &str) -> Result<Option<time::Date>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(typed, &format).map(Some).map_err(|_| {
        format!("The {what} “{typed}” is not a date: write it as YYYY-MM-DD, such as 2027-03-31.")
    })
}

impl ActionInput {
    /// Reads an action form whose fields are `value(name)` and whose field ids carry `key` (see
    /// [`action_field`]); `Err((field id, message))` names the first problem. `theme` is the
    /// theme id when the form does not post one (the edit form).
    pub fn read(
        key: &str,
        value: impl Fn(&str) -> String,
        theme: Option<&str>,
    ) -> Result<ActionInput, (String, String)> {
        let on = |field: &str, message: String| (action_field(key, field), message);
        let theme_id = match theme {
            Some(theme) => theme.to_owned(),
            None => self::theme_id(&value("theme_id")).map_err(|m| on("theme", m))?,
        };
        let title = value("title").trim().to_owned();
        if title.is_empty() {
            return Err(on("title", "Give the action a title.".to_owned()));
        }
        let chars = title.chars().count();
        if chars > TITLE_MAX_CHARS {
            return Err(on(
                "title",
                format!(
                    "Shorten the title to at most {TITLE_MAX_CHARS} characters (it has {chars})."
                ),
            ));
        }
        let department = value("department");
        let department_id = match department.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| {
                on(
                    "department",
                    format!("“{id}” is not one of the departments: choose one from the list."),
                )
            })?),
        };
        let status = value("status");
        let status = match status.trim() {
            "" => ActionStatus::Proposed,
            s => s
                .parse()
                .map_err(|e: UnknownStatus| on("status", e.to_string()))?,
        };
        let starts_on = date(&value("starts_on"), "start date").map_err(|m| on("starts", m))?;
        let due_on = date(&value("due_on"), "due date").map_err(|m| on("due", m))?;
        if let (Some(start), Some(due)) = (starts_on, due_on)
            && due < start
        {
            return Err(on(
                "due",
                format!(
                    "The due date {due} is before the start date {start}: it must be on or after it."
                ),
            ));
        }
        let public_summary = value("public_summary").trim().to_owned();
        let chars = public_summary.chars().count();
        if chars > SUMMARY_MAX_CHARS {
            return Err(on(
                "summary",
                format!(
                    "Shorten the public summary to at most {SUMMARY_MAX_CHARS} characters (it has {chars}): it is what residents will be told."
                ),
            ));
        }
        Ok(ActionInput {
            theme_id,
            title,
            department_id,
            status,
            starts_on,
            due_on,
            public_summary,
        })
    }
}

/// The posted fields of an action form, kept when it is sent back.
pub const ACTION_FIELDS: [&str; 8] = [
    FORM_FIELD,
    "theme_id",
    "title",
    "department",
    "status",
    "starts_on",
    "due_on",
    "public_summary",
];

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn form(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name: &str| map.get(name).cloned().unwrap_or_default()
    }

    #[test]
    fn statuses_round_trip_and_unknown_ones_are_errors() {
        for status in ActionStatus::ALL {
            assert_eq!(status.as_str().parse::<ActionStatus>(), Ok(status));
        }
        assert_eq!(ActionStatus::WontDo.label(), "Won't do");
        let err = "finished".parse::<ActionStatus>().unwrap_err();
        assert!(
            err.to_string().contains("“finished” is not a status"),
            "{err}"
        );
    }

    #[test]
    fn theme_ids_are_checked_and_upper_cased() {
        assert_eq!(theme_id(" t-003 "), Ok("T-003".to_owned()));
        assert_eq!(theme_id("S-001"), Ok("S-001".to_owned()));
        for bad in ["", "T003", "X-001", "T-", "T-12a", "T-123456789"] {
            assert!(theme_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_due_date_before_the_start_is_refused_on_the_due_field() {
        let typed = form(&[
            ("theme_id", "T-001"),
            ("title", "Fix the site"),
            ("starts_on", "2027-03-01"),
            ("due_on", "2027-02-01"),
        ]);
        let (field, message) = ActionInput::read("new", typed, None).unwrap_err();
        assert_eq!(field, "action-new-due");
        assert!(
            message.contains("before the start date 2027-03-01"),
            "{message}"
        );
    }

    #[test]
    fn each_field_is_named_in_its_problem() {
        let cases: [(&[(&str, &str)], &str); 6] = [
            (&[("theme_id", "nope"), ("title", "x")], "action-new-theme"),
            (&[("theme_id", "T-001")], "action-new-title"),
            (
                &[
                    ("theme_id", "T-001"),
                    ("title", "x"),
                    ("status", "finished"),
                ],
                "action-new-status",
            ),
            (
                &[
                    ("theme_id", "T-001"),
                    ("title", "x"),
                    ("starts_on", "31/03/2027"),
                ],
                "action-new-starts",
            ),
            (
                &[
                    ("theme_id", "T-001"),
                    ("title", "x"),
                    ("due_on", "2027-02-30"),
                ],
                "action-new-due",
            ),
            (
                &[
                    ("theme_id", "T-001"),
                    ("title", "x"),
                    ("department", "sales"),
                ],
                "action-new-department",
            ),
        ];
        for (pairs, id) in cases {
            let (field, _) = ActionInput::read("new", form(pairs), None).unwrap_err();
            assert_eq!(field, id, "{pairs:?}");
        }
        let long = "a".repeat(SUMMARY_MAX_CHARS + 1);
        let typed = form(&[
            ("theme_id", "T-001"),
            ("title", "x"),
            ("public_summary", &long),
        ]);
        let (field, message) = ActionInput::read("new", typed, None).unwrap_err();
        assert_eq!(field, "action-new-summary");
        assert!(
            message.contains("at most 500 characters (it has 501)"),
            "{message}"
        );
    }

    #[test]
    fn a_complete_form_is_read() {
        let typed = form(&[
            ("title", " Plain-language permit pages "),
            ("department", "4"),
            ("status", "in_progress"),
            ("starts_on", "2027-01-15"),
            ("due_on", "2027-01-15"),
            ("public_summary", "We will rewrite the permit pages."),
        ]);
        let input = ActionInput::read("7", typed, Some("T-004")).expect("valid");
        assert_eq!(input.theme_id, "T-004");
        assert_eq!(input.title, "Plain-language permit pages");
        assert_eq!(input.department_id, Some(4));
        assert_eq!(input.status, ActionStatus::InProgress);
        assert_eq!(
            input.starts_on, input.due_on,
            "due on the start day is fine"
        );
    }

    #[test]
    fn board_filters_read_and_write_their_query() {
        let filter = BoardFilter::parse(Some("2"), Some(""));
        assert_eq!(
            filter,
            BoardFilter {
                department: Some(2),
                goal: None
            }
        );
        assert_eq!(filter.query(), "?department=2");
        assert_eq!(BoardFilter::default().query(), "");
    }
}
