//! Weight trimming with redistribution (method.md §3.1): weights are held within
//! `[floor · mean, cap · mean]` and the trimmed amount is spread over the untrimmed cases in
//! proportion to their weights, so the total is preserved (`survey::trimWeights(strict = TRUE)`
//! semantics). Zero weights (respondents not drawn in a bootstrap replicate) stay zero.

/// Absolute bounds for a weight vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub lower: f64,
    pub upper: f64,
}

/// Absolute bounds from multiples of the mean positive weight.
pub(crate) fn bounds(weights: &[f64], floor: Option<f64>, cap: Option<f64>) -> Bounds {
    let (count, sum) = weights
        .iter()
        .filter(|w| **w > 0.0)
        .fold((0usize, 0.0), |(c, s), w| (c + 1, s + w));
    let mean = if count == 0 { 0.0 } else { sum / count as f64 };
    Bounds {
        lower: floor.map_or(0.0, |f| f * mean),
        upper: cap.map_or(f64::INFINITY, |c| c * mean),
    }
}

/// Whether all positive weights are within the bounds up to a relative tolerance.
pub(crate) fn within(weights: &[f64], b: Bounds, rel_tol: f64) -> bool {
    weights
        .iter()
        .filter(|w| **w > 0.0)
        .all(|&w| w <= b.upper * (1.0 + rel_tol) && w >= b.lower * (1.0 - rel_tol))
}

/// Trims `weights` in place to `b`, preserving their total. Caps are applied before floors;
/// a case once trimmed stays at its bound, and the free cases share one scale factor.
///
/// Because the free cases share one factor, the trimmed sets are always "every original
/// weight above a threshold" (capped) and "below a threshold" (floored): the fixed point is
/// found on the sorted weights with prefix sums, O(n log n) overall.
pub(crate) fn trim(weights: &mut [f64], b: Bounds) {
    let total: f64 = weights.iter().sum();
    let mut sorted: Vec<f64> = weights.iter().copied().filter(|w| *w > 0.0).collect();
    let n = sorted.len();
    if n == 0 {
        return;
    }
    // Equal keys under total_cmp are bit-identical, so an unstable sort is deterministic.
    sorted.sort_unstable_by(f64::total_cmp);
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0);
    for w in &sorted {
        prefix.push(prefix[prefix.len() - 1] + w);
    }
    // Capped: original weight > cap_at; floored: original weight < floor_at.
    let (mut cap_at, mut floor_at) = (f64::INFINITY, 0.0);
    let mut scale = 1.0;
    for _ in 0..=n {
        let k_floor = sorted.partition_point(|&w| w < floor_at);
        let k_cap = n - sorted.partition_point(|&w| w <= cap_at);
        if k_floor + k_cap >= n {
            break;
        }
        let free_sum = prefix[n - k_cap] - prefix[k_floor];
        let fixed = k_cap as f64 * b.upper + k_floor as f64 * b.lower;
        scale = (total - fixed) / free_sum;
        let (top, bottom) = (sorted[n - k_cap - 1], sorted[k_floor]);
        if top * scale > b.upper {
            cap_at = cap_at.min(b.upper / scale);
        } else if bottom * scale < b.lower {
            floor_at = floor_at.max(b.lower / scale);
        } else {
            break;
        }
    }
    for w in weights.iter_mut().filter(|w| **w > 0.0) {
        *w = if *w > cap_at {
            b.upper
        } else if *w < floor_at {
            b.lower
        } else {
            (*w * scale).clamp(b.lower, b.upper)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_preserves_total() {
        // mean 1 (total 10 over 10 cases); cap 2, floor 0.5.
        let mut w = vec![6.0, 0.1, 0.1, 0.4, 0.4, 0.6, 0.6, 0.6, 0.6, 0.6];
        let b = bounds(&w, Some(0.5), Some(2.0));
        assert!((b.lower - 0.5).abs() < 1e-12 && (b.upper - 2.0).abs() < 1e-12);
        trim(&mut w, b);
        assert!((w.iter().sum::<f64>() - 10.0).abs() < 1e-9);
        assert!(within(&w, b, 1e-12), "{w:?}");
        assert_eq!((w[0], w[1]), (b.upper, b.lower));
        // Free cases share the rest in proportion: 0.4 and 0.6 keep their 2 : 3 ratio.
        assert!((w[3] / w[5] - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn zero_weights_stay_zero() {
        let mut w = vec![0.0, 10.0, 1.0, 1.0, 1.0, 1.0];
        let b = bounds(&w, Some(0.2), Some(2.0));
        trim(&mut w, b);
        assert_eq!(w[0], 0.0);
        assert!((w.iter().sum::<f64>() - 14.0).abs() < 1e-9);
        assert!(within(&w, b, 1e-12), "{w:?}");
    }
}
