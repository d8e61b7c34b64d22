//! Small-cell suppression (method.md §3.7) for any two-way breakdown with optional row,
//! column and grand totals.
//!
//! **Primary suppression**: a cell (or shown total) with fewer than `min_count` unweighted
//! respondents, an effective sample below `min_effective_n`, or a relative standard error
//! above `max_relative_se`.
//!
//! **Complementary suppression**: with totals shown, a hidden cell could be recovered by
//! subtraction. Write the table with its totals as an `(R+1) × (C+1)` grid in which every
//! row and column sums to zero (totals negated). The hidden entries are edges of a bipartite
//! graph between row and column vertices; the published values fix a hidden entry exactly
//! when its edge lies on no cycle (is a bridge) of that graph, because the undetermined part
//! of the solution is the graph's cycle space. Totals that are not shown are hidden entries
//! from the start. So for every primary cell whose edge is a bridge, the cheapest path of
//! extra cells closing a cycle through it is suppressed (Dijkstra; a cell costs its count
//! plus one, a shown total more than any set of inner cells). Adding edges never breaks a
//! cycle, so one pass protects every primary cell against any linear combination of the
//! published cells and totals. (It does not compute sdcTable-style protection intervals:
//! with non-negative counts an attacker can still bound a hidden cell.)

use serde::{Deserialize, Serialize};

use super::error::WeightingError;
use super::params::SuppressionSettings;

/// Which totals a published table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsShown {
    /// One total per row (sum across columns).
    pub rows: bool,
    /// One total per column (sum down rows).
    pub columns: bool,
    /// The grand total.
    pub grand: bool,
}

impl TotalsShown {
    /// Row, column and grand totals all shown.
    pub const ALL: TotalsShown = TotalsShown {
        rows: true,
        columns: true,
        grand: true,
    };
}

/// A two-way table of unweighted respondent counts (e.g. theme × district), with optional
/// reliability measures per cell. Totals are the sums of the cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellTable {
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// Unweighted counts, `counts[row][column]`.
    pub counts: Vec<Vec<u64>>,
    /// Kish effective sample size of each cell's estimate, if known.
    pub effective_n: Option<Vec<Vec<f64>>>,
    /// Relative standard error of each cell's estimate, if known.
    pub relative_se: Option<Vec<Vec<Option<f64>>>>,
    /// Which totals are shown.
    pub totals: TotalsShown,
}

/// Why a cell is hidden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SuppressionReason {
    /// Fewer respondents than the minimum.
    SmallCount {
        /// Respondents.
        count: u64,
        /// Minimum.
        min: u64,
    },
    /// Effective sample below the minimum.
    SmallEffectiveN {
        /// Effective sample size.
        effective_n: f64,
        /// Minimum.
        min: f64,
    },
    /// Relative standard error above the maximum.
    HighRelativeSe {
        /// Relative standard error.
        relative_se: f64,
        /// Maximum.
        max: f64,
    },
    /// Hidden so that a primary cell cannot be recovered from the totals.
    Complementary,
}

impl std::fmt::Display for SuppressionReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SuppressionReason::SmallCount { count, min } => {
                write!(f, "{count} respondents, fewer than {min}")
            }
            SuppressionReason::SmallEffectiveN { effective_n, min } => {
                write!(f, "effective sample {effective_n:.1}, below {min}")
            }
            SuppressionReason::HighRelativeSe { relative_se, max } => write!(
                f,
                "relative standard error {:.0}%, above {:.0}%",
                relative_se * 100.0,
                max * 100.0
            ),
            SuppressionReason::Complementary => {
                write!(f, "hidden so a smaller cell cannot be worked out")
            }
        }
    }
}

/// Publication status of one cell or total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CellStatus {
    /// Shown.
    Published,
    /// Hidden, with every reason that applies.
    Suppressed {
        /// Reasons (primary reasons, or `Complementary`).
        reasons: Vec<SuppressionReason>,
    },
    /// A total the table does not show.
    NotShown,
}

impl CellStatus {
    /// Whether the value may be shown.
    pub fn is_published(&self) -> bool {
        matches!(self, CellStatus::Published)
    }
}

/// Statuses of every cell and total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuppressionResult {
    /// `cells[row][column]`.
    pub cells: Vec<Vec<CellStatus>>,
    /// One per row.
    pub row_totals: Vec<CellStatus>,
    /// One per column.
    pub column_totals: Vec<CellStatus>,
    /// The grand total.
    pub grand_total: CellStatus,
    /// Cells and totals hidden for their own sake.
    pub primary: usize,
    /// Cells and totals hidden to protect others.
    pub complementary: usize,
}

fn primary_reasons(
    count: u64,
    n_eff: Option<f64>,
    rse: Option<f64>,
    s: &SuppressionSettings,
) -> Vec<SuppressionReason> {
    let mut reasons = Vec::new();
    if count < s.min_count {
        reasons.push(SuppressionReason::SmallCount {
            count,
            min: s.min_count,
        });
    }
    if let Some(e) = n_eff
        && e < s.min_effective_n
    {
        reasons.push(SuppressionReason::SmallEffectiveN {
            effective_n: e,
            min: s.min_effective_n,
        });
    }
    if let Some(r) = rse
        && (r.is_nan() || r > s.max_relative_se)
    {
        reasons.push(SuppressionReason::HighRelativeSe {
            relative_se: r,
            max: s.max_relative_se,
        });
    }
    reasons
}

/// The augmented grid: rows 0..R are table rows and R the column-totals row; columns 0..C
/// are table columns and C the row-totals column.
struct Grid {
    nr: usize,
    nc: usize,
    value: Vec<u64>,
    hidden: Vec<bool>,
    shown_total: Vec<bool>,
}

impl Grid {
    fn at(&self, r: usize, c: usize) -> usize {
        r * self.nc + c
    }

    /// Whether row vertex `r` reaches column vertex `c` through hidden edges other than (r, c).
    fn connected_without(&self, r0: usize, c0: usize) -> bool {
        let (nr, nc) = (self.nr, self.nc);
        let mut seen = vec![false; nr + nc];
        let mut stack = vec![r0];
        seen[r0] = true;
        while let Some(v) = stack.pop() {
            if v == nr + c0 {
                return true;
            }
            let neighbours: Vec<usize> = if v < nr {
                (0..nc)
                    .filter(|&c| self.hidden[self.at(v, c)] && !(v == r0 && c == c0))
                    .map(|c| nr + c)
                    .collect()
            } else {
                let c = v - nr;
                (0..nr)
                    .filter(|&r| self.hidden[self.at(r, c)] && !(r == r0 && c == c0))
                    .collect()
            };
            for u in neighbours {
                if !seen[u] {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
        false
    }

    /// Cheapest set of shown cells whose hiding closes a cycle through (r0, c0).
    fn cheapest_path(&self, r0: usize, c0: usize, penalty: u128) -> Vec<usize> {
        let (nr, nc) = (self.nr, self.nc);
        let v = nr + nc;
        let cost = |r: usize, c: usize| -> Option<u128> {
            if r == r0 && c == c0 {
                return None;
            }
            let i = self.at(r, c);
            if self.hidden[i] {
                Some(0)
            } else if self.shown_total[i] {
                Some(u128::from(self.value[i]) + 1 + penalty)
            } else {
                Some(u128::from(self.value[i]) + 1)
            }
        };
        let mut dist = vec![u128::MAX; v];
        let mut prev = vec![usize::MAX; v];
        let mut done = vec![false; v];
        dist[r0] = 0;
        while let Some(x) = (0..v)
            .filter(|&x| !done[x] && dist[x] != u128::MAX)
            .min_by_key(|&x| (dist[x], x))
        {
            done[x] = true;
            if x == nr + c0 {
                break;
            }
            let edges: Vec<(usize, Option<u128>)> = if x < nr {
                (0..nc).map(|c| (nr + c, cost(x, c))).collect()
            } else {
                (0..nr).map(|r| (r, cost(r, x - nr))).collect()
            };
            for (y, w) in edges {
                if let Some(w) = w
                    && !done[y]
                    && dist[x] + w < dist[y]
                {
                    dist[y] = dist[x] + w;
                    prev[y] = x;
                }
            }
        }
        let mut path = Vec::new();
        let mut y = nr + c0;
        while y != r0 && prev[y] != usize::MAX {
            let x = prev[y];
            let (r, c) = if x < nr { (x, y - nr) } else { (y, x - nr) };
            path.push(self.at(r, c));
            y = x;
        }
        path
    }
}

/// Decides which cells and totals of `table` to hide.
pub fn suppress(
    table: &CellTable,
    settings: &SuppressionSettings,
) -> Result<SuppressionResult, WeightingError> {
    let (r, c) = (table.rows.len(), table.columns.len());
    fn shape_ok<T>(v: &[Vec<T>], r: usize, c: usize) -> bool {
        v.len() == r && v.iter().all(|row| row.len() == c)
    }
    if !shape_ok(&table.counts, r, c)
        || table
            .effective_n
            .as_ref()
            .is_some_and(|e| !shape_ok(e, r, c))
        || table
            .relative_se
            .as_ref()
            .is_some_and(|e| !shape_ok(e, r, c))
    {
        return Err(WeightingError::TableShape(format!(
            "{r} row labels and {c} column labels do not match the value arrays"
        )));
    }
    let (nr, nc) = (r + 1, c + 1);
    let mut grid = Grid {
        nr,
        nc,
        value: vec![0; nr * nc],
        hidden: vec![false; nr * nc],
        shown_total: vec![false; nr * nc],
    };
    let mut reasons: Vec<Vec<SuppressionReason>> = vec![Vec::new(); nr * nc];
    let mut not_shown = vec![false; nr * nc];
    for i in 0..r {
        for j in 0..c {
            let v = table.counts[i][j];
            let k = grid.at(i, j);
            let (row_total, col_total, grand) = (grid.at(i, c), grid.at(r, j), grid.at(r, c));
            grid.value[k] = v;
            grid.value[row_total] += v;
            grid.value[col_total] += v;
            grid.value[grand] += v;
            let e = table.effective_n.as_ref().map(|e| e[i][j]);
            let s = table.relative_se.as_ref().and_then(|e| e[i][j]);
            reasons[k] = primary_reasons(v, e, s, settings);
        }
    }
    let totals: Vec<(usize, bool)> = (0..r)
        .map(|i| (grid.at(i, c), table.totals.rows))
        .chain((0..c).map(|j| (grid.at(r, j), table.totals.columns)))
        .chain([(grid.at(r, c), table.totals.grand)])
        .collect();
    for (k, shown) in totals {
        if shown {
            grid.shown_total[k] = true;
            reasons[k] = primary_reasons(grid.value[k], None, None, settings);
        } else {
            not_shown[k] = true;
            grid.hidden[k] = true;
        }
    }
    let primary: Vec<usize> = (0..nr * nc).filter(|&k| !reasons[k].is_empty()).collect();
    for &k in &primary {
        grid.hidden[k] = true;
    }
    let penalty = u128::from(grid.value.iter().take(nr * nc).sum::<u64>()) + (nr * nc) as u128 + 1;
    let mut complementary = 0;
    for &k in &primary {
        let (i, j) = (k / nc, k % nc);
        if grid.connected_without(i, j) {
            continue;
        }
        for p in grid.cheapest_path(i, j, penalty) {
            if !grid.hidden[p] {
                grid.hidden[p] = true;
                reasons[p] = vec![SuppressionReason::Complementary];
                complementary += 1;
            }
        }
    }
    let status = |k: usize| {
        if not_shown[k] {
            CellStatus::NotShown
        } else if grid.hidden[k] {
            CellStatus::Suppressed {
                reasons: reasons[k].clone(),
            }
        } else {
            CellStatus::Published
        }
    };
    Ok(SuppressionResult {
        cells: (0..r)
            .map(|i| (0..c).map(|j| status(grid.at(i, j))).collect())
            .collect(),
        row_totals: (0..r).map(|i| status(grid.at(i, c))).collect(),
        column_totals: (0..c).map(|j| status(grid.at(r, j))).collect(),
        grand_total: status(grid.at(r, c)),
        primary: primary.len(),
        complementary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(counts: Vec<Vec<u64>>, totals: TotalsShown) -> CellTable {
        CellTable {
            rows: (0..counts.len()).map(|i| format!("r{i}")).collect(),
            columns: (0..counts[0].len()).map(|j| format!("c{j}")).collect(),
            counts,
            effective_n: None,
            relative_se: None,
            totals,
        }
    }

    #[test]
    fn lone_small_cell_gets_a_rectangle() -> Result<(), WeightingError> {
        let t = table(
            vec![vec![3, 50, 60], vec![40, 45, 70], vec![80, 90, 30]],
            TotalsShown::ALL,
        );
        let s = suppress(&t, &SuppressionSettings::default())?;
        assert_eq!(s.primary, 1);
        // Cheapest cycle closing (0,0): (0,1) + (1,1) + (1,0) costs 51 + 46 + 41 = 138; any other
        // rectangle or path through a total costs more.
        let hidden: Vec<(usize, usize)> = (0..3)
            .flat_map(|i| (0..3).map(move |j| (i, j)))
            .filter(|&(i, j)| !s.cells[i][j].is_published())
            .collect();
        assert_eq!(hidden, vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
        assert!(s.row_totals.iter().all(CellStatus::is_published));
        Ok(())
    }

    #[test]
    fn no_totals_no_complements() -> Result<(), WeightingError> {
        let none = TotalsShown {
            rows: false,
            columns: false,
            grand: false,
        };
        let s = suppress(
            &table(vec![vec![3, 50], vec![40, 45]], none),
            &SuppressionSettings::default(),
        )?;
        assert_eq!(s.complementary, 0);
        assert_eq!(s.grand_total, CellStatus::NotShown);
        Ok(())
    }

    #[test]
    fn row_totals_only_hide_one_more_in_the_row() -> Result<(), WeightingError> {
        let rows_only = TotalsShown {
            rows: true,
            columns: false,
            grand: false,
        };
        let s = suppress(
            &table(vec![vec![3, 50, 20], vec![40, 45, 70]], rows_only),
            &SuppressionSettings::default(),
        )?;
        assert_eq!(s.complementary, 1);
        assert!(!s.cells[0][2].is_published());
        Ok(())
    }
}
