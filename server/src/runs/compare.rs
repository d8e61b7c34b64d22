//! Comparing logged runs: each theme matched by its stable id (a rerun keeps the id of a theme
//! whose members overlap enough), with its share and rank in both runs; the themes that appeared
//! and went; the themes that merged or split; and every theme's share across all runs.
//!
//! Shares are the raked × equity weighted shares when both runs are weighted, otherwise the
//! unweighted shares of respondents and documents; a weighted share the run suppressed stays
//! hidden here too. The pipeline logs only whether a theme kept its id
//! ([`analysis::Lineage`]), so which themes went into which is read from the members both runs
//! analysed: a theme of A *split* when at least a quarter of its shared members went to each of
//! two or more themes of B, and themes of A *merged* when at least a quarter of each went into the
//! same theme of B.
//!
//! [`compare`] and [`history`] are pure over [`RunFigures`] (one per run, from a [`LoggedRun`]);
//! [`super::run_views`] reads the runs and keeps each run's figures in memory.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use analysis::ThemeReport;
use analysis::weighting::WeightingRun;
use app::models::compare::{
    Basis, ComparedTheme, Comparison, History, LoneTheme, Regrouping, RunHeading, ThemeLine,
    ThemeRef,
};
use app::store::entities::analysis_run;
use app::store::runs::minute;

use super::LoggedRun;

/// The name a theme is compared under before the dashboard's names are put in
/// (`app::api::compare::show_names`): the label the run logged.
pub fn theme_title(_id: &str, logged_label: &str) -> String {
    logged_label.to_owned()
}

/// At least this share of a theme's shared members must go to another run's theme for the two to
/// count as merged or split.
const REGROUPED: f64 = 0.25;

/// And at least this many members.
const REGROUPED_MIN: usize = 3;

/// One theme of one run, as comparing needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeFigures {
    pub id: String,
    pub title: String,
    /// Share of the run's respondents and documents.
    pub share: f64,
    /// Rank by respondents and documents (the run's own order, largest first).
    pub rank: usize,
    /// Raked × equity share and rank, when the run is weighted and the theme not suppressed.
    pub weighted: Option<(f64, usize)>,
    /// Why the weighted figures are withheld, if they are.
    pub suppressed: Option<String>,
    /// Member unit ids, sorted (empty in the cache of [`super::run_views`]).
    pub members: Vec<String>,
}

/// One run, as comparing needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFigures {
    pub heading: RunHeading,
    /// In the run's order (largest first).
    pub themes: Vec<ThemeFigures>,
    /// Every unit the run analysed (theme members and unclassified), sorted; empty in the cache.
    pub units: Vec<String>,
}

impl RunFigures {
    /// The figures of a logged run.
    pub fn of(run: &LoggedRun) -> RunFigures {
        RunFigures::from_parts(&run.row, &run.report, run.weighting.as_ref())
    }

    /// The figures of run `row` with its themes `report` and `weighting`.
    pub fn from_parts(
        row: &analysis_run::Model,
        report: &ThemeReport,
        weighting: Option<&WeightingRun>,
    ) -> RunFigures {
        let published: HashMap<String, _> = weighting
            .map(WeightingRun::published_priorities)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.theme.clone(), p))
            .collect();
        let total = report.n_respondents.max(1) as f64;
        let themes = report
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let p = published.get(&t.id);
                ThemeFigures {
                    id: t.id.clone(),
                    title: theme_title(&t.id, &t.label),
                    share: t.respondents as f64 / total,
                    rank: i + 1,
                    weighted: p
                        .and_then(|p| p.row.as_ref())
                        .map(|r| (r.equity.share, r.equity.rank)),
                    suppressed: p.filter(|p| !p.suppressed.is_empty()).map(|p| {
                        p.suppressed
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; ")
                    }),
                    members: t.members.clone(),
                }
            })
            .collect();
        let mut units: Vec<String> = report
            .themes
            .iter()
            .flat_map(|t| t.members.iter().cloned())
            .chain(report.unclassified.members.iter().cloned())
            .collect();
        units.sort_unstable();
        units.dedup();
        RunFigures {
            heading: RunHeading {
                id: row.id,
                created_at: minute(row.created_at),
                weighted: weighting.is_some(),
            },
            themes,
            units,
        }
    }

    /// The same figures without members (what the history needs).
    pub fn summary(mut self) -> RunFigures {
        self.units = Vec::new();
        for t in &mut self.themes {
            t.members = Vec::new();
        }
        self
    }

    fn theme(&self, id: &str) -> Option<&ThemeFigures> {
        self.themes.iter().find(|t| t.id == id)
    }
}

impl ThemeFigures {
    /// Share under `basis` (`None`: suppressed).
    fn share(&self, basis: Basis) -> Option<f64> {
        match basis {
            Basis::Weighted => self.weighted.map(|(s, _)| s),
            Basis::Unweighted => Some(self.share),
        }
    }

    /// Rank under `basis` (`None`: suppressed).
    fn rank(&self, basis: Basis) -> Option<usize> {
        match basis {
            Basis::Weighted => self.weighted.map(|(_, r)| r),
            Basis::Unweighted => Some(self.rank),
        }
    }

    fn reference(&self) -> ThemeRef {
        ThemeRef {
            id: self.id.clone(),
            title: self.title.clone(),
        }
    }

    fn lone(&self, basis: Basis) -> LoneTheme {
        LoneTheme {
            id: self.id.clone(),
            title: self.title.clone(),
            share: self.share(basis),
            rank: self.rank(basis),
        }
    }
}

/// Weighted when every run is.
fn basis_of<'a>(runs: impl IntoIterator<Item = &'a RunFigures>) -> Basis {
    if runs.into_iter().all(|r| r.heading.weighted) {
        Basis::Weighted
    } else {
        Basis::Unweighted
    }
}

/// `themes` ranked under `basis` first (by rank), then the rest by share.
fn in_order(themes: &mut [ComparedTheme]) {
    themes.sort_by(|x, y| {
        let key = |t: &ComparedTheme| (t.rank_b.is_none(), t.rank_b.unwrap_or(usize::MAX));
        key(x).cmp(&key(y)).then_with(|| {
            y.share_b
                .unwrap_or(0.0)
                .total_cmp(&x.share_b.unwrap_or(0.0))
        })
    });
}

/// Run `a` against run `b` (both with members), with `all` runs (oldest first) for the history.
pub fn compare(a: &RunFigures, b: &RunFigures, all: &[RunFigures]) -> Comparison {
    let basis = basis_of([a, b]);
    let mut matched: Vec<ComparedTheme> = b
        .themes
        .iter()
        .filter_map(|tb| {
            let ta = a.theme(&tb.id)?;
            let note = match (&ta.suppressed, &tb.suppressed, basis) {
                (Some(why), _, Basis::Weighted) => Some(format!("suppressed in run A: {why}")),
                (None, Some(why), Basis::Weighted) => Some(format!("suppressed in run B: {why}")),
                _ => None,
            };
            Some(ComparedTheme {
                id: tb.id.clone(),
                title: tb.title.clone(),
                share_a: ta.share(basis),
                share_b: tb.share(basis),
                rank_a: ta.rank(basis),
                rank_b: tb.rank(basis),
                note,
            })
        })
        .collect();
    in_order(&mut matched);
    let appeared = b
        .themes
        .iter()
        .filter(|t| a.theme(&t.id).is_none())
        .map(|t| t.lone(basis))
        .collect();
    let gone = a
        .themes
        .iter()
        .filter(|t| b.theme(&t.id).is_none())
        .map(|t| t.lone(basis))
        .collect();
    let (merged, split) = regroupings(a, b);
    Comparison {
        a: a.heading.clone(),
        b: b.heading.clone(),
        basis,
        matched,
        appeared,
        gone,
        merged,
        split,
        history: history(all),
    }
}

/// Where the members of each theme of `a` that `b` also analysed went: `flow[i][j]` members of
/// A's theme `i` are in B's theme `j`; `shared[i]` of its members `b` analysed.
fn flows(a: &RunFigures, b: &RunFigures) -> (Vec<Vec<usize>>, Vec<usize>) {
    let in_b: BTreeSet<&str> = b.units.iter().map(String::as_str).collect();
    let theme_in_b: HashMap<&str, usize> = b
        .themes
        .iter()
        .enumerate()
        .flat_map(|(j, t)| t.members.iter().map(move |m| (m.as_str(), j)))
        .collect();
    let mut flow = vec![vec![0usize; b.themes.len()]; a.themes.len()];
    let mut shared = vec![0usize; a.themes.len()];
    for (i, t) in a.themes.iter().enumerate() {
        for m in &t.members {
            if !in_b.contains(m.as_str()) {
                continue;
            }
            shared[i] += 1;
            if let Some(&j) = theme_in_b.get(m.as_str()) {
                flow[i][j] += 1;
            }
        }
    }
    (flow, shared)
}

/// Themes of `a` that merged into one theme of `b`, and those that split into several.
fn regroupings(a: &RunFigures, b: &RunFigures) -> (Vec<Regrouping>, Vec<Regrouping>) {
    let (flow, shared) = flows(a, b);
    let went = |i: usize, j: usize| -> Option<f64> {
        let part = flow[i][j] as f64 / shared[i].max(1) as f64;
        (flow[i][j] >= REGROUPED_MIN && part >= REGROUPED).then_some(part)
    };
    let mut merged = Vec::new();
    for (j, tb) in b.themes.iter().enumerate() {
        let sources: Vec<(usize, f64)> = (0..a.themes.len())
            .filter_map(|i| Some((i, went(i, j)?)))
            .collect();
        if sources.len() >= 2 {
            merged.push(Regrouping {
                from: sources
                    .iter()
                    .map(|&(i, _)| a.themes[i].reference())
                    .collect(),
                into: vec![tb.reference()],
                overlap: sources.iter().map(|&(_, part)| part).collect(),
            });
        }
    }
    let mut split = Vec::new();
    for (i, ta) in a.themes.iter().enumerate() {
        let targets: Vec<(usize, f64)> = (0..b.themes.len())
            .filter_map(|j| Some((j, went(i, j)?)))
            .collect();
        if targets.len() >= 2 {
            split.push(Regrouping {
                from: vec![ta.reference()],
                into: targets
                    .iter()
                    .map(|&(j, _)| b.themes[j].reference())
                    .collect(),
                overlap: vec![targets.iter().map(|&(_, part)| part).sum()],
            });
        }
    }
    (merged, split)
}

/// Every theme's share in every run of `runs` (oldest first); named as in the latest run that
/// has it.
pub fn history(runs: &[RunFigures]) -> History {
    let basis = basis_of(runs);
    let mut order: Vec<&str> = Vec::new();
    let mut titles: BTreeMap<&str, &str> = BTreeMap::new();
    for run in runs {
        for t in &run.themes {
            if titles.insert(&t.id, &t.title).is_none() {
                order.push(&t.id);
            }
        }
    }
    let lines = order
        .into_iter()
        .map(|id| ThemeLine {
            id: id.to_owned(),
            title: titles.get(id).copied().unwrap_or(id).to_owned(),
            shares: runs
                .iter()
                .map(|r| r.theme(id).and_then(|t| t.share(basis)))
                .collect(),
        })
        .collect();
    History {
        runs: runs.iter().map(|r| r.heading.clone()).collect(),
        basis,
        lines,
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    /// A theme with `n` members named `prefix0..`, its share and rank, and a weighted share
    /// unless suppressed.
    fn theme(id: &str, members: Vec<String>, share: f64, rank: usize) -> ThemeFigures {
        ThemeFigures {
            id: id.to_owned(),
            title: format!("Theme {id}"),
            share,
            rank,
            weighted: Some((share * 1.1, rank)),
            suppressed: None,
            members,
        }
    }

    fn units(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i:02}")).collect()
    }

    fn run(id: i32, weighted: bool, themes: Vec<ThemeFigures>) -> RunFigures {
        let mut all: Vec<String> = themes.iter().flat_map(|t| t.members.clone()).collect();
        all.sort_unstable();
        all.dedup();
        RunFigures {
            heading: RunHeading {
                id,
                created_at: format!("2026-11-0{id} 10:00 UTC"),
                weighted,
            },
            themes,
            units: all,
        }
    }

    /// Run 1: T-001 (10 %), T-002 (30 %, first), T-003 (20 %). Run 2: T-001 grows to 40 % and
    /// goes first, T-002 drops to second, T-003 is gone, T-004 appears.
    fn two_runs(weighted_b: bool) -> (RunFigures, RunFigures) {
        let a = run(
            1,
            true,
            vec![
                theme("T-002", units("b", 10), 0.30, 1),
                theme("T-003", units("c", 10), 0.20, 2),
                theme("T-001", units("a", 10), 0.10, 3),
            ],
        );
        let b = run(
            2,
            weighted_b,
            vec![
                theme("T-001", units("a", 12), 0.40, 1),
                theme("T-002", units("b", 10), 0.25, 2),
                theme("T-004", units("d", 10), 0.15, 3),
            ],
        );
        (a, b)
    }

    #[test]
    fn a_theme_that_grew_moves_up_and_new_and_gone_themes_are_named() {
        let (a, b) = two_runs(true);
        let c = compare(&a, &b, &[a.clone(), b.clone()]);
        assert_eq!(c.basis, Basis::Weighted);
        let ids: Vec<&str> = c.matched.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["T-001", "T-002"], "matched by id, in B's order");
        let grew = &c.matched[0];
        assert_eq!((grew.rank_a, grew.rank_b), (Some(3), Some(1)));
        assert_eq!(grew.movement(), "↑2");
        let change = grew.change_points().expect("both shown");
        assert!((change - 33.0).abs() < 1e-9, "weighted shares: {change}");
        assert_eq!(c.matched[1].movement(), "↓1");
        assert_eq!(c.appeared.len(), 1);
        assert_eq!(c.appeared[0].id, "T-004");
        assert_eq!(c.gone.len(), 1);
        assert_eq!(c.gone[0].id, "T-003");
        assert!(c.merged.is_empty() && c.split.is_empty());
    }

    #[test]
    fn an_unweighted_run_makes_the_comparison_unweighted() {
        let (a, b) = two_runs(false);
        let c = compare(&a, &b, &[a.clone(), b.clone()]);
        assert_eq!(c.basis, Basis::Unweighted);
        let change = c.matched[0].change_points().expect("both shown");
        assert!((change - 30.0).abs() < 1e-9, "unweighted shares: {change}");
        assert_eq!(c.history.basis, Basis::Unweighted);
    }

    #[test]
    fn a_suppressed_share_stays_hidden_and_says_why() {
        let (a, mut b) = two_runs(true);
        b.themes[1].weighted = None;
        b.themes[1].suppressed = Some("4 respondents, fewer than 10".into());
        let c = compare(&a, &b, &[]);
        let hidden = c.matched.iter().find(|t| t.id == "T-002").expect("T-002");
        assert_eq!(hidden.share_b, None);
        assert_eq!(hidden.change_points(), None);
        assert_eq!(hidden.movement(), "–");
        assert!(
            hidden
                .note
                .as_deref()
                .is_some_and(|n| n.contains("suppressed in run B: 4 respondents"))
        );
    }

    #[test]
    fn merges_and_splits_are_read_from_shared_members() {
        // A: T-001 (a00–a09) and T-002 (b00–b09); T-003 (c00–c11).
        let a = run(
            1,
            false,
            vec![
                theme("T-001", units("a", 10), 0.2, 1),
                theme("T-002", units("b", 10), 0.2, 2),
                theme("T-003", units("c", 12), 0.2, 3),
            ],
        );
        // B: T-001 and T-002 merged into T-001; T-003 split into T-005 and T-006.
        let mut merged = units("a", 10);
        merged.extend(units("b", 8));
        let c = units("c", 12);
        let b = run(
            2,
            false,
            vec![
                theme("T-001", merged, 0.4, 1),
                theme("T-005", c[..6].to_vec(), 0.1, 2),
                theme("T-006", c[6..].to_vec(), 0.1, 3),
            ],
        );
        let mut b = b;
        // B analysed all of T-002's answers: the two not in T-001 went unclassified.
        b.units.extend(["b08".to_owned(), "b09".to_owned()]);
        b.units.sort_unstable();
        let cmp = compare(&a, &b, &[]);
        assert_eq!(cmp.merged.len(), 1);
        let m = &cmp.merged[0];
        let from: Vec<&str> = m.from.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(from, ["T-001", "T-002"]);
        assert_eq!(m.into[0].id, "T-001");
        assert!((m.overlap[1] - 0.8).abs() < 1e-9, "8 of T-002's 10");
        assert_eq!(cmp.split.len(), 1);
        let s = &cmp.split[0];
        assert_eq!(s.from[0].id, "T-003");
        let into: Vec<&str> = s.into.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(into, ["T-005", "T-006"]);
        assert_eq!(
            cmp.gone.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["T-002", "T-003"]
        );
    }

    #[test]
    fn a_few_members_moving_is_not_a_merge() {
        let a = run(
            1,
            false,
            vec![
                theme("T-001", units("a", 20), 0.2, 1),
                theme("T-002", units("b", 20), 0.2, 2),
            ],
        );
        // Two of T-002's twenty joined T-001: under a quarter and under three.
        let mut grown = units("a", 20);
        grown.extend(units("b", 2));
        let b = run(
            2,
            false,
            vec![
                theme("T-001", grown, 0.3, 1),
                theme("T-002", units("b", 20)[2..].to_vec(), 0.2, 2),
            ],
        );
        let cmp = compare(&a, &b, &[]);
        assert!(cmp.merged.is_empty() && cmp.split.is_empty(), "{cmp:?}");
    }

    #[test]
    fn the_history_has_a_line_per_theme_with_gaps_where_it_was_absent() {
        let (a, b) = two_runs(true);
        let h = history(&[a.summary(), b.summary()]);
        assert_eq!(h.basis, Basis::Weighted);
        assert_eq!(h.runs.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 2]);
        let line = |id: &str| h.lines.iter().find(|l| l.id == id).expect(id);
        assert_eq!(line("T-003").shares[1], None, "gone in run 2");
        assert_eq!(line("T-004").shares[0], None, "not yet in run 1");
        assert!(line("T-001").shares.iter().all(Option::is_some));
        let order: Vec<&str> = h.lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            order,
            ["T-002", "T-003", "T-001", "T-004"],
            "first appearance"
        );
    }
}
