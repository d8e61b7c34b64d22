//! Stage 7, assemble: the fitted [`ThemeModel`] from what the stages produced — every unit's
//! assignment under the final theme IDs, the unclassified group, PII and language counts, and
//! the frozen artefacts incremental assignment needs.

use std::collections::BTreeMap;

use super::choose_k::KDecision;
use super::cluster::Clustered;
use super::prepare::Corpus;
use super::reduce::Reduced;
use super::stable_ids::Named;
use crate::pipeline::fit::input_hash;
use crate::pipeline::model::{Assignment, ThemeModel, Unclassified};
use crate::pipeline::params::ThemeValidParams;
use crate::text::pii::PiiCounts;

/// The model of a run fitted with `p`.
pub(crate) fn assemble(
    p: &ThemeValidParams,
    corpus: Corpus<'_>,
    reduced: Reduced,
    k: KDecision,
    clustered: Clustered,
    named: Named,
) -> ThemeModel {
    let Corpus {
        units,
        prepared,
        vectorizer,
        n_respondents,
        ..
    } = corpus;
    let Named {
        themes,
        position,
        next_theme_number,
    } = named;
    let centroid_theme: Vec<Option<usize>> = clustered
        .centroid_theme
        .iter()
        .map(|t| t.map(|t| position[t]))
        .collect();
    let assignments: Vec<Assignment> = clustered
        .decided
        .iter()
        .enumerate()
        .map(|(i, (t, s, status))| Assignment {
            unit_id: units[i].id.clone(),
            theme: t.map(|t| themes[position[t]].id.clone()),
            similarity: *s,
            status: *status,
            lang: prepared[i].lang,
            detection: Some(prepared[i].detection),
        })
        .collect();
    let mut by_reason = BTreeMap::new();
    for a in assignments.iter().filter(|a| a.theme.is_none()) {
        *by_reason.entry(a.status).or_insert(0) += 1;
    }
    let mut pii = PiiCounts::default();
    let mut languages = BTreeMap::new();
    for q in &prepared {
        pii.add(&q.pii);
        *languages.entry(q.lang).or_insert(0) += 1;
    }
    let rep = reduced.represented;
    ThemeModel {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        params: p.clone(),
        input_hash: input_hash(&units),
        n_units: units.len(),
        n_respondents,
        pii,
        languages,
        k: k.k,
        k_choice: k.choice,
        vectorizer,
        svd: rep.svd,
        encoder_id: rep.encoder_id,
        encoder_info: rep.encoder_info,
        pca: rep.pca,
        smoothing: rep.smoothing,
        centroids: clustered.centroids,
        centroid_theme,
        thresholds: clustered.thresholds,
        themes,
        unclassified: Unclassified {
            members: clustered
                .unclassified
                .iter()
                .map(|&i| units[i].id.clone())
                .collect(),
            by_reason,
        },
        assignments,
        next_theme_number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::fit::FitContext;
    use crate::pipeline::stages::label::label;
    use crate::pipeline::stages::stable_ids::stable_ids;
    use linfa::ParamGuard;

    use crate::pipeline::stages::test_support::{clustered, params, units};
    use crate::unit::Unit;

    #[test]
    fn assignments_and_centres_follow_the_final_theme_order() {
        let mut units = units();
        units.push(Unit::new("zz", "n/a"));
        let p = params().check_unwrap();
        let (corpus, reduced, k, c) = clustered(&p, &units);
        let themes = label(&p, &corpus, &reduced, &c, &FitContext::new());
        let named = stable_ids(themes, None, p.id_threshold, &corpus.units);
        let sims = c.sims.clone();
        let kinds: Vec<_> = corpus.prepared.iter().map(|q| q.kind).collect();
        let model = assemble(&p, corpus, reduced, k, c, named);
        assert_eq!(model.n_units, 41);
        assert_eq!(model.assignments.len(), 41);
        for theme in &model.themes {
            for m in &theme.members {
                assert_eq!(model.theme_of(m), Some(theme.id.as_str()));
            }
        }
        // Deciding a unit again through the model's centre→theme map gives its assignment.
        for (i, a) in model.assignments.iter().enumerate() {
            let (t, _, _) = model.decide(sims.row(i), kinds[i]);
            assert_eq!(t.map(|t| model.themes[t].id.as_str()), a.theme.as_deref());
        }
        assert!(model.unclassified.members.contains(&"zz".to_owned()));
        assert_eq!(
            model.unclassified.by_reason.values().sum::<usize>(),
            model.unclassified.members.len()
        );
    }
}
