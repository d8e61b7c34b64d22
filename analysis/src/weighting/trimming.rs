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

#[derive(Clone, Copy, PartialEq)]
enum State {
    Zero,
    Free,
    Cap,
    Floor,
}

/// Trims `weights` in place to `b`, preserving their total. Caps are applied before floors;
/// a case once trimmed stays at its bound.
pub(crate) fn trim(weights: &mut [f64], b: Bounds) {
    let total: f64 = weights.iter().sum();
    let orig = weights.to_vec();
    let mut state: Vec<State> = orig
        .iter()
        .map(|&w| if w > 0.0 { State::Free } else { State::Zero })
        .collect();
    let positive = state.iter().filter(|s| **s == State::Free).count();
    if positive == 0 {
        return;
    }
    let mut scale = 1.0;
    for _ in 0..=positive {
        let (mut fixed, mut free_sum) = (0.0, 0.0);
        for (s, &o) in state.iter().zip(&orig) {
            match s {
                State::Cap => fixed += b.upper,
                State::Floor => fixed += b.lower,
                State::Free => free_sum += o,
                State::Zero => {}
            }
        }
        if free_sum <= 0.0 {
            break;
        }
        scale = (total - fixed) / free_sum;
        let mut changed = false;
        for (s, &o) in state.iter_mut().zip(&orig) {
            if *s == State::Free && o * scale > b.upper {
                *s = State::Cap;
                changed = true;
            }
        }
        if !changed {
            for (s, &o) in state.iter_mut().zip(&orig) {
                if *s == State::Free && o * scale < b.lower {
                    *s = State::Floor;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for ((w, s), &o) in weights.iter_mut().zip(&state).zip(&orig) {
        *w = match s {
            State::Zero => 0.0,
            State::Cap => b.upper,
            State::Floor => b.lower,
            State::Free => (o * scale).clamp(b.lower, b.upper),
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
