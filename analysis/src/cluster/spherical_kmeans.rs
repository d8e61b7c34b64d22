//! Spherical k-means: k-means on the unit sphere with cosine similarity and unit-norm centroids.
//!
//! Shaped like linfa's `KMeans` (unchecked params → [`ParamGuard`] → checked params →
//! [`Fit`] → fitted model) and seeded with the same Xoshiro256+ family, but the assignment step
//! is one matrix product (`X · Cᵀ`) instead of linfa 0.8's per-pair distance loop, and
//! centroids are re-normalised every iteration (true spherical k-means, which linfa lacks).
//! Choosing k needs hundreds of fits (grid × resamples); with linfa's loop that took minutes.

use linfa::{DatasetBase, ParamGuard, traits::Fit};
use ndarray::{Array1, Array2, ArrayBase, ArrayView2, Data, Ix2};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256Plus;
use serde::{Deserialize, Serialize};

use super::ClusterError;
use crate::linalg::{normalize_rows, similarities};

/// Checked hyperparameters.
#[derive(Debug, Clone, PartialEq)]
pub struct SphericalKMeansValidParams {
    n_clusters: usize,
    n_runs: usize,
    max_iterations: usize,
    tolerance: f64,
    seed: u64,
}

/// Unchecked hyperparameters (builder).
#[derive(Debug, Clone, PartialEq)]
pub struct SphericalKMeansParams(SphericalKMeansValidParams);

impl SphericalKMeansParams {
    /// `n_clusters` clusters, 10 runs, 300 iterations, tolerance 1e-6, seed 42.
    pub fn new(n_clusters: usize) -> Self {
        SphericalKMeansParams(SphericalKMeansValidParams {
            n_clusters,
            n_runs: 10,
            max_iterations: 300,
            tolerance: 1e-6,
            seed: 42,
        })
    }
    /// Number of k-means++ restarts; the best objective wins.
    pub fn n_runs(mut self, n: usize) -> Self {
        self.0.n_runs = n;
        self
    }
    /// Iteration cap per run.
    pub fn max_iterations(mut self, n: usize) -> Self {
        self.0.max_iterations = n;
        self
    }
    /// Stop when the mean similarity improves by less than this.
    pub fn tolerance(mut self, t: f64) -> Self {
        self.0.tolerance = t;
        self
    }
    /// RNG seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.0.seed = seed;
        self
    }
}

impl ParamGuard for SphericalKMeansParams {
    type Checked = SphericalKMeansValidParams;
    type Error = ClusterError;

    fn check_ref(&self) -> Result<&Self::Checked, Self::Error> {
        let p = &self.0;
        if p.n_clusters == 0 {
            return Err(ClusterError::InvalidParams(
                "n_clusters must be at least 1".into(),
            ));
        }
        if p.n_runs == 0 || p.max_iterations == 0 {
            return Err(ClusterError::InvalidParams(
                "n_runs and max_iterations must be at least 1".into(),
            ));
        }
        if p.tolerance.is_nan() || p.tolerance < 0.0 {
            return Err(ClusterError::InvalidParams(
                "tolerance must be non-negative".into(),
            ));
        }
        Ok(p)
    }

    fn check(self) -> Result<Self::Checked, Self::Error> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted spherical k-means model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SphericalKMeans {
    centroids: Array2<f32>,
    labels: Array1<usize>,
    objective: f64,
}

impl SphericalKMeans {
    /// Unit-norm centroids (k × d).
    pub fn centroids(&self) -> &Array2<f32> {
        &self.centroids
    }
    /// Cluster of each training row.
    pub fn labels(&self) -> &Array1<usize> {
        &self.labels
    }
    /// Mean cosine similarity of training rows to their centroid.
    pub fn objective(&self) -> f64 {
        self.objective
    }
    /// Nearest centroid and its similarity for each row of `x` (rows L2-normalised).
    pub fn predict(&self, x: ArrayView2<'_, f32>) -> (Vec<usize>, Vec<f32>) {
        assign(x, self.centroids.view())
    }
}

impl SphericalKMeansValidParams {
    /// Number of clusters.
    pub fn n_clusters(&self) -> usize {
        self.n_clusters
    }

    /// Fits on L2-normalised rows.
    pub fn fit_rows(&self, x: ArrayView2<'_, f32>) -> Result<SphericalKMeans, ClusterError> {
        let n = x.nrows();
        if n < self.n_clusters {
            return Err(ClusterError::TooFewPoints {
                k: self.n_clusters,
                n,
            });
        }
        let mut rng = Xoshiro256Plus::seed_from_u64(self.seed);
        let mut best: Option<SphericalKMeans> = None;
        for _ in 0..self.n_runs {
            let init = kmeans_plus_plus(x, self.n_clusters, &mut rng);
            let run = self.lloyd(x, init);
            if best.as_ref().is_none_or(|b| run.objective > b.objective) {
                best = Some(run);
            }
        }
        best.ok_or(ClusterError::TooFewPoints {
            k: self.n_clusters,
            n,
        })
    }

    fn lloyd(&self, x: ArrayView2<'_, f32>, mut centroids: Array2<f32>) -> SphericalKMeans {
        let (n, d) = x.dim();
        let k = centroids.nrows();
        let mut labels = vec![0usize; n];
        let mut prev = f64::NEG_INFINITY;
        let mut objective = 0.0;
        for iter in 0..self.max_iterations {
            let (lab, sims) = assign(x, centroids.view());
            objective = sims.iter().map(|&s| f64::from(s)).sum::<f64>() / n as f64;
            let changed = iter == 0 || lab != labels;
            labels = lab;
            if !changed || objective - prev < self.tolerance {
                break;
            }
            prev = objective;
            let mut sums = Array2::<f32>::zeros((k, d));
            let mut counts = vec![0usize; k];
            for (i, &c) in labels.iter().enumerate() {
                sums.row_mut(c).scaled_add(1.0, &x.row(i));
                counts[c] += 1;
            }
            // Empty clusters take the points worst served by their centroid, one each.
            let empty: Vec<usize> = (0..k).filter(|&c| counts[c] == 0).collect();
            if !empty.is_empty() {
                let mut worst: Vec<usize> = (0..n).collect();
                worst.sort_by(|&a, &b| sims[a].total_cmp(&sims[b]).then(a.cmp(&b)));
                for (c, &i) in empty.iter().zip(&worst) {
                    sums.row_mut(*c).assign(&x.row(i));
                }
            }
            normalize_rows(&mut sums);
            centroids = sums;
        }
        SphericalKMeans {
            centroids,
            labels: Array1::from(labels),
            objective,
        }
    }
}

/// Nearest (most similar) centroid of each row; ties go to the lower index.
pub fn assign(x: ArrayView2<'_, f32>, centroids: ArrayView2<'_, f32>) -> (Vec<usize>, Vec<f32>) {
    let s = similarities(x, centroids);
    s.outer_iter()
        .map(|row| {
            let mut best = (0usize, f32::NEG_INFINITY);
            for (j, &v) in row.iter().enumerate() {
                if v > best.1 {
                    best = (j, v);
                }
            }
            best
        })
        .unzip()
}

/// k-means++ seeding with cosine distance `1 − sim`.
fn kmeans_plus_plus(x: ArrayView2<'_, f32>, k: usize, rng: &mut Xoshiro256Plus) -> Array2<f32> {
    let (n, d) = x.dim();
    let mut centroids = Array2::<f32>::zeros((k, d));
    let first = rng.gen_range(0..n);
    centroids.row_mut(0).assign(&x.row(first));
    let mut dist: Vec<f64> = x
        .dot(&x.row(first))
        .iter()
        .map(|&s| f64::from((1.0 - s).max(0.0)))
        .collect();
    for c in 1..k {
        let total: f64 = dist.iter().map(|v| v * v).sum();
        let pick = if total > 0.0 {
            let mut r = rng.r#gen::<f64>() * total;
            let mut chosen = n - 1;
            for (i, v) in dist.iter().enumerate() {
                r -= v * v;
                if r <= 0.0 {
                    chosen = i;
                    break;
                }
            }
            chosen
        } else {
            rng.gen_range(0..n)
        };
        centroids.row_mut(c).assign(&x.row(pick));
        let s = x.dot(&x.row(pick));
        for (dv, &sv) in dist.iter_mut().zip(s.iter()) {
            *dv = dv.min(f64::from((1.0 - sv).max(0.0)));
        }
    }
    centroids
}

impl<D: Data<Elem = f32>, T> Fit<ArrayBase<D, Ix2>, T, ClusterError>
    for SphericalKMeansValidParams
{
    type Object = SphericalKMeans;

    fn fit(
        &self,
        dataset: &DatasetBase<ArrayBase<D, Ix2>, T>,
    ) -> Result<SphericalKMeans, ClusterError> {
        self.fit_rows(dataset.records().view())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn blobs() -> Array2<f32> {
        let mut rng = Xoshiro256Plus::seed_from_u64(1);
        let centres = array![[1.0f32, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        let mut x = Array2::<f32>::zeros((90, 3));
        for i in 0..90 {
            let c = centres.row(i % 3);
            for j in 0..3 {
                x[[i, j]] = c[j] + 0.2 * (rng.r#gen::<f32>() - 0.5);
            }
        }
        normalize_rows(&mut x);
        x
    }

    #[test]
    fn recovers_blobs() {
        let x = blobs();
        let m = SphericalKMeansParams::new(3)
            .check()
            .unwrap_or_else(|e| panic!("{e}"))
            .fit_rows(x.view());
        let m = m.unwrap_or_else(|e| panic!("{e}"));
        let l = m.labels();
        for i in 0..90 {
            assert_eq!(l[i], l[i % 3], "row {i}");
        }
        assert!(m.objective() > 0.95);
        for row in m.centroids().outer_iter() {
            assert!((row.dot(&row) - 1.0).abs() < 1e-5);
        }
    }

    #[test]
    fn deterministic_for_a_seed_and_through_linfa_fit() {
        let x = blobs();
        let p = SphericalKMeansParams::new(4).n_runs(3).seed(7);
        let a = p
            .clone()
            .check()
            .unwrap_or_else(|e| panic!("{e}"))
            .fit_rows(x.view());
        let b = p.fit(&DatasetBase::from(x.clone()));
        assert_eq!(
            a.unwrap_or_else(|e| panic!("{e}")),
            b.unwrap_or_else(|e| panic!("{e}"))
        );
    }

    #[test]
    fn params_are_validated() {
        assert!(SphericalKMeansParams::new(0).check().is_err());
        assert!(SphericalKMeansParams::new(3).n_runs(0).check().is_err());
        assert!(
            SphericalKMeansParams::new(3)
                .tolerance(f64::NAN)
                .check()
                .is_err()
        );
    }

    #[test]
    fn too_few_points() {
        let x = blobs();
        let p = SphericalKMeansParams::new(100)
            .check()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            p.fit_rows(x.view()),
            Err(ClusterError::TooFewPoints { .. })
        ));
    }
}
