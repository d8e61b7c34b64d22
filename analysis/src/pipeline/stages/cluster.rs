//! Stage 4, cluster and outliers: spherical k-means on the content rows, an outlier threshold
//! per cluster, which clusters have enough respondents to be themes, and every unit's decision
//! (theme or reason for none).

use std::collections::BTreeSet;

use linfa::ParamGuard;
use ndarray::{Array2, ArrayView2};

use super::prepare::Corpus;
use super::reduce::Reduced;
use crate::cluster::spherical_kmeans::SphericalKMeansParams;
use crate::error::FitError;
use crate::linalg::{similarities, top2};
use crate::pipeline::fit::FitContext;
use crate::pipeline::model::{AssignmentStatus, Stage, decide};
use crate::pipeline::params::ThemeValidParams;
use crate::pipeline::prepare::Prepared;

/// A unit's theme (index into the kept clusters), its similarity and why.
pub(crate) type Decision = (Option<usize>, f32, AssignmentStatus);

/// The clusters, which of them are themes, and where every unit went.
pub(crate) struct Clustered {
    /// Unit-norm cluster centres, one row per cluster.
    pub centroids: Array2<f32>,
    /// Cosine similarity of every unit to every centre.
    pub sims: Array2<f32>,
    /// Outlier threshold of every cluster.
    pub thresholds: Vec<f32>,
    /// The cluster of every theme (clusters with enough respondents), in cluster order.
    pub kept: Vec<usize>,
    /// The theme of every cluster, if it is one.
    pub centroid_theme: Vec<Option<usize>>,
    /// Every unit's decision.
    pub decided: Vec<Decision>,
    /// The rows of every theme.
    pub members: Vec<Vec<usize>>,
    /// Rows in no theme.
    pub unclassified: Vec<usize>,
}

/// Clusters `reduced.content_z` into `k` and decides every unit of `corpus`.
pub(crate) fn cluster(
    p: &ThemeValidParams,
    corpus: &Corpus<'_>,
    reduced: &Reduced,
    k: usize,
    ctx: &FitContext<'_>,
) -> Result<Clustered, FitError> {
    ctx.report(Stage::Cluster, 0, 1);
    let km = SphericalKMeansParams::new(k)
        .n_runs(n_runs(p.n_runs, corpus.content.len()))
        .seed(p.seed)
        .check()?
        .fit_rows(reduced.content_z.view())?;
    let centroids = km.centroids().clone();
    let sims = similarities(reduced.represented.z.view(), centroids.view());
    let thresholds = outlier_thresholds(sims.view(), &corpus.content, k, p.outlier_floor);

    // First pass with every cluster a theme, to measure sizes in respondents.
    let all_themes: Vec<Option<usize>> = (0..k).map(Some).collect();
    let first = decide_all(p, sims.view(), &corpus.prepared, &thresholds, &all_themes);
    let respondents: Vec<&str> = corpus.units.iter().map(|u| u.respondent.as_str()).collect();
    let kept = big_enough(&first, &respondents, k, corpus.min_theme_size);
    let mut centroid_theme: Vec<Option<usize>> = vec![None; k];
    for (t, &c) in kept.iter().enumerate() {
        centroid_theme[c] = Some(t);
    }
    let decided = decide_all(
        p,
        sims.view(),
        &corpus.prepared,
        &thresholds,
        &centroid_theme,
    );
    ctx.report(Stage::Cluster, 1, 1);
    ctx.check()?;
    let (members, unclassified) = by_theme(&decided, kept.len());
    Ok(Clustered {
        centroids,
        sims,
        thresholds,
        kept,
        centroid_theme,
        decided,
        members,
        unclassified,
    })
}

/// k-means restarts of the final fit: `fixed`, else fewer the more content rows there are.
fn n_runs(fixed: Option<usize>, n_content: usize) -> usize {
    fixed.unwrap_or(match n_content {
        0..=20_000 => 10,
        20_001..=50_000 => 3,
        _ => 1,
    })
}

/// Per cluster: max(`floor`, Tukey lower fence of its content members' similarities).
fn outlier_thresholds(
    sims: ArrayView2<'_, f32>,
    content: &[usize],
    k: usize,
    floor: f32,
) -> Vec<f32> {
    let mut member_sims: Vec<Vec<f32>> = vec![Vec::new(); k];
    for &i in content {
        let (c, s, _) = top2(sims.row(i));
        member_sims[c].push(s);
    }
    member_sims
        .iter_mut()
        .map(|v| {
            v.sort_by(f32::total_cmp);
            if v.is_empty() {
                return floor;
            }
            let q = |f: f32| v[((v.len() - 1) as f32 * f).round() as usize];
            let (q1, q3) = (q(0.25), q(0.75));
            floor.max(q1 - 1.5 * (q3 - q1))
        })
        .collect()
}

/// Every unit's decision when the clusters are the themes `centroid_theme` says.
fn decide_all(
    p: &ThemeValidParams,
    sims: ArrayView2<'_, f32>,
    prepared: &[Prepared],
    thresholds: &[f32],
    centroid_theme: &[Option<usize>],
) -> Vec<Decision> {
    (0..prepared.len())
        .map(|i| decide(sims.row(i), prepared[i].kind, thresholds, centroid_theme, p))
        .collect()
}

/// The clusters (of `k`) that at least `min_size` distinct respondents were decided into.
fn big_enough(decided: &[Decision], respondents: &[&str], k: usize, min_size: usize) -> Vec<usize> {
    let mut cluster_resp: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); k];
    for (i, (c, _, _)) in decided.iter().enumerate() {
        if let Some(c) = c {
            cluster_resp[*c].insert(respondents[i]);
        }
    }
    (0..k)
        .filter(|&c| cluster_resp[c].len() >= min_size)
        .collect()
}

/// The rows of each of `n_themes` themes, and the rows in none.
fn by_theme(decided: &[Decision], n_themes: usize) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_themes];
    let mut unclassified = Vec::new();
    for (i, d) in decided.iter().enumerate() {
        match d.0 {
            Some(t) => members[t].push(i),
            None => unclassified.push(i),
        }
    }
    (members, unclassified)
}

#[cfg(test)]
mod tests {
    use ndarray::array;

    use super::*;
    use crate::pipeline::stages::test_support::{clustered, params, units};

    const MEMBER: AssignmentStatus = AssignmentStatus::Member;

    #[test]
    fn restarts_fall_as_the_corpus_grows_unless_fixed() {
        assert_eq!(n_runs(None, 100), 10);
        assert_eq!(n_runs(None, 20_001), 3);
        assert_eq!(n_runs(None, 50_001), 1);
        assert_eq!(n_runs(Some(4), 50_001), 4);
    }

    #[test]
    fn an_outlier_threshold_is_the_lower_fence_or_the_floor() {
        // Rows 0–4 are nearest centre 0, row 5 (not content) centre 1; centre 2 has nobody.
        let sims = array![
            [0.90f32, 0.1, 0.0],
            [0.80, 0.1, 0.0],
            [0.85, 0.1, 0.0],
            [0.70, 0.1, 0.0],
            [0.95, 0.1, 0.0],
            [0.10, 0.9, 0.0],
        ];
        let t = outlier_thresholds(sims.view(), &[0, 1, 2, 3, 4], 3, 0.2);
        // Sorted 0.70 0.80 0.85 0.90 0.95: q1 = 0.80, q3 = 0.90, fence = 0.80 − 0.15.
        assert!((t[0] - 0.65).abs() < 1e-6, "{}", t[0]);
        assert_eq!(t[1], 0.2);
        assert_eq!(t[2], 0.2);
        let high_floor = outlier_thresholds(sims.view(), &[0, 1, 2, 3, 4], 3, 0.75);
        assert_eq!(high_floor[0], 0.75);
    }

    #[test]
    fn a_cluster_is_a_theme_when_enough_distinct_respondents_are_in_it() {
        let decided = vec![
            (Some(0), 0.9, MEMBER),
            (Some(0), 0.9, MEMBER),
            (Some(1), 0.9, MEMBER),
            (Some(1), 0.9, MEMBER),
            (None, 0.1, AssignmentStatus::Outlier),
        ];
        // Cluster 0's two answers come from one respondent.
        let respondents = ["a", "a", "b", "c", "d"];
        assert_eq!(big_enough(&decided, &respondents, 3, 2), vec![1]);
        assert_eq!(big_enough(&decided, &respondents, 3, 1), vec![0, 1]);
    }

    #[test]
    fn rows_are_grouped_by_theme() {
        let decided = vec![
            (Some(1), 0.9, MEMBER),
            (None, 0.0, AssignmentStatus::Empty),
            (Some(0), 0.9, MEMBER),
            (Some(1), 0.8, MEMBER),
        ];
        let (members, unclassified) = by_theme(&decided, 2);
        assert_eq!(members, vec![vec![2], vec![0, 3]]);
        assert_eq!(unclassified, vec![1]);
    }

    #[test]
    fn the_two_needs_become_two_themes() {
        let units = units();
        let (corpus, _, _, c) = clustered(&params().check_unwrap(), &units);
        assert_eq!(c.centroids.nrows(), 2);
        assert_eq!(c.sims.dim(), (40, 2));
        assert_eq!(c.kept, vec![0, 1]);
        assert_eq!(c.centroid_theme, vec![Some(0), Some(1)]);
        // Buses (rows with i % 8 < 4) share a theme, trees the other; the few outliers are
        // exactly the unclassified rows.
        let theme = |i: usize| c.decided[i].0;
        let bus = theme(0).expect("row 0 is a member");
        for i in 0..corpus.len() {
            match theme(i) {
                Some(t) => assert_eq!(t == bus, i % 8 < 4, "row {i}"),
                None => assert!(c.unclassified.contains(&i), "row {i}"),
            }
        }
        // At most two of the eight phrasings (ten rows) fall below the outlier floor.
        assert!(c.unclassified.len() <= 10, "{:?}", c.unclassified);
        let members: usize = c.members.iter().map(Vec::len).sum();
        assert_eq!(members + c.unclassified.len(), corpus.len());
    }
}
