//! The disclosure audit of a published need's district row: does what we publish pin down a
//! hidden cell once an attacker puts the row's two equations together? Where it does, hide more.
//!
//! # What an attacker has, per need
//!
//! - the row total `R` (survey respondents who raised the need), unless suppressed;
//! - each district's respondents `n_j`, unless under the minimum;
//! - each shown district share `s_j` (rounded to `step`), so for a shown cell its count
//!   `c_j ≈ s_j n_j` (exactly, when weights within a district are equal);
//! - the need's overall weighted share `S`, rounded to `step`, unless withheld;
//! - the district weights `w_j = W_j / W` (each district's part of the weighted total): the
//!   weighting rakes to published population figures, so we treat them as public.
//!
//! Counts add up along the row, `Σ_j c_j = R` (the breakdown's suppression already keeps at least
//! two cells hidden in any row with one hidden, so subtraction alone recovers nothing), and the
//! overall share is the weighted mean of the district shares, `S = Σ_j w_j s_j`. With equal
//! weights inside each district `s_j = c_j / n_j`, so the second equation is linear in the hidden
//! counts too: `Σ_{j hidden} (w_j / n_j) c_j = S − Σ_{j shown} w_j c_j / n_j`, known up to the
//! rounding of `S`. Two hidden cells with unequal `w_j / n_j` and two equations: the attacker
//! solves for both.
//!
//! # The check
//!
//! For a row with hidden cells we list every completion an attacker must consider: non-negative
//! whole counts for the hidden cells, each at most its district's respondents, summing to what
//! the row total leaves (when it is shown), whose share `Σ (w_j / n_j) c_j` falls in the interval
//! the rounded `S` allows (widened to take in the true value, so we audit against an attacker
//! whose model of the weights is exact). A hidden cell is **pinned** when every completion gives
//! it the same count. If any cell is pinned we hide the shown cell of the row with the smallest
//! count and check again; when every cell is hidden and one is still pinned, the overall share is
//! withheld, and last the row total. Hiding more never helps an attacker (rows share no
//! equations: column sizes are not sums of cells, since one person can raise several needs).
//!
//! The listing is a depth-first search pruned by the share interval; when it would take more
//! than [`BUDGET`] steps, the row's cells are all hidden rather than left unchecked.
//!
//! # What it does not cover
//!
//! It bounds nothing: an attacker may still learn that a hidden cell lies in a narrow range (the
//! small-cell rule itself says "fewer than 10"). It does not use the published confidence
//! intervals, other publications of the same people (two publications of overlapping runs, or
//! one run published whole and per survey, can be differenced), nor outside knowledge of
//! individual respondents' weights.

/// Search steps allowed per check before a row is hidden whole instead.
pub const BUDGET: usize = 2_000_000;

/// A district column as the audit sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    /// Survey respondents in the district (the true count: an attacker can bound a hidden one).
    pub respondents: u64,
    /// The district's part of the weighted total, `W_j / W`.
    pub weight: f64,
}

/// A need's district row as it would be published.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// True counts per district.
    pub counts: Vec<u64>,
    /// Whether each cell is shown.
    pub shown: Vec<bool>,
    /// Whether the row total is shown.
    pub total_shown: bool,
    /// The overall share as published (already rounded), when shown.
    pub share: Option<f64>,
}

/// What the audit changed in a row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Protection {
    /// Cells hidden by the audit.
    pub cells: usize,
    /// The overall share was withheld.
    pub share_withheld: bool,
    /// The row total was hidden.
    pub total_hidden: bool,
}

impl Protection {
    /// Whether the audit changed anything.
    pub fn changed(&self) -> bool {
        self.cells > 0 || self.share_withheld || self.total_hidden
    }
}

/// Hidden cells whose count the published figures of `row` pin down (`step`: the rounding of
/// shares); `None` when the search ran out of budget.
pub fn pinned(row: &Row, columns: &[Column], step: f64) -> Option<Vec<usize>> {
    let hidden: Vec<usize> = (0..row.counts.len()).filter(|&j| !row.shown[j]).collect();
    if hidden.is_empty() {
        return Some(Vec::new());
    }
    let ratio = |j: usize| {
        let n = columns[j].respondents;
        if n == 0 {
            0.0
        } else {
            columns[j].weight / n as f64
        }
    };
    let truth: f64 = hidden
        .iter()
        .map(|&j| ratio(j) * row.counts[j] as f64)
        .sum();
    let interval = row.share.map(|s| {
        let shown: f64 = (0..row.counts.len())
            .filter(|&j| row.shown[j])
            .map(|j| ratio(j) * row.counts[j] as f64)
            .sum();
        let (lo, hi) = (s - step / 2.0 - shown, s + step / 2.0 - shown);
        // Widened to take in the true value: the attacker's model is exact.
        (lo.min(truth) - 1e-12, hi.max(truth) + 1e-12)
    });
    let total = row
        .total_shown
        .then(|| hidden.iter().map(|&j| row.counts[j]).sum::<u64>());
    let mut search = Search {
        hidden: &hidden,
        ratio: hidden.iter().map(|&j| ratio(j)).collect(),
        bound: hidden.iter().map(|&j| columns[j].respondents).collect(),
        truth: hidden.iter().map(|&j| row.counts[j]).collect(),
        interval,
        free: vec![false; hidden.len()],
        values: vec![0; hidden.len()],
        steps: 0,
    };
    search.walk(0, total, 0.0)?;
    Some(
        hidden
            .iter()
            .zip(&search.free)
            .filter(|(_, free)| !**free)
            .map(|(j, _)| *j)
            .collect(),
    )
}

/// Hides more of `row` until no hidden cell is pinned (see the module's docs).
pub fn protect(row: &mut Row, columns: &[Column], step: f64) -> Protection {
    let mut done = Protection::default();
    loop {
        match pinned(row, columns, step) {
            Some(p) if p.is_empty() => return done,
            Some(_) => {}
            None => {
                // Out of budget: hide the row's cells rather than leave it unchecked.
                for j in 0..row.shown.len() {
                    if row.shown[j] {
                        row.shown[j] = false;
                        done.cells += 1;
                    }
                }
                if row.share.is_some() {
                    row.share = None;
                    done.share_withheld = true;
                }
                continue;
            }
        }
        let smallest = (0..row.counts.len())
            .filter(|&j| row.shown[j])
            .min_by_key(|&j| (row.counts[j], j));
        if let Some(j) = smallest {
            row.shown[j] = false;
            done.cells += 1;
        } else if row.share.is_some() {
            row.share = None;
            done.share_withheld = true;
        } else if row.total_shown {
            row.total_shown = false;
            done.total_hidden = true;
        } else {
            // Nothing is published that could pin a cell: only the bounds remain.
            return done;
        }
    }
}

/// The depth-first listing of completions.
struct Search<'a> {
    hidden: &'a [usize],
    /// `w_j / n_j` per hidden cell.
    ratio: Vec<f64>,
    /// Upper bound per hidden cell (its district's respondents).
    bound: Vec<u64>,
    truth: Vec<u64>,
    /// Where the hidden cells' share must fall.
    interval: Option<(f64, f64)>,
    /// Whether a completion gave each hidden cell a count other than its true one.
    free: Vec<bool>,
    values: Vec<u64>,
    steps: usize,
}

impl Search<'_> {
    /// Lists completions of cells `k..` given `left` to share out (`None`: no row total) and the
    /// share `acc` of cells before `k`; `None` when over budget.
    fn walk(&mut self, k: usize, left: Option<u64>, acc: f64) -> Option<()> {
        self.steps += 1;
        if self.steps > BUDGET {
            return None;
        }
        if self.free.iter().all(|f| *f) {
            return Some(());
        }
        let n = self.hidden.len();
        if k == n {
            if left.is_some_and(|l| l != 0) {
                return Some(());
            }
            if let Some((lo, hi)) = self.interval
                && !(lo..=hi).contains(&acc)
            {
                return Some(());
            }
            for i in 0..n {
                if self.values[i] != self.truth[i] {
                    self.free[i] = true;
                }
            }
            return Some(());
        }
        // What the remaining cells can still hold.
        let room: u64 = self.bound[k + 1..].iter().sum();
        let top = left.map_or(self.bound[k], |l| l.min(self.bound[k]));
        let bottom = left.map_or(0, |l| l.saturating_sub(room));
        for v in bottom..=top {
            let acc = acc + self.ratio[k] * v as f64;
            if let Some((lo, hi)) = self.interval {
                let rest = left.map(|l| l - v);
                let (min_rest, max_rest) = self.reach(k + 1, rest);
                if acc + min_rest > hi || acc + max_rest < lo {
                    continue;
                }
            }
            self.values[k] = v;
            self.walk(k + 1, left.map(|l| l - v), acc)?;
        }
        Some(())
    }

    /// The least and most share cells `k..` can add with `left` to share out.
    fn reach(&self, k: usize, left: Option<u64>) -> (f64, f64) {
        let cells = k..self.hidden.len();
        match left {
            None => (
                0.0,
                cells.map(|i| self.ratio[i] * self.bound[i] as f64).sum(),
            ),
            Some(l) => {
                // Fill the cheapest (dearest) cells first for the least (most).
                let mut order: Vec<usize> = cells.collect();
                order.sort_by(|a, b| self.ratio[*a].total_cmp(&self.ratio[*b]));
                let fill = |order: &mut dyn Iterator<Item = &usize>| {
                    let (mut l, mut sum) = (l, 0.0);
                    for &i in order {
                        let take = l.min(self.bound[i]);
                        sum += self.ratio[i] * take as f64;
                        l -= take;
                    }
                    sum
                };
                (fill(&mut order.iter()), fill(&mut order.iter().rev()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEP: f64 = 0.001;

    fn columns(sizes: &[(u64, f64)]) -> Vec<Column> {
        sizes
            .iter()
            .map(|&(respondents, weight)| Column {
                respondents,
                weight,
            })
            .collect()
    }

    /// The overall share of `counts` with equal weights inside districts, rounded to `STEP`.
    fn share(counts: &[u64], cols: &[Column]) -> f64 {
        let s: f64 = counts
            .iter()
            .zip(cols)
            .map(|(c, col)| col.weight * *c as f64 / col.respondents as f64)
            .sum();
        (s / STEP).round() * STEP
    }

    fn row(counts: &[u64], shown: &[bool], cols: &[Column]) -> Row {
        Row {
            counts: counts.to_vec(),
            shown: shown.to_vec(),
            total_shown: true,
            share: Some(share(counts, cols)),
        }
    }

    #[test]
    fn two_hidden_cells_with_unequal_weights_are_solved_by_the_share() {
        // A small district weighted up (the equity weighting's point) and a large one.
        let cols = columns(&[(40, 0.30), (400, 0.40), (300, 0.30)]);
        let r = row(&[3, 60, 45], &[false, false, true], &cols);
        let pinned = pinned(&r, &cols, STEP).expect("within budget");
        assert_eq!(pinned, vec![0, 1], "count + share equations solve both");
    }

    #[test]
    fn protect_hides_more_until_nothing_is_pinned() {
        // w_j / n_j differ in every district, so the third hidden cell adds a free direction.
        let cols = columns(&[(40, 0.30), (400, 0.34), (300, 0.36)]);
        let mut r = row(&[3, 60, 45], &[false, false, true], &cols);
        let done = protect(&mut r, &cols, STEP);
        assert!(done.changed());
        assert_eq!(pinned(&r, &cols, STEP), Some(Vec::new()));
        // With the third cell hidden too there are two equations and three unknowns: enough
        // whole-number completions remain.
        assert_eq!(done.cells, 1);
        assert!(
            r.share.is_some(),
            "the share stays when hiding a cell is enough"
        );
    }

    #[test]
    fn equal_ratios_leave_the_share_equation_no_grip() {
        // w_j / n_j the same in both hidden districts: the share says only what the count says.
        let cols = columns(&[(100, 0.25), (100, 0.25), (200, 0.5)]);
        let r = row(&[4, 30, 50], &[false, false, true], &cols);
        assert_eq!(pinned(&r, &cols, STEP), Some(Vec::new()));
    }

    #[test]
    fn without_a_share_only_the_count_constrains() {
        let cols = columns(&[(40, 0.30), (400, 0.40), (300, 0.30)]);
        let mut r = row(&[3, 60, 45], &[false, false, true], &cols);
        r.share = None;
        assert_eq!(pinned(&r, &cols, STEP), Some(Vec::new()));
    }

    #[test]
    fn a_lone_hidden_cell_is_pinned_by_subtraction() {
        let cols = columns(&[(40, 0.3), (400, 0.7)]);
        let mut r = row(&[3, 60], &[false, true], &cols);
        r.share = None;
        assert_eq!(pinned(&r, &cols, STEP), Some(vec![0]));
        let done = protect(&mut r, &cols, STEP);
        assert_eq!(done.cells, 1);
        assert_eq!(pinned(&r, &cols, STEP), Some(Vec::new()));
    }

    #[test]
    fn a_row_fully_hidden_still_pinned_loses_its_share_then_its_total() {
        // One district: the total is the cell.
        let cols = columns(&[(40, 1.0)]);
        let mut r = row(&[3], &[false], &cols);
        let done = protect(&mut r, &cols, STEP);
        assert!(done.share_withheld && done.total_hidden);
        assert_eq!(pinned(&r, &cols, STEP), Some(Vec::new()));
    }

    #[test]
    fn a_district_of_one_bounds_its_cell() {
        // Bounds count: a hidden cell in a district of 1 respondent can be 0 or 1.
        let cols = columns(&[(1, 0.5), (1, 0.5)]);
        let r = Row {
            counts: vec![1, 0],
            shown: vec![false, false],
            total_shown: true,
            share: None,
        };
        assert_eq!(pinned(&r, &cols, STEP), Some(Vec::new()));
    }

    #[test]
    fn rows_without_hidden_cells_are_left_alone() {
        let cols = columns(&[(40, 0.3), (400, 0.7)]);
        let mut r = row(&[30, 60], &[true, true], &cols);
        assert_eq!(protect(&mut r, &cols, STEP), Protection::default());
    }
}
