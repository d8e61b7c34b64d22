//! A small inline SVG line of one value per step (a theme's share in each run), with a `<title>`
//! and `<desc>` that say the same numbers. The line breaks where a value is missing (the theme
//! was not in that run, or its share was suppressed) rather than drawing through the gap. The
//! page shows the numbers in a table as well (see the compare page).

use leptos::prelude::*;

const W: f64 = 120.0;
const H: f64 = 28.0;
const PAD: f64 = 3.0;

/// The runs of consecutive present values as SVG points (`x,y x,y …`), scaled to the box with
/// `max` at the top.
pub fn segments(values: &[Option<f64>], max: f64) -> Vec<Vec<(f64, f64)>> {
    let step = if values.len() > 1 {
        (W - 2.0 * PAD) / (values.len() - 1) as f64
    } else {
        0.0
    };
    let max = if max > 0.0 { max } else { 1.0 };
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let x = PAD + step * i as f64;
                let y = H - PAD - (v / max).clamp(0.0, 1.0) * (H - 2.0 * PAD);
                current.push((x, y));
            }
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn points(segment: &[(f64, f64)]) -> String {
    segment
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line of `values` (shares 0–1, oldest first) against a common `max`, so lines side by side
/// compare.
#[component]
pub fn Sparkline(
    id: String,
    title: String,
    description: String,
    values: Vec<Option<f64>>,
    max: f64,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let parts = segments(&values, max)
        .into_iter()
        .map(|s| {
            let last = s.last().copied();
            view! {
                {(s.len() > 1).then(|| view! { <polyline points=points(&s) class="spark-line" /> })}
                {last.map(|(x, y)| view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="2" class="spark-dot" /> })}
            }
        })
        .collect_view();
    view! {
        <svg
            class="sparkline"
            viewBox=format!("0 0 {W} {H}")
            width=format!("{W}")
            height=format!("{H}")
            role="img"
            aria-labelledby=labelled_by
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {parts}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_value_breaks_the_line() {
        let s = segments(&[Some(0.1), Some(0.2), None, Some(0.2)], 0.2);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].len(), 2);
        assert_eq!(s[1].len(), 1);
        // The largest value is at the top, inside the padding.
        assert!((s[0][1].1 - PAD).abs() < 1e-9);
        assert!(s[0][0].1 > s[0][1].1);
        assert!(segments(&[None, None], 0.0).is_empty());
    }
}
