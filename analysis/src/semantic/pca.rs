//! PCA of sentence embeddings before clustering (method.md §6: embed → L2 → PCA 50 → L2):
//! exact, from the eigendecomposition of the small `d × d` covariance matrix.

use linfa_linalg::eigh::Eigh;
use ndarray::{Array1, Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use crate::error::FitError;
use crate::linalg::normalize_rows;

/// A fitted projection: centre, then multiply by `components` (d × dims).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pca {
    mean: Array1<f32>,
    components: Array2<f32>,
}

impl Pca {
    /// Fits the top `dims` principal axes of the rows of `x`.
    pub fn fit(x: ArrayView2<'_, f32>, dims: usize) -> Result<Pca, FitError> {
        let x64 = x.mapv(f64::from);
        let mean = x64
            .mean_axis(Axis(0))
            .ok_or(FitError::TooFewDocuments { needed: 1, got: 0 })?;
        let c = &x64 - &mean;
        let cov = c.t().dot(&c) / (x.nrows().max(2) - 1) as f64;
        let (vals, vecs) = cov.eigh().map_err(|e| FitError::Numerical(e.to_string()))?;
        let mut order: Vec<usize> = (0..vals.len()).collect();
        order.sort_by(|&i, &j| vals[j].total_cmp(&vals[i]).then(i.cmp(&j)));
        let dims = dims.min(order.len());
        let mut comp = Array2::<f32>::zeros((x.ncols(), dims));
        for (j, &i) in order.iter().take(dims).enumerate() {
            let col = vecs.column(i);
            // Sign convention: the largest-magnitude loading is positive.
            let big = col
                .iter()
                .cloned()
                .fold(0.0f64, |a, b| if b.abs() > a.abs() { b } else { a });
            let s = if big < 0.0 { -1.0 } else { 1.0 };
            comp.column_mut(j).assign(&col.mapv(|v| (v * s) as f32));
        }
        Ok(Pca {
            mean: mean.mapv(|v| v as f32),
            components: comp,
        })
    }

    /// Projects rows and L2-normalises them; all-zero input rows (empty texts) stay zero.
    pub fn transform(&self, x: ArrayView2<'_, f32>) -> Array2<f32> {
        let mut out = (&x - &self.mean).dot(&self.components);
        for (i, row) in x.outer_iter().enumerate() {
            if row.iter().all(|&v| v == 0.0) {
                out.row_mut(i).fill(0.0);
            }
        }
        normalize_rows(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn finds_the_main_axis() {
        let x = array![
            [1.0f32, 0.1, 0.0],
            [2.0, 0.2, 0.0],
            [3.0, 0.25, 0.0],
            [4.0, 0.4, 0.0]
        ];
        let p = Pca::fit(x.view(), 1).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.components[[0, 0]] > 0.99);
        let z = p.transform(x.view());
        assert_eq!(z[[0, 0]], -1.0);
        assert_eq!(z[[3, 0]], 1.0);
    }
}
