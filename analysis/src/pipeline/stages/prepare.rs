//! Stage 1, prepare: puts the units in ID order (so input order never matters), prepares every
//! unit's text, checks there is enough content to fit on and learns the vocabulary. Its
//! [`Corpus`] is what every later stage indexes rows by.
//!
//! Units are prepared a chunk at a time and each unit's tokens and features are replaced at once
//! by feature numbers (and the surface forms' counts), so a million reports need a few hundred
//! bytes each rather than the few kilobytes of their token strings (method.md §5).

use std::collections::{BTreeSet, HashMap};

use crate::classical::sparse::Csr;
use crate::classical::vectorizer::Vectorizer;
use crate::error::FitError;
use crate::pipeline::fit::FitContext;
use crate::pipeline::model::Stage;
use crate::pipeline::params::ThemeValidParams;
use crate::pipeline::prepare::{Prepared, UnitKind, prepare};
use crate::text::tokenize::Tokens;
use crate::unit::Unit;

/// Units prepared at a time before their tokens are folded into feature numbers.
const PREPARE_CHUNK: usize = 20_000;

/// The units of a run, prepared; row `i` of every later matrix is `units[i]`.
pub(crate) struct Corpus<'u> {
    /// The units in ID order.
    pub units: Vec<&'u Unit>,
    /// Each unit prepared (same order), its `tokens` and `features` emptied once counted (they
    /// are in `counts` and `display`).
    pub prepared: Vec<Prepared>,
    /// Rows with enough content to fit on.
    pub content: Vec<usize>,
    /// Vocabulary learnt from the content rows.
    pub vectorizer: Vectorizer,
    /// Term counts of every row.
    pub counts: Csr,
    /// The readable (most frequent unstemmed) form of every vocabulary column.
    pub display: Vec<String>,
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
    let (prepared, folded) = prepare_folded(p, &sorted, PREPARE_CHUNK, ctx)?;
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
    let vectorizer = folded
        .vectorizer(&content, &p.vocabulary)
        .with_idf_power(p.idf_power);
    if vectorizer.vocabulary().is_empty() {
        return Err(FitError::EmptyVocabulary);
    }
    let counts = folded.counts(&vectorizer);
    let display = folded.surfaces.display(&vectorizer);
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
        display,
        n_respondents,
        min_theme_size,
    })
}

/// Every unit's features as numbers into one list of distinct features, and the surface forms.
#[derive(Default)]
struct Folded {
    /// Number of each distinct feature.
    numbers: HashMap<String, u32>,
    /// Each number's feature.
    names: Vec<String>,
    /// Each unit's features, as numbers, in their order.
    docs: Vec<Vec<u32>>,
    surfaces: SurfaceCounts,
}

impl Folded {
    /// Folds one prepared unit in and drops its token strings.
    fn add(&mut self, q: &mut Prepared) {
        let doc = q
            .features
            .drain(..)
            .map(|f| match self.numbers.get(&f) {
                Some(&k) => k,
                None => {
                    let k = self.names.len() as u32;
                    self.names.push(f.clone());
                    self.numbers.insert(f, k);
                    k
                }
            })
            .collect();
        self.docs.push(doc);
        self.surfaces.add(&q.tokens);
        q.features = Vec::new();
        q.tokens = Tokens::default();
    }

    /// The vocabulary of the `content` rows, as [`Vectorizer::fit`] learns it from their features.
    fn vectorizer(
        &self,
        content: &[usize],
        settings: &crate::classical::vectorizer::VocabularySettings,
    ) -> Vectorizer {
        let mut df = vec![0u32; self.names.len()];
        let mut seen: Vec<u32> = Vec::new();
        for &i in content {
            seen.clear();
            seen.extend_from_slice(&self.docs[i]);
            seen.sort_unstable();
            seen.dedup();
            for &k in &seen {
                df[k as usize] += 1;
            }
        }
        let frequencies = self
            .names
            .iter()
            .zip(&df)
            .filter(|&(_, &d)| d > 0)
            .map(|(name, &d)| (name.as_str(), d));
        Vectorizer::from_document_frequencies(frequencies, content.len(), settings)
    }

    /// Every unit's counts over `vectorizer`'s columns, as [`Vectorizer::counts`] makes them.
    fn counts(&self, vectorizer: &Vectorizer) -> Csr {
        let column: Vec<Option<u32>> = self.names.iter().map(|f| vectorizer.column(f)).collect();
        let rows = self
            .docs
            .iter()
            .map(|doc| {
                let mut cols: Vec<u32> = doc.iter().filter_map(|&k| column[k as usize]).collect();
                cols.sort_unstable();
                let mut row: Vec<(u32, f32)> = Vec::with_capacity(cols.len());
                for c in cols {
                    match row.last_mut() {
                        Some((last, n)) if *last == c => *n += 1.0,
                        _ => row.push((c, 1.0)),
                    }
                }
                row
            })
            .collect();
        Csr::from_rows(vectorizer.vocabulary().len(), rows)
    }
}

/// Prepares `units` `chunk` at a time, folding each chunk's features and surfaces in at once.
fn prepare_folded(
    p: &ThemeValidParams,
    units: &[&Unit],
    chunk: usize,
    ctx: &FitContext<'_>,
) -> Result<(Vec<Prepared>, Folded), FitError> {
    let mut prepared = Vec::with_capacity(units.len());
    let mut folded = Folded {
        docs: Vec::with_capacity(units.len()),
        ..Folded::default()
    };
    for part in units.chunks(chunk.max(1)) {
        let mut batch = prepare(
            part,
            p.default_language,
            p.stem,
            p.bigrams,
            p.min_content_tokens,
        );
        for q in &mut batch {
            folded.add(q);
        }
        prepared.extend(batch);
        ctx.report(Stage::Prepare, prepared.len(), units.len());
        ctx.check()?;
    }
    Ok((prepared, folded))
}

/// How often each term was written in each unstemmed form.
#[derive(Default)]
pub(crate) struct SurfaceCounts(HashMap<String, HashMap<String, u32>>);

impl SurfaceCounts {
    /// Counts the forms of one unit's terms.
    pub(crate) fn add(&mut self, tokens: &Tokens) {
        for (t, s) in tokens.terms.iter().zip(&tokens.surfaces) {
            let forms = match self.0.get_mut(t.as_str()) {
                Some(forms) => forms,
                None => self.0.entry(t.clone()).or_default(),
            };
            match forms.get_mut(s.as_str()) {
                Some(n) => *n += 1,
                None => {
                    forms.insert(s.clone(), 1);
                }
            }
        }
    }

    /// Readable surface of every vocabulary column (most frequent unstemmed form; the first in
    /// lexicographic order among equally frequent ones).
    pub(crate) fn display(&self, vec: &Vectorizer) -> Vec<String> {
        let best = |term: &str| -> String {
            self.0
                .get(term)
                .and_then(|m| {
                    m.iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(s, _)| s.clone())
                })
                .unwrap_or_else(|| term.to_owned())
        };
        vec.vocabulary()
            .iter()
            .map(|t| t.split(' ').map(best).collect::<Vec<_>>().join(" "))
            .collect()
    }
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
    fn preparing_in_chunks_counts_as_preparing_at_once() {
        let mut units = units();
        units.push(Unit::new("v1", "Buses buses BUS late, the trees!"));
        units.push(Unit::new("v2", "n/a"));
        let refs: Vec<&Unit> = units.iter().collect();
        let p = params().check_unwrap();
        let whole = prepare(
            &refs,
            p.default_language,
            p.stem,
            p.bigrams,
            p.min_content_tokens,
        );
        let features: Vec<&[String]> = whole.iter().map(|q| q.features.as_slice()).collect();
        let content: Vec<usize> = (0..whole.len())
            .filter(|&i| whole[i].kind == UnitKind::Content)
            .collect();
        let content_features: Vec<&[String]> = content.iter().map(|&i| features[i]).collect();
        let expected = Vectorizer::fit(&content_features, &p.vocabulary);
        let mut surfaces = SurfaceCounts::default();
        whole.iter().for_each(|q| surfaces.add(&q.tokens));
        for chunk in [1, 3, 7, 1000] {
            let (prepared, folded) =
                prepare_folded(&p, &refs, chunk, &FitContext::new()).expect("prepared");
            assert!(
                prepared
                    .iter()
                    .all(|q| q.features.is_empty() && q.tokens.terms.is_empty())
            );
            assert_eq!(
                prepared
                    .iter()
                    .map(|q| (&q.text, q.kind))
                    .collect::<Vec<_>>(),
                whole.iter().map(|q| (&q.text, q.kind)).collect::<Vec<_>>()
            );
            let vectorizer = folded.vectorizer(&content, &p.vocabulary);
            assert_eq!(vectorizer, expected, "chunk {chunk}");
            let counts = folded.counts(&vectorizer);
            let direct = expected.counts(&features);
            for i in 0..refs.len() {
                assert_eq!(counts.row(i), direct.row(i), "chunk {chunk}, row {i}");
            }
            assert_eq!(
                folded.surfaces.display(&vectorizer),
                surfaces.display(&expected)
            );
        }
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
