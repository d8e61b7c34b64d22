//! Representative quotes per theme: near the centre, diverse, one per respondent
//! (method.md §2.3). Quotes are the scrubbed text in its original language.

use ndarray::ArrayView2;

/// Picks up to `n` member rows of `z` as quotes.
///
/// Candidates are members whose text has `min_words..=max_words` words (relaxed to all members
/// when too few qualify), at most one per respondent, the 50 most similar to the centroid;
/// then MMR with `lambda` trades centrality against similarity to already-chosen quotes.
#[allow(clippy::too_many_arguments)]
pub fn pick_quotes<'a>(
    z: ArrayView2<'_, f32>,
    members: &[usize],
    sim_to_centre: &[f32],
    respondent: &dyn Fn(usize) -> &'a str,
    words: &dyn Fn(usize) -> usize,
    n: usize,
    lambda: f32,
) -> Vec<usize> {
    let mut cands: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| (8..=60).contains(&words(i)))
        .collect();
    if cands.len() < n {
        cands = members.iter().copied().filter(|&i| words(i) >= 3).collect();
    }
    if cands.len() < n {
        cands = members.to_vec();
    }
    cands.sort_by(|&a, &b| {
        sim_to_centre[b]
            .total_cmp(&sim_to_centre[a])
            .then(a.cmp(&b))
    });
    let mut seen = std::collections::HashSet::new();
    cands.retain(|&i| seen.insert(respondent(i).to_owned()));
    cands.truncate(50);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < n && chosen.len() < cands.len() {
        let mut best: Option<(usize, f32)> = None;
        for &i in &cands {
            if chosen.contains(&i) {
                continue;
            }
            let red = chosen
                .iter()
                .map(|&j| z.row(i).dot(&z.row(j)))
                .fold(f32::NEG_INFINITY, f32::max);
            let red = if chosen.is_empty() { 0.0 } else { red };
            let score = (1.0 - lambda) * sim_to_centre[i] - lambda * red;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        match best {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn central_first_then_diverse_and_one_per_respondent() {
        let z = array![
            [1.0f32, 0.0],
            [0.99, 0.14],
            [0.99, 0.14],
            [0.8, 0.6],
            [0.6, 0.8]
        ];
        let sims = [0.95f32, 0.94, 0.94, 0.8, 0.6];
        let resp = ["a", "b", "b", "c", "d"];
        let q = pick_quotes(
            z.view(),
            &[0, 1, 2, 3, 4],
            &sims,
            &|i| resp[i],
            &|_| 10,
            3,
            0.5,
        );
        assert_eq!(q[0], 0);
        assert!(
            !(q.contains(&1) && q.contains(&2)),
            "one quote per respondent: {q:?}"
        );
        assert!(q.contains(&3), "a diverse quote is chosen: {q:?}");
    }
}
