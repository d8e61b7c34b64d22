//! Small dense helpers shared by the stages.

use ndarray::{Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// L2-normalises every row in place (zero rows stay zero).
pub fn normalize_rows(x: &mut Array2<f32>) {
    x.axis_iter_mut(Axis(0))
        .into_par_iter()
        .for_each(|mut row| {
            let n = row.dot(&row).sqrt();
            if n > 0.0 {
                row.mapv_inplace(|v| v / n);
            }
        });
}

/// Cosine similarity of two L2-normalised vectors.
pub fn cosine(a: ArrayView1<'_, f32>, b: ArrayView1<'_, f32>) -> f32 {
    a.dot(&b)
}

/// `x · cᵀ`: similarities of every row of `x` to every row of `c` (rows L2-normalised).
pub fn similarities(x: ArrayView2<'_, f32>, c: ArrayView2<'_, f32>) -> Array2<f32> {
    x.dot(&c.t())
}

/// Index and value of the largest entry (first on ties); `None` for an empty row.
pub fn argmax(row: ArrayView1<'_, f32>) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &v) in row.iter().enumerate() {
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best
}

/// Top-2 (index, value) of a row: best and runner-up similarity.
pub fn top2(row: ArrayView1<'_, f32>) -> (usize, f32, f32) {
    let mut best = (0usize, f32::NEG_INFINITY);
    let mut second = f32::NEG_INFINITY;
    for (i, &v) in row.iter().enumerate() {
        if v > best.1 {
            second = best.1;
            best = (i, v);
        } else if v > second {
            second = v;
        }
    }
    (best.0, best.1, second)
}
