//! The signed-in pages as lazy routes: built with `cargo leptos build --split`, their code is a
//! separate WASM chunk that the browser fetches only when one of them is opened, so residents on a
//! survey page download only the survey's code. Each page loads its own data, so `data()` has
//! nothing to start.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::routes::staff::ReportTrendsPage;
use crate::routes::staff::ThemePage;
use crate::routes::staff::WeightingPage;
use crate::routes::staff::{
    AccountPage, AuditPage, DashboardPage, DefinitionPage, InvitationPage, LinksPage, LoginPage,
    QuestionPage, ReportsPage, RunsPage, StaffHomePage, StaffNotePage, StaffNotesPage,
    SurveyEditorPage, SurveysPage, TranslationPage, UsersPage,
};
use crate::routes::staff::{ActionsPage, StrategyPage};
use crate::routes::staff::{CategoriesPage, ComparePage, PublicationsPage, RunReportPage};
use crate::routes::staff::{ReportFeedPage, ResponseTimesPage};
use crate::routes::{NotePage, NotesPage};

pub struct Login;

#[lazy_route]
impl LazyRoute for Login {
    fn data() -> Self {
        Login
    }

    fn view(_this: Self) -> AnyView {
        view! { <LoginPage /> }.into_any()
    }
}

pub struct Invitation;

#[lazy_route]
impl LazyRoute for Invitation {
    fn data() -> Self {
        Invitation
    }

    fn view(_this: Self) -> AnyView {
        view! { <InvitationPage /> }.into_any()
    }
}

pub struct Account;

#[lazy_route]
impl LazyRoute for Account {
    fn data() -> Self {
        Account
    }

    fn view(_this: Self) -> AnyView {
        view! { <AccountPage /> }.into_any()
    }
}

pub struct Notes;

#[lazy_route]
impl LazyRoute for Notes {
    fn data() -> Self {
        Notes
    }

    fn view(_this: Self) -> AnyView {
        view! { <NotesPage /> }.into_any()
    }
}

pub struct Note;

#[lazy_route]
impl LazyRoute for Note {
    fn data() -> Self {
        Note
    }

    fn view(_this: Self) -> AnyView {
        view! { <NotePage /> }.into_any()
    }
}

pub struct StaffNotes;

#[lazy_route]
impl LazyRoute for StaffNotes {
    fn data() -> Self {
        StaffNotes
    }

    fn view(_this: Self) -> AnyView {
        view! { <StaffNotesPage /> }.into_any()
    }
}

pub struct StaffNote;

#[lazy_route]
impl LazyRoute for StaffNote {
    fn data() -> Self {
        StaffNote
    }

    fn view(_this: Self) -> AnyView {
        view! { <StaffNotePage /> }.into_any()
    }
}

pub struct Links;

#[lazy_route]
impl LazyRoute for Links {
    fn data() -> Self {
        Links
    }

    fn view(_this: Self) -> AnyView {
        view! { <LinksPage /> }.into_any()
    }
}

pub struct Reports;

#[lazy_route]
impl LazyRoute for Reports {
    fn data() -> Self {
        Reports
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReportsPage /> }.into_any()
    }
}

pub struct StaffHome;

#[lazy_route]
impl LazyRoute for StaffHome {
    fn data() -> Self {
        StaffHome
    }

    fn view(_this: Self) -> AnyView {
        view! { <StaffHomePage /> }.into_any()
    }
}

pub struct Dashboard;

#[lazy_route]
impl LazyRoute for Dashboard {
    fn data() -> Self {
        Dashboard
    }

    fn view(_this: Self) -> AnyView {
        view! { <DashboardPage /> }.into_any()
    }
}

pub struct Theme;

#[lazy_route]
impl LazyRoute for Theme {
    fn data() -> Self {
        Theme
    }

    fn view(_this: Self) -> AnyView {
        view! { <ThemePage /> }.into_any()
    }
}

pub struct Runs;

#[lazy_route]
impl LazyRoute for Runs {
    fn data() -> Self {
        Runs
    }

    fn view(_this: Self) -> AnyView {
        view! { <RunsPage /> }.into_any()
    }
}

pub struct Users;

#[lazy_route]
impl LazyRoute for Users {
    fn data() -> Self {
        Users
    }

    fn view(_this: Self) -> AnyView {
        view! { <UsersPage /> }.into_any()
    }
}

pub struct Audit;

#[lazy_route]
impl LazyRoute for Audit {
    fn data() -> Self {
        Audit
    }

    fn view(_this: Self) -> AnyView {
        view! { <AuditPage /> }.into_any()
    }
}

pub struct Surveys;

#[lazy_route]
impl LazyRoute for Surveys {
    fn data() -> Self {
        Surveys
    }

    fn view(_this: Self) -> AnyView {
        view! { <SurveysPage /> }.into_any()
    }
}

pub struct SurveyEditor;

#[lazy_route]
impl LazyRoute for SurveyEditor {
    fn data() -> Self {
        SurveyEditor
    }

    fn view(_this: Self) -> AnyView {
        view! { <SurveyEditorPage /> }.into_any()
    }
}

pub struct Question;

#[lazy_route]
impl LazyRoute for Question {
    fn data() -> Self {
        Question
    }

    fn view(_this: Self) -> AnyView {
        view! { <QuestionPage /> }.into_any()
    }
}

pub struct Translation;

#[lazy_route]
impl LazyRoute for Translation {
    fn data() -> Self {
        Translation
    }

    fn view(_this: Self) -> AnyView {
        view! { <TranslationPage /> }.into_any()
    }
}

pub struct TranslationImport;

#[lazy_route]
impl LazyRoute for TranslationImport {
    fn data() -> Self {
        TranslationImport
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::components::translation_file::TranslationImportPage /> }.into_any()
    }
}

pub struct Definition;

#[lazy_route]
impl LazyRoute for Definition {
    fn data() -> Self {
        Definition
    }

    fn view(_this: Self) -> AnyView {
        view! { <DefinitionPage /> }.into_any()
    }
}

pub struct Actions;

#[lazy_route]
impl LazyRoute for Actions {
    fn data() -> Self {
        Actions
    }

    fn view(_this: Self) -> AnyView {
        view! { <ActionsPage /> }.into_any()
    }
}

pub struct Strategy;

#[lazy_route]
impl LazyRoute for Strategy {
    fn data() -> Self {
        Strategy
    }

    fn view(_this: Self) -> AnyView {
        view! { <StrategyPage /> }.into_any()
    }
}

pub struct Weighting;

#[lazy_route]
impl LazyRoute for Weighting {
    fn data() -> Self {
        Weighting
    }

    fn view(_this: Self) -> AnyView {
        view! { <WeightingPage /> }.into_any()
    }
}

pub struct Compare;

#[lazy_route]
impl LazyRoute for Compare {
    fn data() -> Self {
        Compare
    }

    fn view(_this: Self) -> AnyView {
        view! { <ComparePage /> }.into_any()
    }
}

pub struct RunReport;

#[lazy_route]
impl LazyRoute for RunReport {
    fn data() -> Self {
        RunReport
    }

    fn view(_this: Self) -> AnyView {
        view! { <RunReportPage /> }.into_any()
    }
}

pub struct Publications;

#[lazy_route]
impl LazyRoute for Publications {
    fn data() -> Self {
        Publications
    }

    fn view(_this: Self) -> AnyView {
        view! { <PublicationsPage /> }.into_any()
    }
}

pub struct Categories;

#[lazy_route]
impl LazyRoute for Categories {
    fn data() -> Self {
        Categories
    }

    fn view(_this: Self) -> AnyView {
        view! { <CategoriesPage /> }.into_any()
    }
}

pub struct ReportTrends;

#[lazy_route]
impl LazyRoute for ReportTrends {
    fn data() -> Self {
        ReportTrends
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReportTrendsPage /> }.into_any()
    }
}

pub struct ReportFeed;

#[lazy_route]
impl LazyRoute for ReportFeed {
    fn data() -> Self {
        ReportFeed
    }

    fn view(_this: Self) -> AnyView {
        view! { <ReportFeedPage /> }.into_any()
    }
}

pub struct ResponseTimes;

#[lazy_route]
impl LazyRoute for ResponseTimes {
    fn data() -> Self {
        ResponseTimes
    }

    fn view(_this: Self) -> AnyView {
        view! { <ResponseTimesPage /> }.into_any()
    }
}
