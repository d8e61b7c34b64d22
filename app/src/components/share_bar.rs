//! A share drawn as a small bar with its interval, for a table cell. Decorative: the cell's text
//! says the same numbers, so the drawing is hidden from screen readers.

use leptos::prelude::*;

use crate::models::dashboard::Estimate;

const W: f64 = 96.0;
const H: f64 = 12.0;

/// `estimate` on a scale whose right end is `max` (a share in 0–1).
#[component]
pub fn ShareBar(estimate: Estimate, max: f64) -> impl IntoView {
    let max = if max > 0.0 { max } else { 1.0 };
    let x = move |v: f64| (v / max).clamp(0.0, 1.0) * W;
    let whisker = match (estimate.lower, estimate.upper) {
        (Some(lo), Some(hi)) => Some(view! {
            <line x1=format!("{:.1}", x(lo)) x2=format!("{:.1}", x(hi)) y1="6" y2="6" class="share-whisker" />
        }),
        _ => None,
    };
    view! {
        <svg class="share-bar" viewBox=format!("0 0 {W} {H}") width=format!("{W}") height=format!("{H}") aria-hidden="true" focusable="false">
            <rect x="0" y="2" width=format!("{:.1}", x(estimate.value)) height="8" class="share-fill" />
            {whisker}
        </svg>
    }
}

/// A share as a percentage with one decimal.
pub fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// A share with its 90% interval when it has one: `23.4% (19.8–27.1)`.
pub fn with_interval(e: &Estimate) -> String {
    match (e.lower, e.upper) {
        (Some(lo), Some(hi)) => format!("{} ({:.1}–{:.1})", pct(e.value), lo * 100.0, hi * 100.0),
        _ => pct(e.value),
    }
}
