//! Who is signed in, with which role, and which pages each role may open. The server enforces
//! [`required_roles`] on every request before any page or handler runs; server functions check
//! again with `crate::store::auth::require`.

use serde::{Deserialize, Serialize};

/// A staff account's one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the server: accounts, invitations, configuration, audit log; everything analysts do.
    Administrator,
    /// Strategy staff: analysis runs, the dashboard, exports.
    Analyst,
    /// A community organization or department contact: their own interview notes and account
    /// only.
    Partner,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Administrator, Role::Analyst, Role::Partner];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Analyst => "analyst",
            Role::Partner => "partner",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name.trim())
    }

    /// Where this role lands after signing in.
    pub fn home(self) -> &'static str {
        match self {
            Role::Administrator | Role::Analyst => "/staff",
            Role::Partner => "/notes",
        }
    }
}

/// Roles of strategy staff.
pub const STAFF: &[Role] = &[Role::Administrator, Role::Analyst];
/// Administrators only.
pub const ADMINS: &[Role] = &[Role::Administrator];
/// Anyone signed in.
pub const SIGNED_IN: &[Role] = &[Role::Administrator, Role::Analyst, Role::Partner];

/// The roles that may open `path`; `None` means the path is public.
pub fn required_roles(path: &str) -> Option<&'static [Role]> {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if under("/staff/admin") {
        Some(ADMINS)
    } else if under("/staff") || under("/api/v1") || under("/account/tokens") {
        Some(STAFF)
    } else if under("/account") || under("/notes") || under("/entry") {
        Some(SIGNED_IN)
    } else {
        None
    }
}

/// The signed-in person as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization: Option<String>,
}

impl Viewer {
    /// Whether the viewer holds one of `roles`.
    pub fn is(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }
}

/// A one-time message for the next page, set by a form handler before it redirects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// True for a problem, false for a confirmation.
    pub error: bool,
    pub message: String,
    /// The field the problem is about, for `aria-describedby`.
    pub field: Option<String>,
    /// What was typed, so nothing is lost (never passwords).
    pub values: std::collections::BTreeMap<String, String>,
}

/// At most the first `max` characters of `s`.
pub fn at_most(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(end, _)| &s[..end])
}

impl Flash {
    /// The longest message kept (longer ones are cut).
    pub const MAX_MESSAGE_CHARS: usize = 2_000;
    /// The longest value kept per field (longer ones are cut): a flash lives in the session, so
    /// what a form posts must not all be stored.
    pub const MAX_VALUE_CHARS: usize = 64 * 1024;

    pub fn error(message: impl Into<String>) -> Flash {
        Flash {
            error: true,
            message: at_most(&message.into(), Flash::MAX_MESSAGE_CHARS).to_owned(),
            ..Flash::default()
        }
    }

    pub fn notice(message: impl Into<String>) -> Flash {
        Flash {
            error: false,
            message: at_most(&message.into(), Flash::MAX_MESSAGE_CHARS).to_owned(),
            ..Flash::default()
        }
    }

    /// The message for a database or other internal failure (details go to the log).
    pub fn unavailable() -> Flash {
        Flash::error("The service is unavailable, please try again shortly.")
    }

    pub fn on(mut self, field: &str) -> Flash {
        self.field = Some(field.to_owned());
        self
    }

    /// Keeps what was typed into `field`, at most [`Flash::MAX_VALUE_CHARS`] of it.
    pub fn keep(mut self, field: &str, value: &str) -> Flash {
        let value = at_most(value, Flash::MAX_VALUE_CHARS);
        self.values.insert(field.to_owned(), value.to_owned());
        self
    }

    /// What was typed into `field`.
    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }
}

/// What a form shows after a redirect: when it came back with a problem, what was typed and the
/// field that is wrong; otherwise what is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed(Option<Flash>);

impl Typed {
    /// The form's state from a page's flash (a confirmation keeps nothing).
    pub fn from(flash: &Option<Flash>) -> Typed {
        Typed(flash.clone().filter(|f| f.error))
    }

    fn kept(&self) -> Option<&Flash> {
        self.0.as_ref().filter(|f| !f.values.is_empty())
    }

    /// What `name` shows: what was typed, or `stored`.
    pub fn value(&self, name: &str, stored: &str) -> String {
        match self.kept() {
            Some(f) => f.value(name),
            None => stored.to_owned(),
        }
    }

    /// Whether checkbox `name` is ticked: as posted, or `stored`.
    pub fn checked(&self, name: &str, stored: bool) -> bool {
        match self.kept() {
            Some(f) => f.values.contains_key(name),
            None => stored,
        }
    }

    /// `aria-invalid` of the field with id `id`.
    pub fn invalid(&self, id: &str) -> Option<&'static str> {
        self.0
            .as_ref()
            .filter(|f| f.field.as_deref() == Some(id))
            .map(|_| "true")
    }
}

/// What every staff page gets from the server: the viewer, the form token and any flash message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageContext {
    pub viewer: Option<Viewer>,
    pub csrf: String,
    pub flash: Option<Flash>,
}

/// Name of the hidden CSRF field of every staff form.
pub const CSRF_FIELD: &str = "_csrf";

/// An account on the users page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization: Option<String>,
    pub disabled: bool,
    pub created_at: String,
}

/// An open invitation on the users page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: i32,
    pub email: String,
    pub role: Role,
    pub organization: Option<String>,
    pub expires_at: String,
}

/// The users page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersPageData {
    pub users: Vec<UserRow>,
    pub invitations: Vec<InvitationRow>,
}

/// An invitation as its landing page shows it: who it is for, or why it cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPageData {
    pub email: Option<String>,
    pub role: Option<Role>,
    pub problem: Option<String>,
}

/// A survey on the surveys page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub slug: String,
    pub title: String,
    pub audience: String,
    pub status: String,
    pub version: i32,
    pub responses: u64,
    /// Each language other than English: translated, outdated, reviewed.
    #[serde(default)]
    pub languages: Vec<crate::models::survey_edit::LanguageProgress>,
}

/// Failed and refused sign-ins are counted in the audit log, one row per e-mail address every
/// this many minutes (`store::audit::record_attempt`).
pub const ATTEMPT_WINDOW_MINUTES: i64 = 10;
/// How many rows of counted sign-in attempts the audit page lists besides the events.
pub const ATTEMPTS_LISTED: u64 = 20;

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_come_back_only_with_a_problem() {
        let stored = Typed::from(&Some(Flash::notice("Saved")));
        assert_eq!(stored.value("title", "Parks"), "Parks");
        let problem = Flash::error("Write the title.")
            .on("survey-title")
            .keep("title", "")
            .keep("required", "on");
        let typed = Typed::from(&Some(problem));
        assert_eq!(
            typed.value("title", "Parks"),
            "",
            "what was typed, even empty"
        );
        assert!(typed.checked("required", false));
        assert!(
            !typed.checked("other", true),
            "an unticked box is not posted"
        );
        assert_eq!(typed.invalid("survey-title"), Some("true"));
        assert_eq!(typed.invalid("survey-intro"), None);
    }

    #[test]
    fn a_flash_keeps_a_bounded_amount_of_what_was_posted() {
        let huge = "é".repeat(Flash::MAX_VALUE_CHARS + 10);
        let flash = Flash::error(huge.clone()).keep("email", &huge);
        assert_eq!(flash.message.chars().count(), Flash::MAX_MESSAGE_CHARS);
        assert_eq!(flash.value("email").chars().count(), Flash::MAX_VALUE_CHARS);
        assert_eq!(at_most("éèê", 2), "éè");
        let short = Flash::notice("Saved").keep("title", "Parks");
        assert_eq!(
            (short.message.as_str(), short.value("title").as_str()),
            ("Saved", "Parks")
        );
    }

    #[test]
    fn the_route_table_protects_staff_admin_and_api_paths() {
        assert_eq!(required_roles("/staff/admin/users"), Some(ADMINS));
        assert_eq!(required_roles("/staff/admin"), Some(ADMINS));
        assert_eq!(required_roles("/staff"), Some(STAFF));
        assert_eq!(required_roles("/staff/dashboard"), Some(STAFF));
        assert_eq!(required_roles("/api/v1/runs/1/themes.csv"), Some(STAFF));
        assert_eq!(required_roles("/account"), Some(SIGNED_IN));
        assert_eq!(required_roles("/account/tokens"), Some(STAFF));
        assert_eq!(required_roles("/account/tokens/4/revoke"), Some(STAFF));
        assert_eq!(required_roles("/notes/3"), Some(SIGNED_IN));
        assert_eq!(required_roles("/staff/notes/3"), Some(STAFF));
        assert_eq!(required_roles("/staffroom"), None);
        assert_eq!(required_roles("/surveys/x"), None);
        assert_eq!(required_roles("/login"), None);
    }

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
