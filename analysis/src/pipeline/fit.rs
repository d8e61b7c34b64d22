//! Fitting: units → themes. See the crate docs for the pipeline.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};

use ndarray::{Array2, Axis};
use sha2::{Digest, Sha256};

use super::model::{
    Assignment, AssignmentStatus, Lineage, Quote, Stage, Theme, ThemeModel, Unclassified, decide,
};
use super::params::{Representation, ThemeValidParams};
use super::prepare::{Prepared, UnitKind, prepare};
use crate::classical::sparse::Csr;
use crate::classical::svd::{TruncatedSvd, project, randomized_svd};
use crate::classical::vectorizer::Vectorizer;
use crate::cluster::choose_k::{KChoice, choose_k};
use crate::cluster::hungarian::{jaccard, max_weight_matching};
use crate::cluster::spherical_kmeans::SphericalKMeansParams;
use crate::error::FitError;
use crate::labels::keywords::{class_keywords, label_from};
use crate::labels::quotes::pick_quotes;
use crate::linalg::similarities;
use crate::semantic::cache::EmbeddingCache;
use crate::semantic::encoder::Embedder;
use crate::semantic::neighbours::{NeighbourSmoothing, Smoothing};
use crate::semantic::pca::Pca;
use crate::text::language::Lang;
use crate::text::pii::PiiCounts;
use crate::unit::Unit;
use linfa::ParamGuard;

/// Progress callback: `(stage, done, total)`.
pub type ProgressFn<'a> = &'a (dyn Fn(Stage, usize, usize) + Sync);

/// Everything besides the units and parameters that a fit may use.
#[derive(Default)]
pub struct FitContext<'a> {
    /// Sentence encoder (required for the semantic representation).
    pub encoder: Option<&'a dyn Embedder>,
    /// Embedding cache, read and extended.
    pub cache: Option<&'a mut EmbeddingCache>,
    /// The previous run, whose theme IDs are carried over.
    pub previous: Option<&'a ThemeModel>,
    /// Progress callback.
    pub progress: Option<ProgressFn<'a>>,
    /// Set to `true` to cancel; checked between and within stages.
    pub cancel: Option<&'a AtomicBool>,
}

impl<'a> FitContext<'a> {
    /// An empty context (classical path, no previous run).
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the encoder.
    pub fn encoder(mut self, e: &'a dyn Embedder) -> Self {
        self.encoder = Some(e);
        self
    }
    /// Sets the embedding cache.
    pub fn cache(mut self, c: &'a mut EmbeddingCache) -> Self {
        self.cache = Some(c);
        self
    }
    /// Sets the previous run.
    pub fn previous(mut self, m: &'a ThemeModel) -> Self {
        self.previous = Some(m);
        self
    }
    /// Sets the progress callback.
    pub fn progress(mut self, f: ProgressFn<'a>) -> Self {
        self.progress = Some(f);
        self
    }
    /// Sets the cancellation flag.
    pub fn cancel(mut self, c: &'a AtomicBool) -> Self {
        self.cancel = Some(c);
        self
    }
    fn report(&self, stage: Stage, done: usize, total: usize) {
        if let Some(p) = self.progress {
            p(stage, done, total);
        }
    }
    fn check(&self) -> Result<(), FitError> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            Err(FitError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// SHA-256 over the units in ID order (so input order does not matter).
pub fn input_hash(units: &[&Unit]) -> String {
    let mut h = Sha256::new();
    for u in units {
        for part in [
            u.id.as_str(),
            u.respondent.as_str(),
            &format!("{:?}", u.stream),
            u.text.as_str(),
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    hex::encode(h.finalize())
}

/// The frozen representation of a run.
pub(crate) struct Represented {
    pub z: Array2<f32>,
    pub svd: Option<TruncatedSvd>,
    pub encoder_id: Option<String>,
    pub pca: Option<Pca>,
    pub smoothing: Option<NeighbourSmoothing>,
    /// The vectors before smoothing, on which the k search judges cluster separation.
    pub unsmoothed: Option<Array2<f32>>,
}

/// Readable surface of every vocabulary column (most frequent unstemmed form).
fn display_forms(prepared: &[Prepared], vec: &Vectorizer) -> Vec<String> {
    let mut counts: HashMap<&str, HashMap<&str, u32>> = HashMap::new();
    for p in prepared {
        for (t, s) in p.tokens.terms.iter().zip(&p.tokens.surfaces) {
            *counts
                .entry(t.as_str())
                .or_default()
                .entry(s.as_str())
                .or_insert(0) += 1;
        }
    }
    let best = |term: &str| -> String {
        counts
            .get(term)
            .and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(s, _)| (*s).to_owned())
            })
            .unwrap_or_else(|| term.to_owned())
    };
    vec.vocabulary()
        .iter()
        .map(|t| t.split(' ').map(best).collect::<Vec<_>>().join(" "))
        .collect()
}

impl ThemeValidParams {
    /// Fits themes to `units`.
    ///
    /// ```
    /// use analysis::{ThemeParams, Representation, FitContext, Unit};
    /// use linfa::ParamGuard;
    /// let texts = ["bus late again", "bus never on time", "late buses daily", "buses late every morning",
    ///              "park needs trees", "more trees in the park", "park trees dying", "plant trees park"];
    /// let units: Vec<Unit> = (0..40).map(|i| Unit::new(format!("u{i:02}"), texts[i % 8])).collect();
    /// let params = ThemeParams::new(Representation::Classical).k(Some(2)).min_theme_size(2).check()?;
    /// let model = params.fit(&units, FitContext::new())?;
    /// assert_eq!(model.themes().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fit(&self, units: &[Unit], mut ctx: FitContext<'_>) -> Result<ThemeModel, FitError> {
        let p = self;
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
        let features: Vec<&[String]> = prepared.iter().map(|q| q.features.as_slice()).collect();
        let content_features: Vec<&[String]> = content.iter().map(|&i| features[i]).collect();
        let vectorizer = Vectorizer::fit(&content_features, &p.vocabulary);
        if vectorizer.vocabulary().is_empty() {
            return Err(FitError::EmptyVocabulary);
        }
        let counts = vectorizer.counts(&features);
        let n_respondents = sorted
            .iter()
            .map(|u| u.respondent.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        let min_size = p
            .min_theme_size
            .max((p.min_theme_fraction * n_respondents as f64).ceil() as usize);

        let rep = match p.representation {
            Representation::Classical => {
                ctx.report(Stage::Reduce, 0, 1);
                let r = classical(p, &vectorizer, &features, &content)?;
                ctx.report(Stage::Reduce, 1, 1);
                r
            }
            Representation::Semantic => {
                let mut r = semantic(p, &prepared, &content, min_size, &mut ctx)?;
                if p.lexical_weight > 0.0 {
                    let lexical = classical(p, &vectorizer, &features, &content)?;
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
        let zc = rep.z.select(Axis(0), &content);

        // k: fixed or searched.
        let (k, k_choice): (usize, Option<KChoice>) = match p.k {
            Some(k) => (k, None),
            None => {
                let progress = |d: usize, t: usize| ctx.report(Stage::ChooseK, d, t);
                let unsmoothed = rep.unsmoothed.as_ref().map(|u| u.select(Axis(0), &content));
                let judged = unsmoothed.as_ref().map(Array2::view);
                let choice = choose_k(zc.view(), judged, &p.k_search, &progress, ctx.cancel)
                    .map_err(|e| match e {
                        crate::cluster::ClusterError::Cancelled => FitError::Cancelled,
                        e => FitError::Cluster(e),
                    })?;
                (choice.k, Some(choice))
            }
        };
        ctx.check()?;
        ctx.report(Stage::Cluster, 0, 1);
        let n_runs = p.n_runs.unwrap_or(match content.len() {
            0..=20_000 => 10,
            20_001..=50_000 => 3,
            _ => 1,
        });
        let km = SphericalKMeansParams::new(k)
            .n_runs(n_runs)
            .seed(p.seed)
            .check()?
            .fit_rows(zc.view())?;
        let centroids = km.centroids().clone();
        let sims = similarities(rep.z.view(), centroids.view());

        // Outlier thresholds: max(floor, Tukey lower fence of member similarities).
        let mut member_sims: Vec<Vec<f32>> = vec![Vec::new(); k];
        for &i in &content {
            let (c, s, _) = crate::linalg::top2(sims.row(i));
            member_sims[c].push(s);
        }
        let thresholds: Vec<f32> = member_sims
            .iter_mut()
            .map(|v| {
                v.sort_by(f32::total_cmp);
                if v.is_empty() {
                    return p.outlier_floor;
                }
                let q = |f: f32| v[((v.len() - 1) as f32 * f).round() as usize];
                let (q1, q3) = (q(0.25), q(0.75));
                p.outlier_floor.max(q1 - 1.5 * (q3 - q1))
            })
            .collect();

        // First pass with every cluster a theme, to measure sizes in respondents.
        let all_themes: Vec<Option<usize>> = (0..k).map(Some).collect();
        let first: Vec<(Option<usize>, f32, AssignmentStatus)> = (0..n)
            .map(|i| decide(sims.row(i), prepared[i].kind, &thresholds, &all_themes, p))
            .collect();
        let mut cluster_resp: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); k];
        for (i, (c, _, _)) in first.iter().enumerate() {
            if let Some(c) = c {
                cluster_resp[*c].insert(sorted[i].respondent.as_str());
            }
        }
        let kept: Vec<usize> = (0..k)
            .filter(|&c| cluster_resp[c].len() >= min_size)
            .collect();
        let mut centroid_theme: Vec<Option<usize>> = vec![None; k];
        for (t, &c) in kept.iter().enumerate() {
            centroid_theme[c] = Some(t);
        }
        let decided: Vec<(Option<usize>, f32, AssignmentStatus)> = (0..n)
            .map(|i| {
                decide(
                    sims.row(i),
                    prepared[i].kind,
                    &thresholds,
                    &centroid_theme,
                    p,
                )
            })
            .collect();
        ctx.report(Stage::Cluster, 1, 1);
        ctx.check()?;

        // Labels and quotes.
        ctx.report(Stage::Label, 0, kept.len());
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); kept.len()];
        let mut unclassified_rows = Vec::new();
        for (i, d) in decided.iter().enumerate() {
            match d.0 {
                Some(t) => members[t].push(i),
                None => unclassified_rows.push(i),
            }
        }
        let display = display_forms(&prepared, &vectorizer);
        let keywords = class_keywords(
            &counts,
            &members,
            &unclassified_rows,
            &|c| display[c as usize].clone(),
            p.keywords,
            p.keyword_diversity,
        );
        let words = |i: usize| -> usize {
            let t = &prepared[i].text;
            if prepared[i].lang == Lang::Zh {
                t.chars()
                    .filter(|&c| crate::text::language::is_han(c))
                    .count()
                    / 2
            } else {
                t.split_whitespace().count()
            }
        };
        let mut themes: Vec<Theme> = Vec::with_capacity(kept.len());
        for (t, &c) in kept.iter().enumerate() {
            let rows = &members[t];
            let sim_c: Vec<f32> = (0..n).map(|i| sims[[i, c]]).collect();
            let quote_pool: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&i| prepared[i].kind == UnitKind::Content)
                .collect();
            let q = pick_quotes(
                rep.z.view(),
                if quote_pool.is_empty() {
                    rows
                } else {
                    &quote_pool
                },
                &sim_c,
                &|i| sorted[i].respondent.as_str(),
                &words,
                p.quotes,
                p.quote_diversity as f32,
            );
            let mut by_stream: BTreeMap<_, BTreeSet<&str>> = BTreeMap::new();
            let mut langs: BTreeMap<Lang, usize> = BTreeMap::new();
            for &i in rows {
                by_stream
                    .entry(sorted[i].stream)
                    .or_default()
                    .insert(sorted[i].respondent.as_str());
                *langs.entry(prepared[i].lang).or_insert(0) += 1;
            }
            let cohesion =
                rows.iter().map(|&i| f64::from(sim_c[i])).sum::<f64>() / rows.len().max(1) as f64;
            themes.push(Theme {
                id: String::new(),
                label: label_from(&keywords[t]),
                keywords: keywords[t].clone(),
                quotes: q
                    .iter()
                    .map(|&i| Quote {
                        unit_id: sorted[i].id.clone(),
                        text: prepared[i].text.clone(),
                        lang: prepared[i].lang,
                    })
                    .collect(),
                members: rows.iter().map(|&i| sorted[i].id.clone()).collect(),
                respondents: rows
                    .iter()
                    .map(|&i| sorted[i].respondent.as_str())
                    .collect::<BTreeSet<_>>()
                    .len(),
                respondents_by_stream: by_stream.into_iter().map(|(s, r)| (s, r.len())).collect(),
                languages: langs,
                cohesion,
                threshold: thresholds[c],
                lineage: Lineage::FirstRun,
                previous_overlap: None,
            });
            ctx.report(Stage::Label, t + 1, kept.len());
        }

        // Stable IDs.
        let next_theme_number = assign_ids(&mut themes, ctx.previous, p.id_threshold, &sorted);

        // Largest first; centroid→theme map follows the new order.
        let mut order: Vec<usize> = (0..themes.len()).collect();
        order.sort_by(|&a, &b| {
            themes[b]
                .respondents
                .cmp(&themes[a].respondents)
                .then(themes[a].id.cmp(&themes[b].id))
        });
        let mut new_pos = vec![0usize; themes.len()];
        for (pos, &t) in order.iter().enumerate() {
            new_pos[t] = pos;
        }
        let centroid_theme: Vec<Option<usize>> = centroid_theme
            .iter()
            .map(|t| t.map(|t| new_pos[t]))
            .collect();
        let mut slots: Vec<Option<Theme>> = themes.into_iter().map(Some).collect();
        let themes: Vec<Theme> = order.iter().filter_map(|&t| slots[t].take()).collect();

        let assignments: Vec<Assignment> = decided
            .iter()
            .enumerate()
            .map(|(i, (t, s, status))| Assignment {
                unit_id: sorted[i].id.clone(),
                theme: t.map(|t| themes[new_pos[t]].id.clone()),
                similarity: *s,
                status: *status,
                lang: prepared[i].lang,
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
        Ok(ThemeModel {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            params: p.clone(),
            input_hash: input_hash(&sorted),
            n_units: n,
            n_respondents,
            pii,
            languages,
            k,
            k_choice,
            vectorizer,
            svd: rep.svd,
            encoder_id: rep.encoder_id,
            pca: rep.pca,
            smoothing: rep.smoothing,
            centroids,
            centroid_theme,
            thresholds,
            themes,
            unclassified: Unclassified {
                members: unclassified_rows
                    .iter()
                    .map(|&i| sorted[i].id.clone())
                    .collect(),
                by_reason,
            },
            assignments,
            next_theme_number,
        })
    }
}

fn classical(
    p: &ThemeValidParams,
    vectorizer: &Vectorizer,
    features: &[&[String]],
    content: &[usize],
) -> Result<Represented, FitError> {
    let x = vectorizer.tfidf(features);
    let content_rows: Vec<Vec<(u32, f32)>> = content
        .iter()
        .map(|&i| {
            let (c, v) = x.row(i);
            c.iter().copied().zip(v.iter().copied()).collect()
        })
        .collect();
    let xc = Csr::from_rows(x.cols(), content_rows);
    let nc = content.len();
    let dims = if nc < 2000 {
        p.lsa_dims.min((nc / 10).max(2))
    } else {
        p.lsa_dims
    };
    let dims = dims.min(x.cols().saturating_sub(1).max(1));
    let svd = randomized_svd(&xc, dims, p.svd_oversample, p.svd_power_iters, p.seed)?;
    let z = project(&x, &svd);
    Ok(Represented {
        z,
        svd: Some(svd),
        encoder_id: None,
        pca: None,
        smoothing: None,
        unsmoothed: None,
    })
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
            // A neighbourhood must fit inside the smallest theme that may be reported, or
            // smoothing would blend that theme into its neighbours.
            let settings = Smoothing {
                neighbours: settings.neighbours.min(min_theme_size).max(1),
                ..settings
            };
            let (s, own) = NeighbourSmoothing::fit(z.view(), content, settings, p.seed);
            (s.apply(z.view(), &own), Some(s), Some(z))
        }
        _ => (z, None, None),
    };
    Ok(Represented {
        z,
        svd: None,
        encoder_id: Some(encoder.model_id().to_owned()),
        pca,
        smoothing,
        unsmoothed,
    })
}

/// Rows `[√(1−w)·a, √w·b]`, L2-normalised: for unit rows, cosine similarity becomes
/// `(1−w)·cos_a + w·cos_b`.
pub(crate) fn blend(
    a: ndarray::ArrayView2<'_, f32>,
    b: ndarray::ArrayView2<'_, f32>,
    w: f64,
) -> Array2<f32> {
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
