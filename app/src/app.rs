//! The HTML shell, the router and the route table.

use leptos::prelude::*;
use leptos_meta::{Html, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

use crate::components::layout::Layout;
use crate::i18n::provide_i18n;
use crate::routes::{HomePage, NotFound, SurveyPage, ThanksPage, lazy};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    use_request_nonce();
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

/// Gives this page's inline scripts the nonce that the server's Content-Security-Policy header
/// names (`server::security_headers` puts it in the request), in place of the one leptos_axum
/// draws by itself, which no header would name.
#[cfg(feature = "ssr")]
fn use_request_nonce() {
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<leptos::nonce::Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
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
            // Async: pages render complete on the server, so they work without JavaScript. Signed-in
            // pages are lazy: their code reaches the browser only when one is opened.
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/surveys/:slug") view=SurveyPage ssr=SsrMode::Async />
                <Route path=path!("/surveys/:slug/thanks") view=ThanksPage ssr=SsrMode::Async />
                <Route path=path!("/login") view={Lazy::<lazy::Login>::new()} ssr=SsrMode::Async />
                <Route path=path!("/invitations/:token") view={Lazy::<lazy::Invitation>::new()} ssr=SsrMode::Async />
                <Route path=path!("/account") view={Lazy::<lazy::Account>::new()} ssr=SsrMode::Async />
                <Route path=path!("/notes") view={Lazy::<lazy::Notes>::new()} ssr=SsrMode::Async />
                <Route path=path!("/notes/:id") view={Lazy::<lazy::Note>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/notes") view={Lazy::<lazy::StaffNotes>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/links") view={Lazy::<lazy::Links>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/reports") view={Lazy::<lazy::Reports>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/categories") view={Lazy::<lazy::Categories>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/reports/feed") view={Lazy::<lazy::ReportFeed>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/reports/response-times") view={Lazy::<lazy::ResponseTimes>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/reports/trends") view={Lazy::<lazy::ReportTrends>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/notes/:id") view={Lazy::<lazy::StaffNote>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff") view={Lazy::<lazy::StaffHome>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/dashboard") view={Lazy::<lazy::Dashboard>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/themes/:id") view={Lazy::<lazy::Theme>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/runs") view={Lazy::<lazy::Runs>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/runs/:id/report") view={Lazy::<lazy::RunReport>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/compare") view={Lazy::<lazy::Compare>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/actions") view={Lazy::<lazy::Actions>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/publications") view={Lazy::<lazy::Publications>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/strategy") view={Lazy::<lazy::Strategy>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/users") view={Lazy::<lazy::Users>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/audit") view={Lazy::<lazy::Audit>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/weighting") view={Lazy::<lazy::Weighting>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys") view={Lazy::<lazy::Surveys>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug") view={Lazy::<lazy::SurveyEditor>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/add-question") view={Lazy::<lazy::Question>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/questions/:key") view={Lazy::<lazy::Question>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/translations/:locale") view={Lazy::<lazy::Translation>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/translations/:locale/imports/:id") view={Lazy::<lazy::TranslationImport>::new()} ssr=SsrMode::Async />
                <Route path=path!("/staff/admin/surveys/:slug/definition") view={Lazy::<lazy::Definition>::new()} ssr=SsrMode::Async />
            </Routes>
        </Layout>
    }
}
