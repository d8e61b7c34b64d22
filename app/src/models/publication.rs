//! A published run: the public "What we heard" results. Staff publish a curated run (all of it, or
//! one survey's part); the server freezes what may be shown in public into a [`PublicResults`]
//! snapshot (every number already through the run's small-cell suppression, only approved and
//! redacted quotes, only themes that are needs), stores it, and the public pages, the Atom feed and
//! the open-data files read nothing else. Later curation changes nothing until staff publish
//! again; a withdrawn publication is reachable from no public address.
//!
//! The one live part is the status of the actions a publication lists: the City's progress on what
//! it said it would do ("you said, we did") is shown as it stands, and each change is an entry of
//! the feed ([`ActionUpdate`]). An action's title and summary are as published.

use serde::{Deserialize, Serialize};

use super::dashboard::Estimate;
use super::strategy::ActionStatus;

/// One public need, in rank order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicNeed {
    /// Equity-weighted rank among the published needs (1 = first); `None` when the weighted
    /// figures are withheld or the run is not weighted.
    pub rank: Option<usize>,
    /// Stable theme id (`T-003`, `S-001`): the same need across publications.
    pub theme_id: String,
    /// The name staff gave it, or the one made from its answers.
    pub name: String,
    /// What it is about, in staff's words.
    pub description: Option<String>,
    /// Survey respondents who raised it; `None` when fewer than the small-cell minimum.
    pub respondents: Option<u64>,
    /// Equity-weighted share of residents with its 90% interval, rounded to a tenth of a
    /// percent; `None` when withheld (see `withheld`).
    pub weighted_share: Option<Estimate>,
    /// Why the figures are withheld, for people (`None`: shown).
    pub withheld: Option<String>,
    /// Weighted share of each district's respondents who raised it, in the order of
    /// [`PublicResults::districts`]; `None` for a suppressed cell.
    pub by_district: Vec<Option<f64>>,
    /// What the City has taken on for it.
    pub actions: Vec<PublicAction>,
    /// Quotes staff approved for publication, redacted.
    pub quotes: Vec<PublicQuote>,
}

/// An action as published: what the City said it would do about a need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicAction {
    /// The action's id (its status is read live by this id).
    pub id: i32,
    pub title: String,
    /// What residents are told.
    pub summary: String,
    /// The owning department.
    pub department: Option<String>,
    /// As published; pages show the live status instead when it has changed.
    pub status: ActionStatus,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
}

/// A quote approved for publication, in its own language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicQuote {
    /// Redacted text (`[email]`, `[phone]`, … mark what was taken out).
    pub text: String,
    /// BCP 47 code.
    pub lang: String,
}

/// A council district column of the breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicDistrict {
    /// The district as residents name it (`3`, `District 3`).
    pub name: String,
    /// Survey respondents in it; `None` when fewer than the small-cell minimum.
    pub respondents: Option<u64>,
}

/// The frozen public content of one publication (stored as JSON when staff publish).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicResults {
    /// The analysis run published.
    pub run_id: i32,
    /// The survey the publication is limited to: slug and title (`None`: everything the run read).
    pub survey: Option<(String, String)>,
    /// First and last day of the answers analysed (`YYYY-MM-DD`).
    pub period: Option<(String, String)>,
    /// Survey respondents, 311 reports and interview documents analysed: stream label and count
    /// (counts under the small-cell minimum are left out).
    pub sources: Vec<(String, u64)>,
    /// Survey respondents analysed.
    pub respondents: u64,
    /// Whether the shares are equity-weighted.
    pub weighted: bool,
    /// The small-cell rule, for people ("figures for fewer than 10 respondents are not shown").
    pub suppression_rule: String,
    /// The breakdown's districts.
    pub districts: Vec<PublicDistrict>,
    /// Ranked needs first, then those with withheld figures.
    pub needs: Vec<PublicNeed>,
}

/// A publication as lists and feeds show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicationSummary {
    pub id: i32,
    pub run_id: i32,
    /// Survey slug and title, when limited to one survey.
    pub survey: Option<(String, String)>,
    /// RFC 3339.
    pub published_at: String,
    /// RFC 3339; `Some` once withdrawn (staff lists only: public lists leave these out).
    pub withdrawn_at: Option<String>,
    /// Staff member who published it (staff lists only; `None` in public output).
    pub published_by: Option<String>,
    /// Needs published.
    pub needs: usize,
}

/// A published action's status change: an entry of the public feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActionUpdate {
    pub action_id: i32,
    /// The action's title as published.
    pub title: String,
    /// The need it is for: stable id and published name.
    pub theme_id: String,
    pub theme_name: String,
    pub from: ActionStatus,
    pub to: ActionStatus,
    /// RFC 3339.
    pub at: String,
    /// The live publication that lists the action.
    pub publication_id: i32,
}

/// A live publication with its content and the current status of its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    pub summary: PublicationSummary,
    pub results: PublicResults,
    /// Current status of each listed action whose status changed since publication (action id,
    /// status); an action since deleted keeps its published status.
    pub live_status: Vec<(i32, ActionStatus)>,
}

impl Publication {
    /// The status to show for `action`: live when it has changed, else as published.
    pub fn status_of(&self, action: &PublicAction) -> ActionStatus {
        self.live_status
            .iter()
            .find(|(id, _)| *id == action.id)
            .map_or(action.status, |(_, s)| *s)
    }
}

/// The staff page of publications: every publication, and what a new one can be made of.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationsData {
    /// Every publication, newest first (live and withdrawn).
    pub publications: Vec<PublicationSummary>,
    /// Runs that can be published, newest first: id and label.
    pub runs: Vec<(i32, String)>,
    /// Surveys a publication can be limited to: slug and title.
    pub surveys: Vec<(String, String)>,
}
