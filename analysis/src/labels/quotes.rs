//! Representative quotes per theme: near the centre, diverse, one per respondent, and at least
//! one from every stream the theme draws on when there are quotes enough (method.md §2.3).
//! Quotes are the scrubbed text in its original language.

use ndarray::ArrayView2;

use crate::unit::Stream;

/// Picks up to `n` member rows of `z` as quotes.
///
/// Candidates are members whose text has `min_words..=max_words` words (relaxed to all members
/// when too few qualify), at most one per respondent, the 50 most similar to the centroid (and
/// the most similar of each stream beyond them); then MMR with `lambda` trades centrality against
/// similarity to already-chosen quotes. When the slots left are no more than the streams not yet
/// quoted, the next quote comes from one of those streams: a theme raised in residents' answers
/// and in a partner's interview notes shows both, which is what staff cite it by.
#[allow(clippy::too_many_arguments)]
pub fn pick_quotes<'a>(
    z: ArrayView2<'_, f32>,
    members: &[usize],
    sim_to_centre: &[f32],
    respondent: &dyn Fn(usize) -> &'a str,
    stream: &dyn Fn(usize) -> Stream,
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
    let mut streams: Vec<Stream> = Vec::new();
    let mut pool: Vec<usize> = Vec::new();
    for (rank, &i) in cands.iter().enumerate() {
        let s = stream(i);
        let new_stream = !streams.contains(&s);
        if new_stream {
            streams.push(s);
        }
        if rank < 50 || new_stream {
            pool.push(i);
        }
    }
    let slots = n.min(pool.len());
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < slots {
        let uncovered: Vec<Stream> = streams
            .iter()
            .copied()
            .filter(|&s| !chosen.iter().any(|&j| stream(j) == s))
            .collect();
        let restrict = !uncovered.is_empty() && uncovered.len() >= slots - chosen.len();
        let mut best: Option<(usize, f32)> = None;
        for &i in &pool {
            if chosen.contains(&i) || (restrict && !uncovered.contains(&stream(i))) {
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
            &|_| Stream::Resident,
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

    #[test]
    fn every_stream_is_quoted_when_there_are_slots_enough() {
        // Four residents near the centre, one interview passage far from it.
        let z = array![
            [1.0f32, 0.0],
            [0.99, 0.14],
            [0.98, 0.2],
            [0.97, 0.24],
            [0.6, 0.8]
        ];
        let sims = [0.95f32, 0.94, 0.93, 0.92, 0.5];
        let resp = ["a", "b", "c", "d", "doc"];
        let streams = |i: usize| {
            if i == 4 {
                Stream::InterviewNotes
            } else {
                Stream::Resident
            }
        };
        // Pure centrality (no diversity term), so only the stream rule moves a pick.
        let pick = |members: &[usize], n: usize| {
            pick_quotes(
                z.view(),
                members,
                &sims,
                &|i| resp[i],
                &streams,
                &|_| 10,
                n,
                0.0,
            )
        };
        let all = [0, 1, 2, 3, 4];
        // Pure centrality would take the four residents; the last slot goes to the notes.
        assert_eq!(pick(&all, 3), vec![0, 1, 4]);
        assert_eq!(pick(&all, 4), vec![0, 1, 2, 4]);
        // One slot: the most central quote, whatever its stream.
        assert_eq!(pick(&all, 1), vec![0]);
        // One stream alone: centrality decides.
        assert_eq!(pick(&[0, 1, 2, 3], 3), vec![0, 1, 2]);
    }
}
