//! External clustering metrics against reference labels: NMI (arithmetic normalisation, as
//! scikit-learn's default), adjusted Rand index and V-measure (method.md §4.1).

use std::collections::BTreeMap;

/// Scores of a clustering against reference labels.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ClusterScores {
    /// Normalised mutual information.
    pub nmi: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Homogeneity.
    pub homogeneity: f64,
    /// Completeness.
    pub completeness: f64,
    /// V-measure (harmonic mean of homogeneity and completeness).
    pub v_measure: f64,
}

fn contingency<A: Ord + Clone, B: Ord + Clone>(
    truth: &[A],
    pred: &[B],
) -> (Vec<Vec<f64>>, Vec<f64>, Vec<f64>) {
    let ti: BTreeMap<A, usize> = truth
        .iter()
        .cloned()
        .map(|t| (t, 0))
        .collect::<BTreeMap<_, _>>()
        .into_keys()
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    let pi: BTreeMap<B, usize> = pred
        .iter()
        .cloned()
        .map(|p| (p, 0))
        .collect::<BTreeMap<_, _>>()
        .into_keys()
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    let mut m = vec![vec![0.0; pi.len()]; ti.len()];
    for (t, p) in truth.iter().zip(pred) {
        m[ti[t]][pi[p]] += 1.0;
    }
    let a = m.iter().map(|r| r.iter().sum()).collect();
    let b = (0..pi.len())
        .map(|j| m.iter().map(|r| r[j]).sum())
        .collect();
    (m, a, b)
}

fn entropy(counts: &[f64], n: f64) -> f64 {
    counts
        .iter()
        .filter(|&&c| c > 0.0)
        .map(|&c| -(c / n) * (c / n).ln())
        .sum()
}

/// Computes NMI, ARI and V-measure. Panics never; empty input scores 1.0 by convention.
pub fn cluster_scores<A: Ord + Clone, B: Ord + Clone>(truth: &[A], pred: &[B]) -> ClusterScores {
    let n = truth.len().min(pred.len()) as f64;
    if n == 0.0 {
        return ClusterScores {
            nmi: 1.0,
            ari: 1.0,
            homogeneity: 1.0,
            completeness: 1.0,
            v_measure: 1.0,
        };
    }
    let (m, a, b) = contingency(&truth[..n as usize], &pred[..n as usize]);
    let (ht, hp) = (entropy(&a, n), entropy(&b, n));
    let mut mi = 0.0;
    for (i, row) in m.iter().enumerate() {
        for (j, &c) in row.iter().enumerate() {
            if c > 0.0 {
                mi += (c / n) * ((c * n) / (a[i] * b[j])).ln();
            }
        }
    }
    let nmi = if ht == 0.0 && hp == 0.0 {
        1.0
    } else if ht + hp == 0.0 {
        0.0
    } else {
        mi / ((ht + hp) / 2.0)
    };
    let homogeneity = if ht == 0.0 { 1.0 } else { mi / ht };
    let completeness = if hp == 0.0 { 1.0 } else { mi / hp };
    let v_measure = if homogeneity + completeness == 0.0 {
        0.0
    } else {
        2.0 * homogeneity * completeness / (homogeneity + completeness)
    };
    let c2 = |x: f64| x * (x - 1.0) / 2.0;
    let sum_ij: f64 = m.iter().flatten().map(|&c| c2(c)).sum();
    let sum_a: f64 = a.iter().map(|&x| c2(x)).sum();
    let sum_b: f64 = b.iter().map(|&x| c2(x)).sum();
    let expected = sum_a * sum_b / c2(n);
    let max = 0.5 * (sum_a + sum_b);
    let ari = if (max - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (sum_ij - expected) / (max - expected)
    };
    ClusterScores {
        nmi: nmi.clamp(0.0, 1.0),
        ari,
        homogeneity,
        completeness,
        v_measure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_permuted() {
        let s = cluster_scores(&[0, 0, 1, 1, 2, 2], &[5, 5, 3, 3, 9, 9]);
        assert!(
            (s.nmi - 1.0).abs() < 1e-12
                && (s.ari - 1.0).abs() < 1e-12
                && (s.v_measure - 1.0).abs() < 1e-12
        );
    }

    #[test]
    fn matches_scikit_learn_values() {
        // sklearn: normalized_mutual_info_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.5158037429793889
        //          adjusted_rand_score(...) = 0.24242424242424246, v_measure_score = 0.5158037429793889
        let s = cluster_scores(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        assert!((s.nmi - 0.515_803_742_979_388_9).abs() < 1e-12, "{}", s.nmi);
        assert!(
            (s.ari - 0.242_424_242_424_242_46).abs() < 1e-12,
            "{}",
            s.ari
        );
        assert!((s.v_measure - 0.515_803_742_979_388_9).abs() < 1e-12);
    }
}
