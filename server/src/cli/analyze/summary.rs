//! The human summary `needscope analyze` prints on stdout.

use std::fmt::Write;

use analysis::ThemeReport;

/// A few lines per theme: size, share, label and the first quote.
pub(super) fn render(report: &ThemeReport, rows: usize, empty: usize, seconds: f64) -> String {
    let mut out = String::new();
    let respondents = report.n_respondents.max(1) as f64;
    let how = match &report.k_selection {
        Some(c) => format!(
            "chosen automatically from {}..={}",
            c.scores.first().map_or(0, |s| s.k),
            c.scores.last().map_or(0, |s| s.k)
        ),
        None => "fixed".into(),
    };
    let _ = writeln!(
        out,
        "{rows} rows ({empty} with no text), {} units from {} respondents, analysed in {seconds:.1} s",
        report.n_units, report.n_respondents
    );
    let pii: usize = report.pii.total();
    if pii > 0 {
        let _ = writeln!(out, "Personal details removed before analysis: {pii}");
    }
    let _ = writeln!(
        out,
        "{} themes (k = {}, {how}); {} units unclassified\n",
        report.themes.len(),
        report.k,
        report.unclassified.members.len()
    );
    for theme in &report.themes {
        let share = theme.respondents as f64 / respondents * 100.0;
        let _ = writeln!(
            out,
            "{}  {:>5.1}%  {:>5} resp.  {}",
            theme.id, share, theme.respondents, theme.label
        );
        if let Some(q) = theme.quotes.first() {
            let _ = writeln!(out, "        \"{}\"", shorten(&q.text, 100));
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shortens_on_char_boundaries_and_flattens_lines() {
        assert_eq!(shorten("línea\nuno", 100), "línea uno");
        assert_eq!(shorten("ñañañaña", 3), "ñañ…");
    }
}
