//! Two analysis runs side by side: each theme matched by its stable id with its share and rank in
//! both, the themes that appeared or went, those that merged or split (from the members the runs
//! share), and every theme's share across all runs. Computed by the server
//! (`server::runs::compare`), shown at `/staff/compare` and sent as JSON at `/api/v1/compare`.

use serde::{Deserialize, Serialize};

use super::dashboard::RunChoice;

/// Which share the comparison uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Raked × equity weighted share of residents (both runs are weighted).
    Weighted,
    /// Share of the run's respondents and documents, unweighted (a run is not weighted).
    Unweighted,
}

impl Basis {
    /// What the shares are, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Basis::Weighted => "raked × equity weighted share of residents",
            Basis::Unweighted => "unweighted share of respondents and documents",
        }
    }
}

/// A run as the comparison names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RunHeading {
    pub id: i32,
    /// When it was logged, to the minute (`2026-11-23 14:05 UTC`).
    pub created_at: String,
    /// Whether it is equity-weighted.
    pub weighted: bool,
}

/// A theme present in both runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComparedTheme {
    /// Stable theme id (`T-003`).
    pub id: String,
    /// Its name (in run B).
    pub title: String,
    /// Share in run A (`None`: suppressed there).
    pub share_a: Option<f64>,
    /// Share in run B (`None`: suppressed there).
    pub share_b: Option<f64>,
    /// Rank in run A (1 = first; `None`: suppressed).
    pub rank_a: Option<usize>,
    /// Rank in run B.
    pub rank_b: Option<usize>,
    /// Why a share is not shown, if one is not.
    pub note: Option<String>,
}

impl ComparedTheme {
    /// B's share minus A's, in percentage points, when both are shown.
    pub fn change_points(&self) -> Option<f64> {
        Some((self.share_b? - self.share_a?) * 100.0)
    }

    /// Places moved up from A to B (negative: down), when both are ranked.
    pub fn places_up(&self) -> Option<i64> {
        Some(self.rank_a? as i64 - self.rank_b? as i64)
    }

    /// The movement as people read it: `↑3`, `↓1`, `=`, or `–` when a rank is missing.
    pub fn movement(&self) -> String {
        match self.places_up() {
            Some(0) => "=".to_owned(),
            Some(n) if n > 0 => format!("↑{n}"),
            Some(n) => format!("↓{}", -n),
            None => "–".to_owned(),
        }
    }

    /// The movement in words, for screen readers and the table's text.
    pub fn movement_words(&self) -> String {
        match self.places_up() {
            Some(0) => "same rank".to_owned(),
            Some(1) => "up 1 place".to_owned(),
            Some(-1) => "down 1 place".to_owned(),
            Some(n) if n > 0 => format!("up {n} places"),
            Some(n) => format!("down {} places", -n),
            None => "not ranked in both runs".to_owned(),
        }
    }
}

/// A theme in one run only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoneTheme {
    pub id: String,
    pub title: String,
    /// Its share in the run it is in (`None`: suppressed).
    pub share: Option<f64>,
    pub rank: Option<usize>,
}

/// A theme named in a merge or split.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThemeRef {
    pub id: String,
    pub title: String,
}

/// Several themes of one run that became one of the other (merged), or one that became several
/// (split).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Regrouping {
    /// Themes of run A.
    pub from: Vec<ThemeRef>,
    /// Themes of run B.
    pub into: Vec<ThemeRef>,
    /// Share of each `from` theme's shared members that went to the `into` theme(s), in
    /// `from` order (0–1).
    pub overlap: Vec<f64>,
}

/// One theme's share in every run, oldest run first (`None`: not in that run, or suppressed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThemeLine {
    pub id: String,
    pub title: String,
    pub shares: Vec<Option<f64>>,
}

/// Every theme across every run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct History {
    /// The runs, oldest first.
    pub runs: Vec<RunHeading>,
    /// Weighted when every run is weighted.
    pub basis: Basis,
    /// One line per theme id, in order of first appearance.
    pub lines: Vec<ThemeLine>,
}

/// Run A against run B.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub a: RunHeading,
    pub b: RunHeading,
    /// Weighted when both runs are weighted.
    pub basis: Basis,
    /// Themes in both runs, in B's order (ranked first).
    pub matched: Vec<ComparedTheme>,
    /// Themes in B and not in A.
    pub appeared: Vec<LoneTheme>,
    /// Themes in A and not in B.
    pub gone: Vec<LoneTheme>,
    /// Themes of A that became one theme of B.
    pub merged: Vec<Regrouping>,
    /// Themes of A that became several themes of B.
    pub split: Vec<Regrouping>,
    pub history: History,
}

impl Comparison {
    /// Shows the themes by the names in `names` (by theme id: the dashboard's names, staff's or
    /// made from the answers); themes it does not name keep their logged label.
    pub fn rename(&mut self, names: &std::collections::BTreeMap<String, String>) {
        let named = |id: &str, title: &mut String| {
            if let Some(name) = names.get(id) {
                title.clone_from(name);
            }
        };
        for t in &mut self.matched {
            named(&t.id, &mut t.title);
        }
        for t in self.appeared.iter_mut().chain(&mut self.gone) {
            named(&t.id, &mut t.title);
        }
        for r in self.merged.iter_mut().chain(&mut self.split) {
            for t in r.from.iter_mut().chain(&mut r.into) {
                named(&t.id, &mut t.title);
            }
        }
        for line in &mut self.history.lines {
            named(&line.id, &mut line.title);
        }
    }
}

/// The runs to compare as typed (`/staff/compare?a=…&b=…`); missing ones default to the latest
/// run (B) and the one before it (A).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct CompareQuery {
    /// The earlier run's id (default: the run before `b`).
    pub a: Option<String>,
    /// The later run's id (default: the latest run).
    pub b: Option<String>,
}

/// Run ids picked for a comparison, checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunPair {
    pub a: Option<i32>,
    pub b: Option<i32>,
}

impl CompareQuery {
    /// The run ids, or which field is not a run number and why; an empty field means the
    /// default.
    pub fn parse(&self) -> Result<RunPair, String> {
        fn id(field: &str, text: &Option<String>) -> Result<Option<i32>, String> {
            let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
                return Ok(None);
            };
            match text.parse::<i32>() {
                Ok(n) if n > 0 => Ok(Some(n)),
                _ => Err(format!(
                    "{field}: “{text}” is not a run number (run numbers are whole numbers from 1)"
                )),
            }
        }
        Ok(RunPair {
            a: id("a", &self.a)?,
            b: id("b", &self.b)?,
        })
    }
}

/// What the compare page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparePage {
    /// Every run, newest first, for the pickers.
    pub runs: Vec<RunChoice>,
    /// The runs picked (after defaults), to select in the pickers.
    pub a: Option<i32>,
    pub b: Option<i32>,
    /// The comparison, when two runs could be compared.
    pub comparison: Option<Comparison>,
    /// Why not, when they could not (fewer than two runs, an unknown run id).
    pub problem: Option<String>,
}

/// A share as a percentage with one decimal (`12.5%`).
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A change in percentage points with its sign (`+2.5 pp`, `−1.0 pp`, `0.0 pp`).
pub fn points(change: f64) -> String {
    let rounded = (change * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{rounded:.1} pp")
    } else if rounded < 0.0 {
        format!("−{:.1} pp", -rounded)
    } else {
        "0.0 pp".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(rank_a: Option<usize>, rank_b: Option<usize>) -> ComparedTheme {
        ComparedTheme {
            id: "T-001".into(),
            title: "Bus stops".into(),
            share_a: Some(0.10),
            share_b: Some(0.125),
            rank_a,
            rank_b,
            note: None,
        }
    }

    #[test]
    fn movement_reads_up_down_and_same() {
        assert_eq!(theme(Some(4), Some(1)).movement(), "↑3");
        assert_eq!(theme(Some(1), Some(2)).movement(), "↓1");
        assert_eq!(theme(Some(2), Some(2)).movement(), "=");
        assert_eq!(theme(None, Some(2)).movement(), "–");
        assert_eq!(theme(Some(4), Some(1)).movement_words(), "up 3 places");
        assert_eq!(theme(Some(1), Some(2)).movement_words(), "down 1 place");
    }

    #[test]
    fn run_numbers_are_checked_field_by_field() {
        let q = |a: &str, b: &str| CompareQuery {
            a: Some(a.into()),
            b: Some(b.into()),
        };
        assert_eq!(
            q("2", " 5 ").parse(),
            Ok(RunPair {
                a: Some(2),
                b: Some(5)
            })
        );
        assert_eq!(q("", "").parse(), Ok(RunPair::default()));
        let err = q("2", "five").parse().expect_err("not a number");
        assert!(err.starts_with("b: “five”"), "{err}");
        assert!(q("0", "1").parse().is_err_and(|e| e.starts_with("a:")));
    }

    #[test]
    fn change_is_in_percentage_points_with_a_sign() {
        let t = theme(Some(1), Some(1));
        let change = t.change_points().expect("both shown");
        assert!((change - 2.5).abs() < 1e-9);
        assert_eq!(points(change), "+2.5 pp");
        assert_eq!(points(-1.04), "−1.0 pp");
        assert_eq!(points(0.01), "0.0 pp");
        let hidden = ComparedTheme {
            share_a: None,
            ..theme(None, Some(1))
        };
        assert_eq!(hidden.change_points(), None);
    }
}
