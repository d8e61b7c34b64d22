//! The HTML shell, the router and the route table.

use leptos::prelude::*;
use leptos_meta::{Html, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::routes::staff::{
    AccountPage, AuditPage, DashboardPage, DefinitionPage, InvitationPage, LinksPage, LoginPage,
    QuestionPage, ReportsPage, RunsPage, StaffHomePage, StaffNotePage, StaffNotesPage,
    SurveyEditorPage, SurveysPage, TranslationPage, UsersPage,
};
use crate::routes::{HomePage, NotFound, NotePage, NotesPage, SurveyPage, ThanksPage};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="stylesheet" id="leptos" href="/pkg/needscope.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Everything inside the router (the language lives in the URL, so it needs the router).
#[component]
fn Shell() -> impl IntoView {
    let i18n = provide_i18n();
    view! {
        <Html {..} lang=move || i18n.locale().code() />
        <Title formatter=|title: String| if title.is_empty() { "Needscope".to_string() } else { format!("{title} · Needscope") } />
        <Layout>
            // Async: pages render complete on the server, so they work without JavaScript.
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/surveys/:slug") view=SurveyPage ssr=SsrMode::Async />
                <Route path=path!("/surveys/:slug/thanks") view=ThanksPage ssr=SsrMode::Async />
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                <Route path=path!("/invitations/:token") view=InvitationPage ssr=SsrMode::Async />
                <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                <Route path=path!("/notes") view=NotesPage ssr=SsrMode::Async />
                <Route path=path!("/notes/:id") view=NotePage ssr=SsrMode::Async />
                <Route path=path!("/staff/notes") view=StaffNotesPage ssr=SsrMode::Async />
                <Route path=path!("/staff/links") view=LinksPage ssr=SsrMode::Async />
                <Route path=path!("/staff/reports") view=ReportsPage ssr=SsrMode::Async />
                <Route path=path!("/staff/notes/:id") view=StaffNotePage ssr=SsrMode::Async />
                <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::Async />
                <Route path=path!("/staff/dashboard") view=DashboardPage ssr=SsrMode::Async />
                <Route path=path!("/staff/runs") view=RunsPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/users") view=UsersPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/audit") view=AuditPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys") view=SurveysPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug") view=SurveyEditorPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/add-question") view=QuestionPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/questions/:key") view=QuestionPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/translations/:locale") view=TranslationPage ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/definition") view=DefinitionPage ssr=SsrMode::Async />
            </Routes>
        </Layout>
    }
}
