//! Stage 2, reduce: turns the prepared units into the vectors that are clustered — TF-IDF
//! reduced by LSA (classical), or sentence embeddings reduced by PCA, smoothed over their
//! neighbourhood and optionally blended with LSA (semantic). What it learns (LSA components,
//! PCA, smoothing references) is kept in the model so that incremental assignment
//! (`pipeline::assign`) represents new units the same way; that module reuses [`blend`] and
//! [`embed_prepared`] for it.

use std::sync::atomic::AtomicBool;

use ndarray::{Array2, ArrayView2, Axis, Slice};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256Plus;

use super::prepare::Corpus;
use crate::classical::sparse::Csr;
use crate::classical::svd::{TruncatedSvd, project, randomized_svd};
use crate::classical::vectorizer::Vectorizer;
use crate::error::FitError;
use crate::pipeline::fit::{FitContext, ProgressFn};
use crate::pipeline::model::Stage;
use crate::pipeline::params::{Representation, ThemeValidParams};
use crate::pipeline::prepare::{Prepared, UnitKind};
use crate::semantic::cache::EmbeddingCache;
use crate::semantic::encoder::Embedder;
use crate::semantic::neighbours::{NeighbourSmoothing, Smoothing};
use crate::semantic::pca::Pca;

/// The frozen representation of a run.
pub(crate) struct Represented {
    pub z: Array2<f32>,
    pub svd: Option<TruncatedSvd>,
    pub encoder_id: Option<String>,
    pub encoder_info: Option<crate::semantic::encoder::EncoderInfo>,
    pub pca: Option<Pca>,
    pub smoothing: Option<NeighbourSmoothing>,
    /// The vectors before smoothing, on which the k search judges cluster separation.
    pub unsmoothed: Option<Array2<f32>>,
}

/// The representation and the rows that are clustered.
pub(crate) struct Reduced {
    /// Every unit's vector and what produced it.
    pub represented: Represented,
    /// The content rows of `represented.z`, in `Corpus::content` order.
    pub content_z: Array2<f32>,
}

/// Represents every unit of `corpus` as `p.representation` asks.
pub(crate) fn reduce(
    p: &ThemeValidParams,
    corpus: &Corpus<'_>,
    ctx: &mut FitContext<'_>,
) -> Result<Reduced, FitError> {
    let content = &corpus.content;
    let rep = match p.representation {
        Representation::Classical => {
            ctx.report(Stage::Reduce, 0, 1);
            let r = classical(p, &corpus.vectorizer, &corpus.counts, content)?;
            ctx.report(Stage::Reduce, 1, 1);
            r
        }
        Representation::Semantic => {
            let mut r = semantic(p, &corpus.prepared, content, corpus.min_theme_size, ctx)?;
            if p.lexical_weight > 0.0 {
                let lexical = classical(p, &corpus.vectorizer, &corpus.counts, content)?;
                r.z = blend(r.z.view(), lexical.z.view(), p.lexical_weight);
                r.unsmoothed = r
                    .unsmoothed
                    .map(|u| blend(u.view(), lexical.z.view(), p.lexical_weight));
                r.svd = lexical.svd;
            }
            r
        }
    };
    ctx.check()?;
    let content_z = rep.z.select(Axis(0), content);
    Ok(Reduced {
        represented: rep,
        content_z,
    })
}

/// LSA dimensions for `n_content` content rows and a vocabulary of `n_terms`: small corpora get
/// one dimension per ten rows (at least two); never as many as there are terms.
fn lsa_dims(requested: usize, n_content: usize, n_terms: usize) -> usize {
    let dims = if n_content < 2000 {
        requested.min((n_content / 10).max(2))
    } else {
        requested
    };
    dims.min(n_terms.saturating_sub(1).max(1))
}

/// Content rows beyond which the LSA basis is fitted on a seeded sample of this many of them,
/// and every row then projected on it (method.md §5.3: a million rows fit in a few gigabytes).
const SVD_FIT_ROWS: usize = 200_000;
/// Rows whose TF-IDF is built and projected at a time.
const PROJECT_CHUNK: usize = 50_000;

/// The content rows the LSA basis is fitted on: all of them up to `cap`, else a seeded sample of
/// `cap`, in row order.
fn svd_fit_rows(content: &[usize], cap: usize, seed: u64) -> Vec<usize> {
    if content.len() <= cap {
        return content.to_vec();
    }
    let mut rows = content.to_vec();
    rows.shuffle(&mut Xoshiro256Plus::seed_from_u64(seed ^ 0x15A_5A3E));
    rows.truncate(cap);
    rows.sort_unstable();
    rows
}

/// Every row of `counts` as TF-IDF projected on `svd`, `chunk` rows at a time (each row's
/// projection depends on that row alone).
fn project_all(
    vectorizer: &Vectorizer,
    counts: &Csr,
    svd: &TruncatedSvd,
    chunk: usize,
) -> Array2<f32> {
    let n = counts.rows();
    let mut z = Array2::<f32>::zeros((n, svd.components.ncols()));
    for start in (0..n).step_by(chunk.max(1)) {
        let end = (start + chunk.max(1)).min(n);
        let part = project(&vectorizer.tfidf_of_counts(counts, start..end), svd);
        z.slice_axis_mut(Axis(0), Slice::from(start..end))
            .assign(&part);
    }
    z
}

fn classical(
    p: &ThemeValidParams,
    vectorizer: &Vectorizer,
    counts: &Csr,
    content: &[usize],
) -> Result<Represented, FitError> {
    let fit_rows = svd_fit_rows(content, SVD_FIT_ROWS, p.seed);
    let xc = vectorizer.tfidf_of_counts(counts, fit_rows);
    let dims = lsa_dims(p.lsa_dims, content.len(), xc.cols());
    let svd = randomized_svd(&xc, dims, p.svd_oversample, p.svd_power_iters, p.seed)?;
    drop(xc);
    let z = project_all(vectorizer, counts, &svd, PROJECT_CHUNK);
    Ok(Represented {
        z,
        svd: Some(svd),
        encoder_id: None,
        encoder_info: None,
        pca: None,
        smoothing: None,
        unsmoothed: None,
    })
}

/// A neighbourhood must fit inside the smallest theme that may be reported, or smoothing would
/// blend that theme into its neighbours.
fn within_theme(settings: Smoothing, min_theme_size: usize) -> Smoothing {
    Smoothing {
        neighbours: settings.neighbours.min(min_theme_size).max(1),
        ..settings
    }
}

fn semantic(
    p: &ThemeValidParams,
    prepared: &[Prepared],
    content: &[usize],
    min_theme_size: usize,
    ctx: &mut FitContext<'_>,
) -> Result<Represented, FitError> {
    let encoder = ctx.encoder.ok_or(FitError::MissingEncoder)?;
    let z = embed_prepared(
        prepared,
        encoder,
        ctx.cache.as_deref_mut(),
        ctx.progress,
        ctx.cancel,
    )?;
    let pca = match p.semantic_dims {
        Some(d) if d < z.ncols() => Some(Pca::fit(z.select(Axis(0), content).view(), d)?),
        _ => None,
    };
    let z = match &pca {
        Some(pca) => pca.transform(z.view()),
        None => z,
    };
    let (z, smoothing, unsmoothed) = match p.smoothing {
        Some(settings) if content.len() >= settings.min_units => {
            let settings = within_theme(settings, min_theme_size);
            let (s, own) = NeighbourSmoothing::fit(z.view(), content, settings, p.seed);
            (s.apply(z.view(), &own), Some(s), Some(z))
        }
        _ => (z, None, None),
    };
    Ok(Represented {
        z,
        svd: None,
        encoder_id: Some(encoder.model_id().to_owned()),
        encoder_info: encoder.info(),
        pca,
        smoothing,
        unsmoothed,
    })
}

/// Rows `[√(1−w)·a, √w·b]`, L2-normalised: for unit rows, cosine similarity becomes
/// `(1−w)·cos_a + w·cos_b`.
pub(crate) fn blend(a: ArrayView2<'_, f32>, b: ArrayView2<'_, f32>, w: f64) -> Array2<f32> {
    let (wa, wb) = ((1.0 - w).sqrt() as f32, w.sqrt() as f32);
    let mut z = ndarray::concatenate(Axis(1), &[(&a * wa).view(), (&b * wb).view()])
        .unwrap_or_else(|_| a.to_owned());
    crate::linalg::normalize_rows(&mut z);
    z
}

/// Embeds non-empty prepared units (empty ones get zero vectors), using the cache if given.
pub(crate) fn embed_prepared(
    prepared: &[Prepared],
    encoder: &dyn Embedder,
    cache: Option<&mut EmbeddingCache>,
    progress: Option<ProgressFn<'_>>,
    cancel: Option<&AtomicBool>,
) -> Result<Array2<f32>, FitError> {
    let rows: Vec<usize> = (0..prepared.len())
        .filter(|&i| prepared[i].kind != UnitKind::Empty)
        .collect();
    let texts: Vec<&str> = rows.iter().map(|&i| prepared[i].text.as_str()).collect();
    let report = |d: usize, t: usize| {
        if let Some(p) = progress {
            p(Stage::Embed, d, t);
        }
    };
    let vecs = match cache {
        Some(c) => c.embed(encoder, &texts, &report, cancel)?.map(|(v, _)| v),
        None => encoder.embed(&texts, &report, cancel)?,
    };
    let vecs = vecs.ok_or(FitError::Cancelled)?;
    let mut z = Array2::<f32>::zeros((prepared.len(), encoder.dim()));
    for (r, &i) in rows.iter().enumerate() {
        z.row_mut(i).assign(&vecs.row(r));
    }
    Ok(z)
}

#[cfg(test)]
mod tests {
    use ndarray::array;

    use super::*;
    use crate::error::EncoderError;
    use crate::pipeline::stages::prepare::prepare_corpus;
    use linfa::ParamGuard;

    use crate::pipeline::stages::test_support::{params, units};

    #[test]
    fn the_lsa_basis_is_fitted_on_a_seeded_sample_of_a_large_corpus() {
        let content: Vec<usize> = (0..50).map(|i| i * 2).collect();
        assert_eq!(svd_fit_rows(&content, 50, 42), content);
        let sample = svd_fit_rows(&content, 20, 42);
        assert_eq!(sample.len(), 20);
        assert!(sample.windows(2).all(|w| w[0] < w[1]));
        assert!(sample.iter().all(|i| content.contains(i)));
        assert_eq!(svd_fit_rows(&content, 20, 42), sample);
        assert_ne!(svd_fit_rows(&content, 20, 7), sample);
    }

    #[test]
    fn projecting_in_chunks_projects_every_row_as_at_once() {
        let units = units();
        let p = params().check_unwrap();
        let corpus = prepare_corpus(&p, &units, &FitContext::new()).expect("corpus");
        let (vectorizer, counts) = (&corpus.vectorizer, &corpus.counts);
        let x = vectorizer.tfidf_of_counts(counts, 0..counts.rows());
        let svd = randomized_svd(&x, 3, 5, 2, 42).expect("svd");
        let whole = project(&x, &svd);
        for chunk in [1, 7, 40, 100] {
            assert_eq!(
                project_all(vectorizer, counts, &svd, chunk),
                whole,
                "chunk {chunk}"
            );
        }
        // A basis fitted on a sample still represents every row, at unit length.
        let sample = svd_fit_rows(&corpus.content, 10, 42);
        let fitted =
            randomized_svd(&vectorizer.tfidf_of_counts(counts, sample), 3, 5, 2, 42).expect("svd");
        let z = project_all(vectorizer, counts, &fitted, 7);
        assert_eq!(z.nrows(), units.len());
        assert!(z.rows().into_iter().all(|r| (r.dot(&r) - 1.0).abs() < 1e-4));
    }

    /// Embeds a text by how often it mentions buses and trees, and its length.
    struct Topics;

    impl Embedder for Topics {
        fn model_id(&self) -> &str {
            "topics"
        }

        fn dim(&self) -> usize {
            3
        }

        fn embed(
            &self,
            texts: &[&str],
            _progress: &(dyn Fn(usize, usize) + Sync),
            _cancel: Option<&AtomicBool>,
        ) -> Result<Option<Array2<f32>>, EncoderError> {
            let mut z = Array2::zeros((texts.len(), 3));
            for (i, t) in texts.iter().enumerate() {
                z[[i, 0]] = t.matches("bus").count() as f32;
                z[[i, 1]] = t.matches("tree").count() as f32;
                z[[i, 2]] = t.len() as f32 / 50.0;
            }
            crate::linalg::normalize_rows(&mut z);
            Ok(Some(z))
        }
    }

    #[test]
    fn small_corpora_get_one_lsa_dimension_per_ten_rows_and_fewer_than_the_terms() {
        assert_eq!(lsa_dims(100, 40, 500), 4);
        assert_eq!(lsa_dims(100, 5, 500), 2);
        assert_eq!(lsa_dims(100, 1999, 500), 100);
        assert_eq!(lsa_dims(100, 5000, 500), 100);
        assert_eq!(lsa_dims(100, 5000, 30), 29);
        assert_eq!(lsa_dims(100, 5000, 1), 1);
    }

    #[test]
    fn classical_rows_are_lsa_projections_and_the_content_rows_are_selected() {
        let units = units();
        let p = params().check_unwrap();
        let mut ctx = FitContext::new();
        let corpus = prepare_corpus(&p, &units, &ctx).expect("corpus");
        let reduced = reduce(&p, &corpus, &mut ctx).expect("reduced");
        let r = &reduced.represented;
        assert_eq!(r.z.dim(), (40, 4));
        assert!(r.svd.is_some() && r.pca.is_none() && r.smoothing.is_none());
        assert_eq!(r.encoder_id, None);
        assert_eq!(reduced.content_z, r.z.select(Axis(0), &corpus.content));
    }

    #[test]
    fn the_semantic_path_needs_an_encoder() {
        let units = units();
        let p = params()
            .representation(Representation::Semantic)
            .check_unwrap();
        let mut ctx = FitContext::new();
        let corpus = prepare_corpus(&p, &units, &ctx).expect("corpus");
        let err = reduce(&p, &corpus, &mut ctx).err();
        assert!(matches!(err, Some(FitError::MissingEncoder)));
    }

    #[test]
    fn semantic_vectors_are_smoothed_and_the_unsmoothed_ones_kept_for_the_k_search() {
        let units = units();
        let smoothing = Smoothing {
            neighbours: 50,
            min_units: 0,
            ..Smoothing::default()
        };
        let p = params()
            .representation(Representation::Semantic)
            .semantic_dims(None)
            .smoothing(Some(smoothing))
            // Ten neighbours: more than the five copies of each text.
            .min_theme_size(10)
            .check_unwrap();
        let encoder = Topics;
        let mut ctx = FitContext::new().encoder(&encoder);
        let corpus = prepare_corpus(&p, &units, &ctx).expect("corpus");
        let reduced = reduce(&p, &corpus, &mut ctx).expect("reduced");
        let r = &reduced.represented;
        assert_eq!(r.encoder_id.as_deref(), Some("topics"));
        assert!(r.svd.is_none() && r.smoothing.is_some());
        let unsmoothed = r.unsmoothed.as_ref().expect("unsmoothed");
        assert_eq!(unsmoothed.dim(), (40, 3));
        assert_ne!(unsmoothed, &r.z);
    }

    #[test]
    fn a_neighbourhood_never_outgrows_the_smallest_theme() {
        let s = Smoothing::default();
        assert_eq!(within_theme(s, 4).neighbours, 4);
        assert_eq!(within_theme(s, 0).neighbours, 1);
        assert_eq!(within_theme(s, 1000).neighbours, s.neighbours);
    }

    #[test]
    fn a_blend_weighs_the_cosines() {
        let a = array![[1.0f32, 0.0], [0.0, 1.0]];
        let b = array![[1.0f32, 0.0], [1.0, 0.0]];
        let z = blend(a.view(), b.view(), 0.25);
        let cos = z.row(0).dot(&z.row(1));
        // (1 − 0.25)·0 + 0.25·1
        assert!((cos - 0.25).abs() < 1e-6, "{cos}");
    }
}
