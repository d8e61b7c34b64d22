//! `runs show --table`: a logged run as tables for people. Everything shown about residents is
//! what the run publishes, after its small-cell suppression.

use std::collections::BTreeMap;
use std::fmt::Write;

use analysis::weighting::{Breakdown, Interval, PublishedPriority, SchemeEstimate};

/// Theme ID → label, from a logged theme report.
pub fn labels(themes: &serde_json::Value) -> BTreeMap<String, String> {
    themes["themes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some((
                t["id"].as_str()?.to_owned(),
                t["label"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

fn estimate(e: &SchemeEstimate) -> String {
    let ci = |i: &Option<Interval>| {
        i.map_or(String::new(), |i| {
            format!(" [{:.1}–{:.1}]", i.lower * 100.0, i.upper * 100.0)
        })
    };
    format!("{:>5.1}%{} #{}", e.share * 100.0, ci(&e.share_ci90), e.rank)
}

/// The priority table: unweighted, raked and raked × equity side by side, 90% intervals.
pub fn priority_table(rows: &[PublishedPriority], labels: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<44} | {:<22} | {:<22} | {:<22} | orgs",
        "theme (share of residents, 90% interval, rank)", "unweighted", "raked", "raked × equity"
    );
    let mut rows: Vec<&PublishedPriority> = rows.iter().collect();
    rows.sort_by_key(|p| p.row.as_ref().map_or(usize::MAX, |r| r.equity.rank));
    for p in rows {
        let name = format!(
            "{} {}",
            p.theme,
            labels.get(&p.theme).map_or("", String::as_str)
        );
        let name: String = name.chars().take(44).collect();
        match &p.row {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "{name:<44} | {:<22} | {:<22} | {:<22} | {}",
                    estimate(&r.unweighted),
                    estimate(&r.raked),
                    estimate(&r.equity),
                    p.organisations
                );
            }
            None => {
                let why: Vec<String> = p.suppressed.iter().map(ToString::to_string).collect();
                let _ = writeln!(
                    out,
                    "{name:<44} | not published: {} | {}",
                    why.join("; "),
                    p.organisations
                );
            }
        }
    }
    out
}

/// A breakdown with hidden cells shown as `–`.
pub fn breakdown_table(b: &Breakdown, labels: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{:<36}",
        format!("share by {} ({:?})", b.variable, b.scheme)
    );
    for c in &b.columns {
        let n = c.respondents.map_or("–".into(), |n| n.to_string());
        let _ = write!(out, " | {:>10}", format!("{} (n {n})", c.category));
    }
    out.push('\n');
    for (theme, cells) in b.themes.iter().zip(&b.cells) {
        let name = format!("{theme} {}", labels.get(theme).map_or("", String::as_str));
        let _ = write!(out, "{:<36}", name.chars().take(36).collect::<String>());
        for cell in cells {
            let shown = cell
                .share
                .map_or("–".into(), |s| format!("{:.1}%", s * 100.0));
            let _ = write!(out, " | {shown:>10}");
        }
        out.push('\n');
    }
    out
}
