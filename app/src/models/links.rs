//! Invitation links to the department and community-organization instruments: what a survey page
//! shows for one (whose answers these are, or why the link no longer works) and the staff page.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// Name of the survey form's hidden field carrying the link's token.
pub const INVITE_FIELD: &str = "_invite";

/// Why an invitation link cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblem {
    /// No such link (mistyped, or for another survey).
    Unknown,
    Revoked,
    Expired,
    /// A single-use link already used, or a link's responses all taken.
    UsedUp,
}

impl LinkProblem {
    /// For the person holding the link, in their language.
    pub fn message(self, locale: Locale) -> String {
        locale.tr(match self {
            LinkProblem::Unknown => "invite-unknown",
            LinkProblem::Revoked => "invite-revoked",
            LinkProblem::Expired => "invite-expired",
            LinkProblem::UsedUp => "invite-used-up",
        })
    }
}

/// A working invitation link, as the survey page carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub token: String,
    pub organization: String,
}

/// A link on the staff page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRow {
    pub id: i32,
    pub survey_title: String,
    pub organization: String,
    pub uses: i32,
    pub max_uses: Option<i32>,
    pub expires_at: String,
    /// `active`, `expired`, `revoked` or `used up`.
    pub status: String,
}

/// The staff links page: the instruments links can point to (slug, title), and the links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksPageData {
    pub instruments: Vec<(String, String)>,
    pub rows: Vec<LinkRow>,
}
