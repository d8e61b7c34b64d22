//! Class-based TF-IDF keywords per theme, diversified with MMR, and a short readable label
//! (method.md §2.1, §2.4).
//!
//! `W(x, c) = sqrt(tf(x, c) / Σ_x tf) · ln(1 + A / f_x)` with `A` the mean number of tokens
//! per class and `f_x` the frequency of `x` over all classes (BERTopic's c-TF-IDF with
//! `reduce_frequent_words`). MMR similarity between two candidate terms is the cosine of their
//! occurrence vectors over the theme's units, so near-synonyms that always co-occur
//! ("clean water" / "water") do not both fill the list.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::classical::sparse::Csr;

/// A keyword with its c-TF-IDF weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// Readable form (most frequent unstemmed surface).
    pub term: String,
    /// c-TF-IDF weight.
    pub weight: f64,
}

/// Keywords for every class. `classes[c]` lists the rows (of `counts`) in class `c`; rows in no
/// class still count towards term frequencies `f_x` (the unclassified group is a class too).
pub fn class_keywords(
    counts: &Csr,
    classes: &[Vec<usize>],
    unclassified: &[usize],
    display: &dyn Fn(u32) -> String,
    top_n: usize,
    diversity: f64,
) -> Vec<Vec<Keyword>> {
    let v = counts.cols();
    let mut all: Vec<&[usize]> = classes.iter().map(Vec::as_slice).collect();
    all.push(unclassified);
    let mut class_tf: Vec<HashMap<u32, f64>> = Vec::with_capacity(all.len());
    let mut f = vec![0.0f64; v];
    let mut total = 0.0;
    for rows in &all {
        let mut tf: HashMap<u32, f64> = HashMap::new();
        for &r in rows.iter() {
            let (cs, vs) = counts.row(r);
            for (&c, &x) in cs.iter().zip(vs) {
                *tf.entry(c).or_insert(0.0) += f64::from(x);
                f[c as usize] += f64::from(x);
                total += f64::from(x);
            }
        }
        class_tf.push(tf);
    }
    let a = total / all.len().max(1) as f64;
    classes
        .iter()
        .enumerate()
        .map(|(ci, rows)| {
            let tf = &class_tf[ci];
            let sum: f64 = tf.values().sum();
            if sum == 0.0 {
                return Vec::new();
            }
            let mut scored: Vec<(u32, f64)> = tf
                .iter()
                .map(|(&c, &x)| (c, (x / sum).sqrt() * (1.0 + a / f[c as usize]).ln()))
                .collect();
            scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            scored.truncate(top_n * 3);
            let picked = mmr_terms(counts, rows, &scored, top_n, diversity);
            picked
                .into_iter()
                .map(|(c, w)| Keyword {
                    term: display(c),
                    weight: w,
                })
                .collect()
        })
        .collect()
}

fn mmr_terms(
    counts: &Csr,
    rows: &[usize],
    cands: &[(u32, f64)],
    top_n: usize,
    lambda: f64,
) -> Vec<(u32, f64)> {
    if cands.is_empty() {
        return Vec::new();
    }
    let pos: HashMap<u32, usize> = cands
        .iter()
        .enumerate()
        .map(|(i, &(c, _))| (c, i))
        .collect();
    let m = cands.len();
    let mut co = vec![0.0f64; m * m];
    for &r in rows {
        let (cs, _) = counts.row(r);
        let present: Vec<usize> = cs.iter().filter_map(|c| pos.get(c).copied()).collect();
        for &i in &present {
            for &j in &present {
                co[i * m + j] += 1.0;
            }
        }
    }
    let sim = |i: usize, j: usize| {
        let d = (co[i * m + i] * co[j * m + j]).sqrt();
        if d > 0.0 { co[i * m + j] / d } else { 0.0 }
    };
    let max_rel = cands[0].1.max(f64::MIN_POSITIVE);
    let mut chosen: Vec<usize> = vec![0];
    while chosen.len() < top_n.min(m) {
        let mut best: Option<(usize, f64)> = None;
        for (i, cand) in cands.iter().enumerate().take(m) {
            if chosen.contains(&i) {
                continue;
            }
            let red = chosen.iter().map(|&j| sim(i, j)).fold(0.0, f64::max);
            let score = (1.0 - lambda) * cand.1 / max_rel - lambda * red;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        match best {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen.into_iter().map(|i| cands[i]).collect()
}

/// A short label from the first keywords: up to three, skipping any whose words are all
/// already in the label, joined with " · ".
pub fn label_from(keywords: &[Keyword]) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut parts: Vec<&str> = Vec::new();
    for k in keywords {
        if parts.len() == 3 {
            break;
        }
        let ws: Vec<&str> = k.term.split(' ').collect();
        if ws.iter().all(|w| words.contains(w)) {
            continue;
        }
        words.extend(ws);
        parts.push(&k.term);
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinctive_terms_rank_first_and_mmr_avoids_redundancy() {
        // columns: 0 water, 1 clean, 2 food, 3 need, 4 rice
        let rows = vec![
            vec![(0, 1.0), (1, 1.0), (3, 1.0)],
            vec![(0, 1.0), (1, 1.0), (3, 1.0)],
            vec![(0, 1.0), (1, 1.0), (4, 1.0)],
            vec![(2, 2.0), (3, 1.0), (4, 1.0)],
            vec![(2, 1.0), (3, 1.0), (4, 1.0)],
        ];
        let counts = Csr::from_rows(5, rows);
        let names = ["water", "clean", "food", "need", "rice"];
        let display = |c: u32| names[c as usize].to_string();
        let kw = class_keywords(&counts, &[vec![0, 1, 2], vec![3, 4]], &[], &display, 2, 0.0);
        assert_eq!(kw[1][0].term, "food");
        // With diversity, the second keyword of class 0 is not "clean" (always with "water").
        let kw = class_keywords(&counts, &[vec![0, 1, 2], vec![3, 4]], &[], &display, 2, 0.7);
        let terms: Vec<&str> = kw[0].iter().map(|k| k.term.as_str()).collect();
        assert!(terms.contains(&"water") || terms.contains(&"clean"));
        assert!(
            !(terms.contains(&"water") && terms.contains(&"clean")),
            "{terms:?}"
        );
    }

    #[test]
    fn labels_skip_contained_terms() {
        let k = |t: &str| Keyword {
            term: t.into(),
            weight: 1.0,
        };
        assert_eq!(
            label_from(&[
                k("water"),
                k("clean water"),
                k("water"),
                k("food"),
                k("tents")
            ]),
            "water · clean water · food"
        );
        assert_eq!(label_from(&[k("rent"), k("rent")]), "rent");
    }
}
