//! Choosing the number of themes: stability across resamples plus silhouette (method.md §1.9).
//!
//! For every k in the grid the data are clustered once (the reference) and again on `resamples`
//! random subsamples of `sample_fraction` of the points. A reference cluster's stability is its
//! best Jaccard overlap with a resample cluster, averaged over resamples (Hennig's
//! `clusterboot`); a k's stability is the median over its clusters. The silhouette (cosine
//! distance, computed exactly from cluster sums in O(n·k·d)) is averaged over the reference and
//! the resamples, giving a mean and a standard error.
//!
//! The distortion (one minus the mean cosine of a point to its cluster's mean direction, the
//! spherical counterpart of k-means' within-cluster sum of squares) is averaged the same way.
//!
//! Two rules turn these curves into one k ([`KRule`]):
//!
//! - [`KRule::DistortionKnee`] (the default, and the classical path's): the knee of the
//!   distortion curve found by Kneedle (Satopää, Albrecht, Irwin and Raghavan, "Finding a
//!   'Kneedle' in a Haystack", ICDCS workshops 2011; the rule of the `kneed` package and of
//!   Yellowbrick's k-elbow): both axes are scaled to [0, 1], the falling distortion is read as a
//!   rising gain, and k\* is the k where the gain lies furthest above the straight line from the
//!   first k to the last — the elbow method made objective: past the knee each extra cluster buys
//!   less than its share of the whole range's gain. A curve without a knee (a straight or convex
//!   gain) gives the smallest k. The knee is relative to the range searched, as every elbow is: on a
//!   curve shaped exactly like 1/k it lies at √(k_min·k_max), 12 for 5..=30.
//! - [`KRule::StableSilhouette`] (the semantic path's, and that of every run logged before the
//!   rule was recorded): the largest k whose stability ≥ `stability_threshold` and whose mean
//!   silhouette is within one standard error of the best silhouette; if no k qualifies, the
//!   best-silhouette k.
//!
//! Why two. On TF-IDF/LSA vectors of short texts the silhouette keeps rising with k (finer and
//! finer sub-topics stay separable, and scikit-learn warns that silhouette suffers from the
//! concentration of measure on text) while no k reaches the stability threshold, so the
//! stable-silhouette rule fell back to the best silhouette: the top of the range (k = 27–30 of
//! 5..=30 on both development sets, 13 and 21 categories). The distortion knee picks 14–16 on
//! both, a null reference does not help (the gap statistic `log W*ₖ − log Wₖ` against
//! column-permuted data rises with k as steadily as the silhouette) and Calinski–Harabasz falls
//! with every k (it picks the bottom). On sentence embeddings the silhouette peaks inside the
//! range and the stable-silhouette rule chose 19–24 (polis) and 15–20 (disaster); the knee
//! chose 12–15 there and lowered NMI by 0.014 and 0.010 (five seeds), so the semantic path
//! keeps its rule (`ThemeParams::new` sets the rule that suits the representation).
//!
//! Either way the choice is flagged stable when its median cluster stability reaches
//! `stability_threshold`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use linfa::ParamGuard;
use ndarray::{Array2, ArrayView2, Axis};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256Plus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::ClusterError;
use super::hungarian::jaccard;
use super::spherical_kmeans::{SphericalKMeans, SphericalKMeansParams};

/// Settings of the k search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KSearch {
    /// Smallest k tried.
    pub k_min: usize,
    /// Largest k tried.
    pub k_max: usize,
    /// Number of subsamples for stability.
    pub resamples: usize,
    /// Fraction of points in each subsample.
    pub sample_fraction: f64,
    /// k-means restarts per fit during the search.
    pub n_runs: usize,
    /// Search on a random subset of at most this many points (the final fit uses all).
    pub max_points: usize,
    /// Minimum median cluster stability for a k to be preferred.
    pub stability_threshold: f64,
    /// Seed for subsampling and clustering.
    pub seed: u64,
    /// How the scores choose k. Runs logged before this was recorded read as
    /// [`KRule::StableSilhouette`], the rule they were made with, and that rule is not written
    /// out, so their logged parameters serialise as they were logged.
    #[serde(default = "KRule::legacy", skip_serializing_if = "KRule::is_legacy")]
    pub rule: KRule,
}

/// How the k search turns its curves into one k (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KRule {
    /// The largest stable k whose silhouette is within one SE of the best, else the best
    /// silhouette: the rule before [`KRule::DistortionKnee`].
    StableSilhouette,
    /// The knee (Kneedle) of the mean distortion curve.
    DistortionKnee,
}

impl KRule {
    /// The rule of runs logged before the rule was recorded.
    pub fn legacy() -> Self {
        KRule::StableSilhouette
    }
    /// Whether this is [`KRule::legacy`] (which is then not serialised).
    pub fn is_legacy(&self) -> bool {
        *self == KRule::legacy()
    }
}

impl Default for KSearch {
    fn default() -> Self {
        KSearch {
            k_min: 5,
            k_max: 30,
            resamples: 5,
            sample_fraction: 0.8,
            n_runs: 3,
            max_points: 6000,
            stability_threshold: 0.75,
            seed: 42,
            rule: KRule::DistortionKnee,
        }
    }
}

/// Scores of one candidate k.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KScore {
    /// Number of clusters.
    pub k: usize,
    /// Mean cosine silhouette over reference and resample clusterings.
    pub silhouette: f64,
    /// Standard error of that mean.
    pub silhouette_se: f64,
    /// Median over clusters of the mean best-Jaccard across resamples.
    pub stability: f64,
    /// Mean distortion (1 − mean cosine to the cluster's mean direction) over reference and
    /// resample clusterings; recorded by the searches whose rule reads it (searches logged
    /// before it existed have none, and serialise as they were logged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distortion: Option<f64>,
}

/// The outcome of the k search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KChoice {
    /// Chosen k.
    pub k: usize,
    /// Whether the chosen k met the stability threshold.
    pub stable: bool,
    /// Scores of every k tried, ascending k.
    pub scores: Vec<KScore>,
}

/// Runs the k search on L2-normalised rows `x`; the silhouette is computed on the matching rows
/// of `judged` when given (the vectors before a smoothing step that tightens clusters), else on
/// `x` itself.
///
/// `progress(done, total)` is called after each k; `cancel` is polled between fits.
pub fn choose_k(
    x: ArrayView2<'_, f32>,
    judged: Option<ArrayView2<'_, f32>>,
    search: &KSearch,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: Option<&AtomicBool>,
) -> Result<KChoice, ClusterError> {
    let n_all = x.nrows();
    let k_max = search.k_max.min(n_all / 2);
    if k_max < search.k_min.max(2) {
        return Err(ClusterError::TooFewPoints {
            k: search.k_min.max(2),
            n: n_all,
        });
    }
    let mut rng = Xoshiro256Plus::seed_from_u64(search.seed ^ 0x5EA2C4);
    let (base, base_judged): (Array2<f32>, Option<Array2<f32>>) = if n_all > search.max_points {
        let mut idx: Vec<usize> = (0..n_all).collect();
        idx.shuffle(&mut rng);
        idx.truncate(search.max_points);
        idx.sort_unstable();
        (
            x.select(Axis(0), &idx),
            judged.map(|j| j.select(Axis(0), &idx)),
        )
    } else {
        (x.to_owned(), judged.map(|j| j.to_owned()))
    };
    let n = base.nrows();
    let m = ((n as f64) * search.sample_fraction).round() as usize;
    let subsamples: Vec<Vec<usize>> = (0..search.resamples)
        .map(|_| {
            let mut idx: Vec<usize> = (0..n).collect();
            idx.shuffle(&mut rng);
            idx.truncate(m);
            idx.sort_unstable();
            idx
        })
        .collect();
    let ks: Vec<usize> = (search.k_min.max(2)..=k_max).collect();
    let done = AtomicUsize::new(0);
    let total = ks.len();
    let scores = ks
        .par_iter()
        .map(|&k| {
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(ClusterError::Cancelled);
            }
            let score = score_k(
                base.view(),
                base_judged.as_ref().map(Array2::view),
                k,
                &subsamples,
                search,
            );
            progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
            score
        })
        .collect::<Result<Vec<KScore>, ClusterError>>()?;
    Ok(match search.rule {
        KRule::StableSilhouette => decide(scores, search.stability_threshold),
        KRule::DistortionKnee => decide_knee(scores, search.stability_threshold),
    })
}

/// [`KRule::DistortionKnee`]: the Kneedle knee of the distortion curve.
fn decide_knee(scores: Vec<KScore>, threshold: f64) -> KChoice {
    let curve: Vec<(f64, f64)> = scores
        .iter()
        .map(|s| (s.k as f64, -s.distortion.unwrap_or(f64::NAN)))
        .collect();
    let k = match knee(&curve) {
        Some(i) => scores[i].k,
        None => scores.first().map_or(2, |s| s.k),
    };
    let stable = scores
        .iter()
        .find(|s| s.k == k)
        .is_some_and(|s| s.stability >= threshold);
    KChoice { k, stable, scores }
}

/// Kneedle (Satopää et al. 2011) on a rising curve of `(x, y)` points in ascending `x`: with x
/// and y scaled to [0, 1] (by their minimum and maximum), the index of the point furthest above
/// the diagonal `y = x` (the first of equals). `None` when no point lies above it (a straight or
/// convex curve has no knee), or when there are fewer than three points or a non-finite value.
pub fn knee(curve: &[(f64, f64)]) -> Option<usize> {
    if curve.len() < 3 || curve.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
        return None;
    }
    let (x0, x1) = (curve[0].0, curve[curve.len() - 1].0);
    let y0 = curve.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let y1 = curve.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, &(x, y)) in curve.iter().enumerate() {
        let above = (y - y0) / (y1 - y0) - (x - x0) / (x1 - x0);
        if above > 1e-12 && best.is_none_or(|(_, b)| above > b) {
            best = Some((i, above));
        }
    }
    best.map(|(i, _)| i)
}

/// [`KRule::StableSilhouette`].
fn decide(scores: Vec<KScore>, threshold: f64) -> KChoice {
    let best = scores
        .iter()
        .max_by(|a, b| a.silhouette.total_cmp(&b.silhouette).then(b.k.cmp(&a.k)))
        .cloned();
    let Some(best) = best else {
        return KChoice {
            k: 2,
            stable: false,
            scores,
        };
    };
    let floor = best.silhouette - best.silhouette_se;
    let chosen = scores
        .iter()
        .filter(|s| s.stability >= threshold && s.silhouette >= floor)
        .map(|s| s.k)
        .max();
    match chosen {
        Some(k) => KChoice {
            k,
            stable: true,
            scores,
        },
        None => KChoice {
            k: best.k,
            stable: false,
            scores,
        },
    }
}

fn fit(
    x: ArrayView2<'_, f32>,
    k: usize,
    n_runs: usize,
    seed: u64,
) -> Result<SphericalKMeans, ClusterError> {
    SphericalKMeansParams::new(k)
        .n_runs(n_runs)
        .seed(seed)
        .check()?
        .fit_rows(x)
}

fn score_k<'a>(
    x: ArrayView2<'a, f32>,
    judged: Option<ArrayView2<'a, f32>>,
    k: usize,
    subsamples: &[Vec<usize>],
    s: &KSearch,
) -> Result<KScore, ClusterError> {
    let seed = s.seed.wrapping_add(k as u64 * 7919);
    let reference = fit(x, k, s.n_runs, seed)?;
    let ref_labels = reference.labels().to_vec();
    // Only the knee rule reads the distortion curve.
    let knee_rule = s.rule != KRule::StableSilhouette;
    let mut sil = vec![silhouette(judged.unwrap_or(x), &ref_labels, k)];
    let mut dist = Vec::new();
    if knee_rule {
        dist.push(distortion(judged.unwrap_or(x), &ref_labels, k));
    }
    let mut stab = vec![0.0f64; k];
    for (b, idx) in subsamples.iter().enumerate() {
        let sub = x.select(Axis(0), idx);
        let model = fit(sub.view(), k, s.n_runs, seed.wrapping_add(1 + b as u64))?;
        let labels = model.labels().to_vec();
        let sub_judged = judged.map(|j| j.select(Axis(0), idx));
        let sub_judged = sub_judged.as_ref().map_or(sub.view(), Array2::view);
        sil.push(silhouette(sub_judged, &labels, k));
        if knee_rule {
            dist.push(distortion(sub_judged, &labels, k));
        }
        // Reference clusters restricted to the subsample vs the resample's clusters.
        let mut ref_sets = vec![Vec::new(); k];
        let mut new_sets = vec![Vec::new(); k];
        for (pos, &i) in idx.iter().enumerate() {
            ref_sets[ref_labels[i]].push(pos);
            new_sets[labels[pos]].push(pos);
        }
        for (c, set) in ref_sets.iter().enumerate() {
            stab[c] += new_sets.iter().map(|o| jaccard(set, o)).fold(0.0, f64::max);
        }
    }
    let b = subsamples.len().max(1) as f64;
    let mut per_cluster: Vec<f64> = stab.iter().map(|v| v / b).collect();
    per_cluster.sort_by(f64::total_cmp);
    let stability = if subsamples.is_empty() {
        1.0
    } else {
        median(&per_cluster)
    };
    let mean = sil.iter().sum::<f64>() / sil.len() as f64;
    let var = if sil.len() > 1 {
        sil.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (sil.len() - 1) as f64
    } else {
        0.0
    };
    Ok(KScore {
        k,
        silhouette: mean,
        silhouette_se: (var / sil.len() as f64).sqrt(),
        stability,
        distortion: knee_rule.then(|| dist.iter().sum::<f64>() / dist.len() as f64),
    })
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]),
    }
}

/// One minus the mean cosine of each row to its cluster's mean direction (rows L2-normalised):
/// a cluster's summed cosines to its normalised sum are that sum's length.
pub fn distortion(x: ArrayView2<'_, f32>, labels: &[usize], k: usize) -> f64 {
    let mut sums = Array2::<f64>::zeros((k, x.ncols()));
    for (i, &c) in labels.iter().enumerate() {
        sums.row_mut(c)
            .zip_mut_with(&x.row(i), |s, &v| *s += f64::from(v));
    }
    let fit: f64 = sums.outer_iter().map(|r| r.dot(&r).sqrt()).sum();
    1.0 - fit / labels.len().max(1) as f64
}

/// Mean silhouette with cosine distance, exact, from cluster sums (rows L2-normalised).
pub fn silhouette(x: ArrayView2<'_, f32>, labels: &[usize], k: usize) -> f64 {
    let d = x.ncols();
    let mut sums = Array2::<f32>::zeros((k, d));
    let mut counts = vec![0usize; k];
    for (i, &c) in labels.iter().enumerate() {
        sums.row_mut(c).scaled_add(1.0, &x.row(i));
        counts[c] += 1;
    }
    let dots = x.dot(&sums.t());
    let total: f64 = dots
        .outer_iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (row, &c))| {
            if counts[c] <= 1 {
                return 0.0;
            }
            let self_sim = f64::from(x.row(i).dot(&x.row(i)));
            let a = 1.0 - (f64::from(row[c]) - self_sim) / (counts[c] - 1) as f64;
            let b = (0..k)
                .filter(|&o| o != c && counts[o] > 0)
                .map(|o| 1.0 - f64::from(row[o]) / counts[o] as f64)
                .fold(f64::INFINITY, f64::min);
            if !b.is_finite() {
                return 0.0;
            }
            let m = a.max(b);
            if m > 0.0 { (b - a) / m } else { 0.0 }
        })
        .sum();
    total / labels.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::normalize_rows;
    use rand::Rng;

    fn blobs(k: usize, per: usize, noise: f32) -> Array2<f32> {
        let mut rng = Xoshiro256Plus::seed_from_u64(3);
        let d = 16;
        let mut x = Array2::<f32>::zeros((k * per, d));
        for i in 0..k * per {
            for j in 0..d {
                x[[i, j]] = noise * (rng.r#gen::<f32>() - 0.5);
            }
            x[[i, i % k]] += 1.0;
        }
        normalize_rows(&mut x);
        x
    }

    #[test]
    fn silhouette_matches_pairwise_definition() {
        let x = blobs(3, 10, 0.8);
        let labels: Vec<usize> = (0..30).map(|i| i % 3).collect();
        let fast = silhouette(x.view(), &labels, 3);
        let mut total = 0.0;
        for i in 0..30 {
            let mut a = 0.0;
            let mut b = [0.0f64; 3];
            for j in 0..30 {
                let dist = 1.0 - f64::from(x.row(i).dot(&x.row(j)));
                if labels[j] == labels[i] {
                    if i != j {
                        a += dist / 9.0;
                    }
                } else {
                    b[labels[j]] += dist / 10.0;
                }
            }
            let bmin = (0..3)
                .filter(|&c| c != labels[i])
                .map(|c| b[c])
                .fold(f64::INFINITY, f64::min);
            total += (bmin - a) / a.max(bmin);
        }
        assert!(
            (fast - total / 30.0).abs() < 1e-5,
            "{fast} vs {}",
            total / 30.0
        );
    }

    #[test]
    fn finds_the_true_k_of_clear_blobs() {
        let x = blobs(6, 40, 0.3);
        let s = KSearch {
            k_min: 2,
            k_max: 10,
            ..KSearch::default()
        };
        let c = choose_k(x.view(), None, &s, &|_, _| {}, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.k, 6, "{:?}", c.scores);
        assert!(c.stable);
        let again =
            choose_k(x.view(), None, &s, &|_, _| {}, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c, again);
    }

    #[test]
    fn both_rules_find_the_true_k_of_clear_blobs_mid_range() {
        let x = blobs(8, 30, 0.4);
        for rule in [KRule::DistortionKnee, KRule::StableSilhouette] {
            let s = KSearch {
                k_min: 2,
                k_max: 16,
                rule,
                ..KSearch::default()
            };
            let c =
                choose_k(x.view(), None, &s, &|_, _| {}, None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(c.k, 8, "{rule:?}: {:?}", c.scores);
            assert_eq!(
                c.scores.iter().all(|s| s.distortion.is_some()),
                rule == KRule::DistortionKnee
            );
        }
    }

    #[test]
    fn the_knee_is_where_the_gain_flattens() {
        // Distortion that falls fast up to k = 9 and slowly after it.
        let curve: Vec<(f64, f64)> = (5..=30)
            .map(|k| {
                let k = k as f64;
                (
                    k,
                    -(if k <= 9.0 {
                        1.0 - 0.1 * (k - 5.0)
                    } else {
                        0.6 - 0.01 * (k - 9.0)
                    }),
                )
            })
            .collect();
        assert_eq!(knee(&curve).map(|i| curve[i].0), Some(9.0));
        // No knee on a straight or convex curve, nor on too few or non-finite points.
        let line: Vec<(f64, f64)> = (5..=30).map(|k| (k as f64, k as f64)).collect();
        assert_eq!(knee(&line), None);
        let convex: Vec<(f64, f64)> = (5..=30).map(|k| (k as f64, (k as f64).powi(2))).collect();
        assert_eq!(knee(&convex), None);
        assert_eq!(knee(&line[..2]), None);
        assert_eq!(knee(&[(1.0, 0.0), (2.0, f64::NAN), (3.0, 1.0)]), None);
    }

    /// Scores whose silhouette keeps rising and whose distortion falls with diminishing returns
    /// (as on short texts in LSA space), none stable.
    fn rising_scores() -> Vec<KScore> {
        (5..=30)
            .map(|k| {
                let kf = k as f64;
                KScore {
                    k,
                    silhouette: 0.05 + 0.004 * kf,
                    silhouette_se: 0.002,
                    stability: 0.5,
                    distortion: Some(0.2 + 2.5 / kf),
                }
            })
            .collect()
    }

    #[test]
    fn a_rising_curve_does_not_ride_the_top_of_the_range() {
        let old = decide(rising_scores(), 0.75);
        assert_eq!(old.k, 30, "the old rule rides the edge");
        assert!(!old.stable);
        let new = decide_knee(rising_scores(), 0.75);
        assert!((8..=20).contains(&new.k), "knee at {}", new.k);
        assert!(!new.stable);
        // Without a knee the smallest k is taken, never the largest.
        let flat: Vec<KScore> = rising_scores()
            .into_iter()
            .map(|s| KScore {
                distortion: Some(1.0 - 0.01 * s.k as f64),
                ..s
            })
            .collect();
        assert_eq!(decide_knee(flat, 0.75).k, 5);
    }

    #[test]
    fn logged_searches_keep_their_rule_and_their_bytes() {
        let logged = r#"{"k_min":5,"k_max":30,"resamples":5,"sample_fraction":0.8,"n_runs":3,"max_points":6000,"stability_threshold":0.75,"seed":42}"#;
        let read: KSearch = serde_json::from_str(logged).expect("read");
        assert_eq!(read.rule, KRule::StableSilhouette);
        assert_eq!(serde_json::to_string(&read).expect("write"), logged);
        assert_eq!(KSearch::default().rule, KRule::DistortionKnee);
        let new = serde_json::to_string(&KSearch::default()).expect("write");
        assert!(new.ends_with(r#""rule":"distortion_knee"}"#), "{new}");
        let score = r#"{"k":5,"silhouette":0.1,"silhouette_se":0.01,"stability":0.8}"#;
        let read: KScore = serde_json::from_str(score).expect("read");
        assert_eq!(read.distortion, None);
        assert_eq!(serde_json::to_string(&read).expect("write"), score);
    }

    #[test]
    fn distortion_is_one_minus_the_mean_cosine_to_the_mean_direction() {
        let x = blobs(3, 10, 0.8);
        let labels: Vec<usize> = (0..30).map(|i| i % 3).collect();
        let mut dirs = Array2::<f32>::zeros((3, x.ncols()));
        for (i, &c) in labels.iter().enumerate() {
            dirs.row_mut(c).scaled_add(1.0, &x.row(i));
        }
        normalize_rows(&mut dirs);
        let mean_cos: f64 = labels
            .iter()
            .enumerate()
            .map(|(i, &c)| f64::from(x.row(i).dot(&dirs.row(c))))
            .sum::<f64>()
            / 30.0;
        let d = distortion(x.view(), &labels, 3);
        assert!(
            (d - (1.0 - mean_cos)).abs() < 1e-5,
            "{d} vs {}",
            1.0 - mean_cos
        );
    }

    #[test]
    fn cancellation() {
        let x = blobs(3, 20, 0.3);
        let stop = AtomicBool::new(true);
        let r = choose_k(x.view(), None, &KSearch::default(), &|_, _| {}, Some(&stop));
        assert!(matches!(r, Err(ClusterError::Cancelled)));
    }
}
