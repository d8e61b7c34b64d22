//! Stage 6, stable IDs: a theme keeps the ID of the previous run's theme it matches (so a rerun
//! on more answers does not rename what people already discuss), otherwise takes the next free
//! number; then themes are put largest first.

use std::collections::{BTreeSet, HashMap};

use crate::cluster::hungarian::{jaccard, max_weight_matching};
use crate::pipeline::model::{Lineage, Theme, ThemeModel};
use crate::unit::Unit;

/// Themes with their IDs, largest first.
pub(crate) struct Named {
    /// The themes, by respondents descending, then ID.
    pub themes: Vec<Theme>,
    /// `position[t]`: where the theme that stage 5 made `t`-th now is.
    pub position: Vec<usize>,
    /// The next free theme number.
    pub next_theme_number: usize,
}

/// Gives `themes` their IDs (carried over from `previous` where the member overlap reaches
/// `threshold`) and orders them largest first. `units` are the run's units in row order.
pub(crate) fn stable_ids(
    mut themes: Vec<Theme>,
    previous: Option<&ThemeModel>,
    threshold: f64,
    units: &[&Unit],
) -> Named {
    let next_theme_number = assign_ids(&mut themes, previous, threshold, units);
    let (themes, position) = largest_first(themes);
    Named {
        themes,
        position,
        next_theme_number,
    }
}

/// Gives every theme an ID: the matched previous theme's if their member overlap (Jaccard over
/// units present in both runs, optimal one-to-one matching) reaches `threshold`, else a new one.
/// Returns the next free theme number.
fn assign_ids(
    themes: &mut [Theme],
    previous: Option<&ThemeModel>,
    threshold: f64,
    units: &[&Unit],
) -> usize {
    let Some(prev) = previous else {
        for (i, t) in themes.iter_mut().enumerate() {
            t.id = format!("T-{:03}", i + 1);
        }
        return themes.len() + 1;
    };
    let now: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let before: BTreeSet<&str> = prev
        .assignments
        .iter()
        .map(|a| a.unit_id.as_str())
        .collect();
    let old_sets: Vec<Vec<usize>> = prev
        .themes
        .iter()
        .map(|t| {
            let mut v: Vec<usize> = t
                .members
                .iter()
                .filter_map(|m| now.get(m.as_str()).copied())
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    let new_sets: Vec<Vec<usize>> = themes
        .iter()
        .map(|t| {
            let mut v: Vec<usize> = t
                .members
                .iter()
                .filter(|m| before.contains(m.as_str()))
                .filter_map(|m| now.get(m.as_str()).copied())
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    let weights: Vec<Vec<f64>> = new_sets
        .iter()
        .map(|a| old_sets.iter().map(|b| jaccard(a, b)).collect())
        .collect();
    let matching = max_weight_matching(&weights);
    let mut next = prev.next_theme_number;
    for (i, t) in themes.iter_mut().enumerate() {
        match matching[i] {
            Some(j) if weights[i][j] >= threshold && weights[i][j] > 0.0 => {
                t.id = prev.themes[j].id.clone();
                t.lineage = Lineage::Kept;
                t.previous_overlap = Some(weights[i][j]);
            }
            m => {
                t.id = format!("T-{next:03}");
                next += 1;
                t.lineage = Lineage::New;
                t.previous_overlap = m.map(|j| weights[i][j]);
            }
        }
    }
    next
}

/// Themes by respondents descending, then ID; and where each input theme went.
fn largest_first(themes: Vec<Theme>) -> (Vec<Theme>, Vec<usize>) {
    let mut order: Vec<usize> = (0..themes.len()).collect();
    order.sort_by(|&a, &b| {
        themes[b]
            .respondents
            .cmp(&themes[a].respondents)
            .then(themes[a].id.cmp(&themes[b].id))
    });
    let mut position = vec![0usize; themes.len()];
    for (pos, &t) in order.iter().enumerate() {
        position[t] = pos;
    }
    let mut slots: Vec<Option<Theme>> = themes.into_iter().map(Some).collect();
    let themes: Vec<Theme> = order.iter().filter_map(|&t| slots[t].take()).collect();
    (themes, position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::fit::FitContext;
    use linfa::ParamGuard;

    use crate::pipeline::stages::test_support::{params, units};

    /// A theme with these members, one respondent each, as stage 5 leaves it.
    fn theme(members: &[&str]) -> Theme {
        Theme {
            id: String::new(),
            label: String::new(),
            keywords: Vec::new(),
            quotes: Vec::new(),
            members: members.iter().map(|m| (*m).to_owned()).collect(),
            respondents: members.len(),
            respondents_by_stream: Default::default(),
            languages: Default::default(),
            cohesion: 0.0,
            threshold: 0.0,
            lineage: Lineage::FirstRun,
            previous_overlap: None,
        }
    }

    #[test]
    fn a_first_run_numbers_themes_in_order_and_puts_the_largest_first() {
        let units = units();
        let refs: Vec<&Unit> = units.iter().collect();
        let themes = vec![
            theme(&["u00", "u01"]),
            theme(&["u02", "u03", "u04"]),
            theme(&["u05", "u06"]),
        ];
        let named = stable_ids(themes, None, 0.5, &refs);
        let ids: Vec<&str> = named.themes.iter().map(|t| t.id.as_str()).collect();
        // T-002 is largest; T-001 and T-003 tie and go by ID.
        assert_eq!(ids, ["T-002", "T-001", "T-003"]);
        assert_eq!(named.position, [1, 0, 2]);
        assert_eq!(named.next_theme_number, 4);
        assert!(named.themes.iter().all(|t| t.lineage == Lineage::FirstRun));
    }

    #[test]
    fn a_rerun_keeps_the_ids_of_matching_themes_and_numbers_new_ones_on() {
        let mut units = units();
        let p = params().check_unwrap();
        let previous = p.fit(&units, FitContext::new()).expect("fit");
        assert_eq!(previous.themes.len(), 2);
        units.push(Unit::new("v1", "a new need"));
        units.push(Unit::new("v2", "another new need"));
        units.sort_by(|a, b| a.id.cmp(&b.id));
        let refs: Vec<&Unit> = units.iter().collect();
        // The previous themes in the other order, the first losing one member; and a theme of
        // answers the previous run never saw.
        let first = &previous.themes[1].members;
        let second = &previous.themes[0].members;
        let themes = vec![
            theme(&first[1..].iter().map(String::as_str).collect::<Vec<_>>()),
            theme(&second.iter().map(String::as_str).collect::<Vec<_>>()),
            theme(&["v1", "v2"]),
        ];
        let named = stable_ids(themes, Some(&previous), 0.5, &refs);
        let by_id = |id: &str| named.themes.iter().find(|t| t.id == id).expect(id);
        let kept = by_id(&previous.themes[1].id);
        assert_eq!(kept.lineage, Lineage::Kept);
        assert_eq!(kept.members.len(), first.len() - 1);
        let overlap = (first.len() - 1) as f64 / first.len() as f64;
        assert_eq!(kept.previous_overlap, Some(overlap));
        assert_eq!(by_id(&previous.themes[0].id).previous_overlap, Some(1.0));
        let new = by_id(&format!("T-{:03}", previous.next_theme_number));
        assert_eq!(new.lineage, Lineage::New);
        assert_eq!(new.members, ["v1", "v2"]);
        assert_eq!(named.next_theme_number, previous.next_theme_number + 1);
    }
}
