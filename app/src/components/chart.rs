//! Server-rendered SVG charts: bars of shares with interval whiskers, and columns of sources per
//! month. Each has a `<title>` and `<desc>` for screen readers and the same numbers as text or a
//! table next to it. Hand-written rather than with plotters:
//! plotters' SVG backend writes a finished string with no way to add `<title>`, `<desc>` or ARIA
//! attributes, which an accessible chart needs, and would add a dependency for 60 lines.

use leptos::prelude::*;

use crate::i18n::{FluentArg, use_i18n};

/// One bar: label, value and optional interval, all as shares in 0–1.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 250.0;
const ROW_H: f64 = 28.0;
const TOP: f64 = 8.0;

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// A horizontal bar chart of shares.
#[component]
pub fn BarChart(id: String, title: String, description: String, bars: Vec<Bar>) -> impl IntoView {
    let max = bars
        .iter()
        .map(|b| b.upper.unwrap_or(b.value).max(b.value))
        .fold(0.0f64, f64::max)
        .max(0.01);
    let plot_w = WIDTH - LABEL_W - 60.0;
    let x = move |v: f64| LABEL_W + (v / max) * plot_w;
    let height = TOP * 2.0 + ROW_H * bars.len() as f64;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = TOP + ROW_H * i as f64;
            // The full label is in the data table; about 7 units a character at this size.
            let label: String = if b.label.chars().count() > 30 {
                format!("{}…", b.label.chars().take(29).collect::<String>())
            } else {
                b.label.clone()
            };
            let whisker = match (b.lower, b.upper) {
                (Some(lo), Some(hi)) => Some(view! {
                    <line x1=format!("{:.1}", x(lo)) x2=format!("{:.1}", x(hi)) y1=format!("{:.1}", y + ROW_H / 2.0) y2=format!("{:.1}", y + ROW_H / 2.0) class="whisker" />
                }),
                _ => None,
            };
            view! {
                <g>
                    <text x=format!("{:.1}", LABEL_W - 8.0) y=format!("{:.1}", y + ROW_H * 0.65) text-anchor="end" class="bar-label">{label}</text>
                    <rect x=format!("{LABEL_W:.1}") y=format!("{:.1}", y + 5.0) width=format!("{:.1}", x(b.value) - LABEL_W) height=format!("{:.1}", ROW_H - 10.0) class="bar" />
                    {whisker}
                    <text x=format!("{:.1}", x(b.upper.unwrap_or(b.value).max(b.value)) + 6.0) y=format!("{:.1}", y + ROW_H * 0.65) class="bar-value">{pct(b.value)}</text>
                </g>
            }
        })
        .collect_view();
    let l = use_i18n().staff_locale();
    let table_rows = bars
        .into_iter()
        .map(|b| {
            let interval = match (b.lower, b.upper) {
                (Some(lo), Some(hi)) => format!("{} – {}", pct(lo), pct(hi)),
                _ => "—".to_owned(),
            };
            view! { <tr><th scope="row">{b.label}</th><td>{pct(b.value)}</td><td>{interval}</td></tr> }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height:.0}")
                role="img"
                aria-labelledby=labelled_by
                xmlns="http://www.w3.org/2000/svg"
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {rows}
            </svg>
            <details>
                <summary>{l.tr_args("staff-chart-data-table", &[("title", FluentArg::Str(title.clone()))])}</summary>
                <table>
                    <thead><tr><th scope="col">{l.tr("staff-col-theme")}</th><th scope="col">{l.tr("staff-col-share")}</th><th scope="col">{l.tr("staff-chart-interval")}</th></tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// Columns of a count per month (a theme's sources over time). `months` and `counts` have the
/// same length; the page shows the numbers as text beside it.
#[component]
pub fn MonthColumns(
    id: String,
    title: String,
    description: String,
    months: Vec<String>,
    counts: Vec<usize>,
) -> impl IntoView {
    const W: f64 = 320.0;
    const H: f64 = 80.0;
    const AXIS: f64 = 16.0;
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = W / counts.len().max(1) as f64;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let columns = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let h = (*n as f64 / max) * (H - AXIS - 4.0);
            view! {
                <rect x=format!("{:.1}", i as f64 * step + 1.0) y=format!("{:.1}", H - AXIS - h) width=format!("{:.1}", (step - 2.0).max(1.0)) height=format!("{h:.1}") class="bar" />
            }
        })
        .collect_view();
    let first = months.first().cloned().unwrap_or_default();
    let last = months.last().cloned().unwrap_or_default();
    view! {
        <svg
            class="trend-chart"
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-labelledby=labelled_by
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {columns}
            <text x="0" y=format!("{:.0}", H - 3.0) class="axis-label">{first}</text>
            <text x=format!("{W}") y=format!("{:.0}", H - 3.0) text-anchor="end" class="axis-label">{last}</text>
        </svg>
    }
}
