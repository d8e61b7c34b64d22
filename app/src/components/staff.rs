//! Pieces every staff page shares: the staff navigation with sign-out, the one-time flash message,
//! the hidden CSRF field, the message for a refused or failed page, and [`StaffPage`], which marks
//! the language staff pages are written in (English or Spanish).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{Locale, use_i18n};

use crate::models::AppError;
use crate::models::staff::{ADMINS, CSRF_FIELD, Flash, Role, STAFF, Viewer};

/// The hidden form token of every state-changing staff form.
#[component]
pub fn CsrfField(token: String) -> impl IntoView {
    view! { <input type="hidden" name=CSRF_FIELD value=token /> }
}

/// The revision of the survey definition a survey-editor form was made from.
#[component]
pub fn RevisionField(revision: String) -> impl IntoView {
    view! { <input type="hidden" name=crate::models::survey_edit::REVISION_FIELD value=revision /> }
}

/// A confirmation (polite status) or a problem (alert), shown once after a form post.
#[component]
pub fn FlashMessage(flash: Option<Flash>) -> impl IntoView {
    flash.map(|f| {
        if f.error {
            view! { <p class="form-error flash" role="alert">{f.message}</p> }.into_any()
        } else {
            view! { <p class="notice flash" role="status">{f.message}</p> }.into_any()
        }
    })
}

/// A staff page's content, marked with the language it is written in: Spanish when Spanish is
/// chosen, else English. Staff pages are not translated into Vietnamese, Chinese or Tagalog; when
/// one of those is chosen, the page frame stays in it and this content says `lang="en"`, with a
/// note saying so (see [`StaffNav`]).
#[component]
pub fn StaffPage(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! { <div class="staff-page" lang=move || i18n.staff_locale().code()>{children()}</div> }
}

/// Links for the viewer's role and the sign-out button; when the chosen language has no staff
/// pages, a note saying they are shown in English, with links to the two staff languages. A page
/// whose own content is in every language (`own_language`, e.g. a partner's notes pages) leaves
/// the note out: only this menu is in English there, and it says so with its `lang`.
#[component]
pub fn StaffNav(
    viewer: Option<Viewer>,
    csrf: String,
    #[prop(optional)] own_language: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let l = i18n.staff_locale();
    let fallback = (!own_language && !i18n.locale().has_staff_pages()).then(|| {
        let links = [Locale::En, Locale::Es]
            .into_iter()
            .map(|locale| {
                let href = format!("{}?lang={}", location.pathname.get_untracked(), locale.code());
                view! { " " <a href=href hreflang=locale.code() lang=locale.code()>{locale.endonym()}</a> }
            })
            .collect_view();
        view! { <p class="notice" role="note">{l.tr("staff-nav-english-only")}{links}</p> }
    });
    let nav = viewer.map(|v| {
        let staff = v.is(STAFF);
        let admin = v.is(ADMINS);
        let role = role_name(l, v.role);
        view! {
            <nav class="staff-nav" aria-label=l.tr("staff-nav-label")>
                <ul>
                    {staff.then(|| view! {
                        <li><a href="/staff">{l.tr("staff-nav-overview")}</a></li>
                        <li><a href="/staff/dashboard">{l.tr("staff-nav-dashboard")}</a></li>
                        <li><a href="/staff/runs">{l.tr("staff-nav-runs")}</a></li>
                        <li><a href="/staff/compare">{l.tr("staff-nav-compare")}</a></li>
                        <li><a href="/staff/actions">{l.tr("staff-nav-actions")}</a></li>
                        <li><a href="/staff/publications">{l.tr("staff-nav-publications")}</a></li>
                        <li><a href="/staff/notes">{l.tr("staff-nav-all-notes")}</a></li>
                        <li><a href="/staff/links">{l.tr("staff-nav-links")}</a></li>
                        <li><a href="/staff/reports">{l.tr("staff-nav-reports")}</a></li>
                        <li><a href="/staff/categories">{l.tr("staff-nav-categories")}</a></li>
                    })}
                    {admin.then(|| view! {
                        <li><a href="/staff/admin/surveys">{l.tr("staff-nav-surveys")}</a></li>
                        <li><a href="/staff/admin/strategy">{l.tr("staff-nav-strategy")}</a></li>
                        <li><a href="/staff/admin/users">{l.tr("staff-nav-users")}</a></li>
                        <li><a href="/staff/admin/weighting">{l.tr("staff-nav-weighting")}</a></li>
                        <li><a href="/staff/admin/audit">{l.tr("staff-nav-audit")}</a></li>
                    })}
                    <li><a href="/notes">{l.tr("staff-nav-my-notes")}</a></li>
                    <li><a href="/account">{l.tr("staff-nav-account")}</a></li>
                </ul>
                <form method="post" action="/logout" class="inline-form">
                    <CsrfField token=csrf />
                    <span class="meta">{format!("{} ({role})", v.name)}</span>
                    " "
                    <button type="submit" class="link-button">{l.tr("staff-nav-sign-out")}</button>
                </form>
            </nav>
        }
    });
    view! { {fallback} {nav} }
}

/// A role's name in the staff pages' language (the stored names are English).
pub fn role_name(l: Locale, role: Role) -> String {
    l.tr(match role {
        Role::Administrator => "staff-role-administrator",
        Role::Analyst => "staff-role-analyst",
        Role::Partner => "staff-role-partner",
    })
}

/// How staff show a theme, in the staff pages' language (the stored names are English).
pub fn status_name(l: Locale, status: crate::models::curation::ThemeStatus) -> String {
    use crate::models::curation::ThemeStatus;
    l.tr(match status {
        ThemeStatus::Need => "staff-status-need",
        ThemeStatus::NotANeed => "staff-status-not-a-need",
        ThemeStatus::Hidden => "staff-status-hidden",
    })
}

/// A stream's name in the staff pages' language.
pub fn stream_name(l: Locale, stream: crate::models::Stream) -> String {
    use crate::models::Stream;
    l.tr(match stream {
        Stream::Resident => "staff-stream-resident",
        Stream::Department => "staff-stream-department",
        Stream::CommunityOrg => "staff-stream-community-org",
        Stream::Notes => "staff-stream-notes",
        Stream::Reports => "staff-stream-reports",
    })
}

/// A link's or token's state (`active`, `revoked`, `expired`, `used up`) in the staff pages'
/// language; an unknown state is shown as it is.
pub fn state_name(l: Locale, state: &str) -> String {
    match state {
        "active" => l.tr("staff-state-active"),
        "revoked" => l.tr("staff-state-revoked"),
        "expired" => l.tr("staff-state-expired"),
        "used up" => l.tr("staff-state-used-up"),
        other => other.to_owned(),
    }
}

/// What a staff page shows when its data could not be loaded.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    let l = use_i18n().staff_locale();
    let message = l.tr(match error {
        AppError::SignInRequired => "staff-error-sign-in",
        AppError::Forbidden => "staff-error-forbidden",
        AppError::NotFound => "staff-error-not-found",
        _ => "staff-error-unavailable",
    });
    view! {
        <p class="form-error" role="alert">{message}</p>
        <p><a href="/login">{l.tr("staff-sign-in")}</a></p>
    }
}

/// "Loading…" in the staff pages' language.
pub fn loading() -> impl IntoView {
    let l = use_i18n().staff_locale();
    view! { <p>{l.tr("staff-loading")}</p> }
}
