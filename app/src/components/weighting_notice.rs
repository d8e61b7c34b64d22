//! The dashboard's notice for a run that is not equity-weighted, with the way out: administrators
//! get a link to the weighting page, everyone else is told whom to ask.

use leptos::prelude::*;

use crate::models::staff::{ADMINS, Viewer};

/// Where administrators set up weighting.
pub const WEIGHTING_PAGE: &str = "/staff/admin/weighting";

/// “Not equity-weighted: `problem`.” and what the viewer can do about it.
#[component]
pub fn WeightingNotice(problem: String, viewer: Option<Viewer>) -> impl IntoView {
    let admin = viewer.as_ref().is_some_and(|v| v.is(ADMINS));
    view! {
        <p class="notice">
            {format!("Not equity-weighted: {problem}. Themes are ranked by how many people raised them. ")}
            {if admin {
                view! {
                    <a href=WEIGHTING_PAGE>"Set up or change the weighting"</a>
                    " (population margins and the equity index), then start a new run."
                }
                .into_any()
            } else {
                view! {
                    "Ask an administrator to set up the weighting (population margins and the equity index) on the Weighting page, then start a new run."
                }
                .into_any()
            }}
        </p>
    }
}
