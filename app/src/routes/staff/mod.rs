//! Pages for signed-in people: sign-in, invitations, account, the staff overview, analysis runs,
//! the dashboard, interview notes, users and the audit log. Forms post plainly (with a CSRF token) to handlers in
//! the server crate, which redirect back here with a one-time message.

mod account;
mod actions;
mod audit;
mod categories;
mod compare;
mod dashboard;
mod home;
mod invitation;
mod links;
mod login;
mod notes;
mod publications;
mod report;
mod report_feed;
mod report_trends;
mod reports;
mod response_times;
mod runs;
mod strategy;
mod survey_editor;
mod survey_question;
mod survey_texts;
mod surveys;
mod theme;
mod users;
mod weighting;

pub use account::AccountPage;
pub use actions::ActionsPage;
pub use audit::AuditPage;
pub use categories::CategoriesPage;
pub use compare::ComparePage;
pub use dashboard::DashboardPage;
pub use home::StaffHomePage;
pub use invitation::InvitationPage;
pub use links::LinksPage;
pub use login::LoginPage;
pub use notes::{StaffNotePage, StaffNotesPage};
pub use publications::PublicationsPage;
pub use report::RunReportPage;
pub use report_feed::ReportFeedPage;
pub use report_trends::{ReportTrendsPage, RisingCategories};
pub use reports::ReportsPage;
pub use response_times::ResponseTimesPage;
pub use runs::RunsPage;
pub use strategy::StrategyPage;
pub use survey_editor::SurveyEditorPage;
pub use survey_question::QuestionPage;
pub use survey_texts::{DefinitionPage, TranslationPage};
pub use surveys::SurveysPage;
pub use theme::ThemePage;
pub use users::UsersPage;
pub use weighting::WeightingPage;
