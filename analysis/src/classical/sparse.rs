//! A minimal CSR sparse matrix: just what TF-IDF and the randomized SVD need.

use ndarray::{Array2, ArrayView2, Axis};
use rayon::prelude::*;

/// Compressed sparse rows with `f32` values and `u32` column indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    rows: usize,
    cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl Csr {
    /// Builds a matrix from per-row `(column, value)` lists (columns sorted and unique per row).
    pub fn from_rows(cols: usize, rows: Vec<Vec<(u32, f32)>>) -> Self {
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        let nnz = rows.iter().map(Vec::len).sum();
        let mut indices = Vec::with_capacity(nnz);
        let mut values = Vec::with_capacity(nnz);
        indptr.push(0);
        for row in &rows {
            for &(c, v) in row {
                indices.push(c);
                values.push(v);
            }
            indptr.push(indices.len());
        }
        Csr {
            rows: rows.len(),
            cols,
            indptr,
            indices,
            values,
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.values.len()
    }

    /// The stored `(columns, values)` of row `i`.
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        (&self.indices[a..b], &self.values[a..b])
    }

    /// The transpose, also in CSR form (i.e. this matrix in CSC form).
    pub fn transpose(&self) -> Csr {
        let mut counts = vec![0usize; self.cols + 1];
        for &c in &self.indices {
            counts[c as usize + 1] += 1;
        }
        for i in 0..self.cols {
            counts[i + 1] += counts[i];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut values = vec![0f32; self.nnz()];
        for r in 0..self.rows {
            let (cs, vs) = self.row(r);
            for (&c, &v) in cs.iter().zip(vs) {
                let slot = next[c as usize];
                indices[slot] = r as u32;
                values[slot] = v;
                next[c as usize] += 1;
            }
        }
        Csr {
            rows: self.cols,
            cols: self.rows,
            indptr,
            indices,
            values,
        }
    }

    /// `self · dense` (rows × dense.ncols), rows computed in parallel; deterministic.
    pub fn dot_dense(&self, dense: ArrayView2<'_, f64>) -> Array2<f64> {
        assert_eq!(self.cols, dense.nrows(), "shape mismatch in sparse · dense");
        let mut out = Array2::<f64>::zeros((self.rows, dense.ncols()));
        out.axis_iter_mut(Axis(0))
            .into_par_iter()
            .enumerate()
            .for_each(|(i, mut row)| {
                let (cs, vs) = self.row(i);
                for (&c, &v) in cs.iter().zip(vs) {
                    row.scaled_add(f64::from(v), &dense.row(c as usize));
                }
            });
        out
    }

    /// Dense copy (tests and small inputs only).
    pub fn to_dense(&self) -> Array2<f64> {
        let mut out = Array2::zeros((self.rows, self.cols));
        for i in 0..self.rows {
            let (cs, vs) = self.row(i);
            for (&c, &v) in cs.iter().zip(vs) {
                out[[i, c as usize]] = f64::from(v);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn transpose_and_products_match_dense() {
        let m = Csr::from_rows(3, vec![vec![(0, 1.0), (2, 2.0)], vec![], vec![(1, 3.0)]]);
        let d = m.to_dense();
        assert_eq!(m.transpose().to_dense(), d.t());
        let b = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
        assert_eq!(m.dot_dense(b.view()), d.dot(&b));
    }
}
