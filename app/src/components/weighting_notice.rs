//! The dashboard's notice for a run that is not equity-weighted, with the way out: administrators
//! get a link to the weighting page, everyone else is told whom to ask.

use leptos::prelude::*;

use crate::i18n::{FluentArg, use_i18n};
use crate::models::staff::{ADMINS, Viewer};

/// Where administrators set up weighting.
pub const WEIGHTING_PAGE: &str = "/staff/admin/weighting";

/// “Not equity-weighted: `problem`.” and what the viewer can do about it.
#[component]
pub fn WeightingNotice(problem: String, viewer: Option<Viewer>) -> impl IntoView {
    let admin = viewer.as_ref().is_some_and(|v| v.is(ADMINS));
    let l = use_i18n().staff_locale();
    view! {
        <p class="notice">
            {l.tr_args("staff-weighting-notice", &[("problem", FluentArg::Str(problem))])}" "
            {if admin {
                view! {
                    <a href=WEIGHTING_PAGE>{l.tr("staff-weighting-notice-link")}</a>
                    " "{l.tr("staff-weighting-notice-admin")}
                }
                .into_any()
            } else {
                view! {
                    {l.tr("staff-weighting-notice-ask")}
                }
                .into_any()
            }}
        </p>
    }
}
