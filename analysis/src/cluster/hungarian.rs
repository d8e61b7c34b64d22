//! Optimal one-to-one assignment (Hungarian algorithm, O(n³)), used to match themes across runs
//! and clusters across resamples.

/// Maximum-weight matching on a `rows × cols` weight matrix (row-major).
/// Returns, for each row, the matched column (or `None` when there are more rows than columns).
pub fn max_weight_matching(weights: &[Vec<f64>]) -> Vec<Option<usize>> {
    let rows = weights.len();
    let cols = weights.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return vec![None; rows];
    }
    let n = rows.max(cols);
    let max_w = weights.iter().flatten().cloned().fold(0.0f64, f64::max);
    // Square cost matrix, 1-indexed as in the classic potential-based formulation.
    let cost = |i: usize, j: usize| -> f64 {
        if i <= rows && j <= cols {
            max_w - weights[i - 1][j - 1]
        } else {
            max_w
        }
    };
    let mut u = vec![0.0f64; n + 1];
    let mut v = vec![0.0f64; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![None; rows];
    for (j, &i) in p.iter().enumerate().take(n + 1).skip(1) {
        if i >= 1 && i <= rows && j <= cols {
            out[i - 1] = Some(j - 1);
        }
    }
    out
}

/// Jaccard index of two sorted, deduplicated index lists.
pub fn jaccard(a: &[usize], b: &[usize]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_optimum_not_the_greedy_choice() {
        // Greedy would take (0,0)=0.9 then (1,1)=0.1; optimum is (0,1)+(1,0) = 0.8+0.8.
        let w = vec![vec![0.9, 0.8], vec![0.8, 0.1]];
        assert_eq!(max_weight_matching(&w), vec![Some(1), Some(0)]);
    }

    #[test]
    fn rectangular() {
        let w = vec![vec![0.1, 0.7, 0.2]];
        assert_eq!(max_weight_matching(&w), vec![Some(1)]);
        let w = vec![vec![0.5], vec![0.9], vec![0.1]];
        assert_eq!(max_weight_matching(&w), vec![None, Some(0), None]);
    }

    #[test]
    fn jaccard_index() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
