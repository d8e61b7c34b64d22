//! Stage 1, prepare: puts the units in ID order (so input order never matters), prepares every
//! unit's text, checks there is enough content to fit on and learns the vocabulary. Its
//! [`Corpus`] is what every later stage indexes rows by.

use std::collections::BTreeSet;

use crate::classical::sparse::Csr;
use crate::classical::vectorizer::Vectorizer;
use crate::error::FitError;
use crate::pipeline::fit::FitContext;
use crate::pipeline::model::Stage;
use crate::pipeline::params::ThemeValidParams;
use crate::pipeline::prepare::{Prepared, UnitKind, prepare};
use crate::unit::Unit;

/// The units of a run, prepared; row `i` of every later matrix is `units[i]`.
pub(crate) struct Corpus<'u> {
    /// The units in ID order.
    pub units: Vec<&'u Unit>,
    /// Each unit prepared (same order).
    pub prepared: Vec<Prepared>,
    /// Rows with enough content to fit on.
    pub content: Vec<usize>,
    /// Vocabulary learnt from the content rows.
    pub vectorizer: Vectorizer,
    /// Term counts of every row.
    pub counts: Csr,
    /// Distinct respondents.
    pub n_respondents: usize,
    /// Respondents a cluster needs to be reported as a theme.
    pub min_theme_size: usize,
}

impl Corpus<'_> {
    /// Number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Counting features of every row.
    pub fn features(&self) -> Vec<&[String]> {
        features(&self.prepared)
    }
}

fn features(prepared: &[Prepared]) -> Vec<&[String]> {
    prepared.iter().map(|q| q.features.as_slice()).collect()
}

/// Sorts, prepares and vectorises `units`; fails on duplicate IDs, too little content for the
/// requested (or smallest searched) k, or an empty vocabulary.
pub(crate) fn prepare_corpus<'u>(
    p: &ThemeValidParams,
    units: &'u [Unit],
    ctx: &FitContext<'_>,
) -> Result<Corpus<'u>, FitError> {
    ctx.check()?;
    // Deterministic order: by unit ID.
    let mut sorted: Vec<&Unit> = units.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(w) = sorted.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(FitError::DuplicateId(w[0].id.clone()));
    }
    let n = sorted.len();
    ctx.report(Stage::Prepare, 0, n);
    let prepared = prepare(
        &sorted,
        p.default_language,
        p.stem,
        p.bigrams,
        p.min_content_tokens,
    );
    ctx.report(Stage::Prepare, n, n);
    ctx.check()?;
    let content: Vec<usize> = (0..n)
        .filter(|&i| prepared[i].kind == UnitKind::Content)
        .collect();
    let needed = p.k.unwrap_or(p.k_search.k_min).max(2) * 2;
    if content.len() < needed {
        return Err(FitError::TooFewDocuments {
            needed,
            got: content.len(),
        });
    }
    let all_features = features(&prepared);
    let content_features: Vec<&[String]> = content.iter().map(|&i| all_features[i]).collect();
    let vectorizer = Vectorizer::fit(&content_features, &p.vocabulary);
    if vectorizer.vocabulary().is_empty() {
        return Err(FitError::EmptyVocabulary);
    }
    let counts = vectorizer.counts(&all_features);
    let n_respondents = sorted
        .iter()
        .map(|u| u.respondent.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let min_theme_size = p
        .min_theme_size
        .max((p.min_theme_fraction * n_respondents as f64).ceil() as usize);
    Ok(Corpus {
        units: sorted,
        prepared,
        content,
        vectorizer,
        counts,
        n_respondents,
        min_theme_size,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use linfa::ParamGuard;

    use crate::pipeline::stages::test_support::{params, units};

    #[test]
    fn units_are_put_in_id_order_and_respondents_counted() {
        let mut shuffled = units();
        shuffled.reverse();
        // Two answers per respondent: 20 respondents; 5 % of them rounds up to 1, below the floor.
        let shuffled: Vec<Unit> = shuffled
            .into_iter()
            .map(|u| {
                let r = format!("r{}", &u.id[1..].parse::<usize>().unwrap_or(0) / 2);
                u.with_respondent(r)
            })
            .collect();
        let p = params().min_theme_fraction(0.05).check_unwrap();
        let corpus = prepare_corpus(&p, &shuffled, &FitContext::new()).expect("corpus");
        assert!(corpus.units.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(corpus.len(), 40);
        assert_eq!(corpus.n_respondents, 20);
        assert_eq!(corpus.min_theme_size, 2);
        assert_eq!(corpus.content.len(), 40);
        assert_eq!(corpus.counts.rows(), 40);
        // The respondent share wins once it is above the floor: 0.25 × 20 = 5.
        let p = params().min_theme_fraction(0.25).check_unwrap();
        let corpus = prepare_corpus(&p, &shuffled, &FitContext::new()).expect("corpus");
        assert_eq!(corpus.min_theme_size, 5);
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut all = units();
        all.push(all[7].clone());
        let err = prepare_corpus(&params().check_unwrap(), &all, &FitContext::new()).err();
        assert!(matches!(err, Some(FitError::DuplicateId(id)) if id == "u07"));
    }

    #[test]
    fn too_little_content_for_k_is_refused() {
        let mut few: Vec<Unit> = units().into_iter().take(3).collect();
        few.push(Unit::new("n/a", "n/a"));
        let err = prepare_corpus(&params().check_unwrap(), &few, &FitContext::new()).err();
        assert!(
            matches!(err, Some(FitError::TooFewDocuments { needed: 4, got: 3 })),
            "{err:?}"
        );
    }

    #[test]
    fn a_cancelled_fit_stops_before_preparing() {
        let cancel = AtomicBool::new(true);
        let err = prepare_corpus(
            &params().check_unwrap(),
            &units(),
            &FitContext::new().cancel(&cancel),
        )
        .err();
        assert!(matches!(err, Some(FitError::Cancelled)));
    }
}
