//! The fitted theme model: themes with labels, quotes and members, the frozen artefacts needed
//! to assign new units without a rerun, and a serialisable report.

use std::collections::BTreeMap;

use ndarray::{Array2, ArrayView1};
use serde::{Deserialize, Serialize};

use super::params::{Representation, ThemeValidParams};
use super::prepare::UnitKind;
use crate::classical::svd::TruncatedSvd;
use crate::classical::vectorizer::Vectorizer;
use crate::cluster::choose_k::KChoice;
use crate::labels::keywords::Keyword;
use crate::linalg::top2;
use crate::semantic::encoder::EncoderInfo;
use crate::text::language::{Detection, Lang};
use crate::text::pii::PiiCounts;
use crate::unit::Stream;

/// Stages reported to the progress callback, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// PII scrub, normalisation, language ID, tokenisation.
    Prepare,
    /// Sentence embedding (semantic path).
    Embed,
    /// TF-IDF and LSA (classical path).
    Reduce,
    /// Automatic choice of k.
    ChooseK,
    /// Final clustering and assignment.
    Cluster,
    /// Keywords, labels, quotes, theme IDs.
    Label,
}

impl Stage {
    /// Human name of the stage.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Prepare => "preparing text",
            Stage::Embed => "embedding",
            Stage::Reduce => "TF-IDF + LSA",
            Stage::ChooseK => "choosing k",
            Stage::Cluster => "clustering",
            Stage::Label => "labelling",
        }
    }
}

/// How a unit ended up where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    /// A member of a theme.
    Member,
    /// A short unit close enough to a theme to join it.
    ShortMember,
    /// Too far from its nearest theme.
    Outlier,
    /// A short unit not clearly close to any theme.
    ShortUnassigned,
    /// No content at all.
    Empty,
    /// Its nearest cluster was too small to be a theme.
    SmallTheme,
}

impl AssignmentStatus {
    /// True when the unit belongs to a theme.
    pub fn is_member(self) -> bool {
        matches!(
            self,
            AssignmentStatus::Member | AssignmentStatus::ShortMember
        )
    }
}

/// Where one unit went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// Unit ID.
    pub unit_id: String,
    /// Theme ID, or `None` for "other / unclassified".
    pub theme: Option<String>,
    /// Cosine similarity to the nearest theme centre.
    pub similarity: f32,
    /// Why.
    pub status: AssignmentStatus,
    /// Identified language.
    pub lang: Lang,
    /// How the language was identified (`None` in runs logged before this was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detection: Option<Detection>,
}

/// A representative quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Unit it comes from.
    pub unit_id: String,
    /// Scrubbed text, original language.
    pub text: String,
    /// Its language.
    pub lang: Lang,
}

/// How a theme relates to the previous run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lineage {
    /// No previous run was given.
    FirstRun,
    /// Matched a previous theme and kept its ID.
    Kept,
    /// No previous theme overlapped enough: a new ID.
    New,
}

/// One need theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Stable ID (`T-001`), kept across reruns while members overlap.
    pub id: String,
    /// Short readable label from the top keywords.
    pub label: String,
    /// c-TF-IDF keywords, diversified.
    pub keywords: Vec<Keyword>,
    /// Representative quotes.
    pub quotes: Vec<Quote>,
    /// Member unit IDs, sorted.
    pub members: Vec<String>,
    /// Distinct respondents (or source documents) among members: the prevalence count.
    pub respondents: usize,
    /// Respondents per stream.
    pub respondents_by_stream: BTreeMap<Stream, usize>,
    /// Members per language.
    pub languages: BTreeMap<Lang, usize>,
    /// Mean similarity of members to the centre.
    pub cohesion: f64,
    /// Similarity a unit needs to join (outlier threshold).
    pub threshold: f32,
    /// Relation to the previous run.
    pub lineage: Lineage,
    /// Jaccard overlap with the matched previous theme.
    pub previous_overlap: Option<f64>,
}

/// The unclassified group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unclassified {
    /// Unit IDs, sorted.
    pub members: Vec<String>,
    /// Counts by reason.
    pub by_reason: BTreeMap<AssignmentStatus, usize>,
}

/// A fitted theme model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeModel {
    pub(crate) version: String,
    pub(crate) params: ThemeValidParams,
    pub(crate) input_hash: String,
    pub(crate) n_units: usize,
    pub(crate) n_respondents: usize,
    pub(crate) pii: PiiCounts,
    pub(crate) languages: BTreeMap<Lang, usize>,
    pub(crate) k: usize,
    pub(crate) k_choice: Option<KChoice>,
    pub(crate) vectorizer: Vectorizer,
    pub(crate) svd: Option<TruncatedSvd>,
    pub(crate) encoder_id: Option<String>,
    /// Semantic path: what the encoder is and whether it reads many languages (`None` in runs
    /// logged before this was recorded). Kept in the model, not the report, so the result hash
    /// of older runs is unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) encoder_info: Option<EncoderInfo>,
    pub(crate) pca: Option<crate::semantic::pca::Pca>,
    /// Semantic path: the neighbourhood smoothing step and its reference vectors.
    #[serde(default)]
    pub(crate) smoothing: Option<crate::semantic::neighbours::NeighbourSmoothing>,
    /// All k-means centres, including those of clusters dissolved as too small.
    pub(crate) centroids: Array2<f32>,
    /// Theme index of each centre (`None`: dissolved).
    pub(crate) centroid_theme: Vec<Option<usize>>,
    /// Outlier threshold of each centre.
    pub(crate) thresholds: Vec<f32>,
    pub(crate) themes: Vec<Theme>,
    pub(crate) unclassified: Unclassified,
    pub(crate) assignments: Vec<Assignment>,
    pub(crate) next_theme_number: usize,
}

/// The JSON result of a run (no large arrays).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeReport {
    /// Crate version that produced it.
    pub version: String,
    /// SHA-256 of the input units (order-independent).
    pub input_hash: String,
    /// Parameters of the run.
    pub parameters: ThemeValidParams,
    /// Encoder model ID (semantic path).
    pub encoder: Option<String>,
    /// Units analysed.
    pub n_units: usize,
    /// Distinct respondents / source documents.
    pub n_respondents: usize,
    /// Vocabulary size.
    pub vocabulary_size: usize,
    /// PII removed, by kind.
    pub pii: PiiCounts,
    /// Units per language.
    pub languages: BTreeMap<Lang, usize>,
    /// Number of clusters fitted.
    pub k: usize,
    /// The k search, when k was chosen automatically.
    pub k_selection: Option<KChoice>,
    /// Themes, largest first.
    pub themes: Vec<Theme>,
    /// The "other / unclassified" group.
    pub unclassified: Unclassified,
}

impl ThemeModel {
    /// Themes, largest first.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }
    /// The unclassified group.
    pub fn unclassified(&self) -> &Unclassified {
        &self.unclassified
    }
    /// Assignment of every unit, in unit-ID order.
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }
    /// Parameters the model was fitted with.
    pub fn params(&self) -> &ThemeValidParams {
        &self.params
    }
    /// Number of k-means clusters.
    pub fn k(&self) -> usize {
        self.k
    }
    /// The k search, if k was chosen automatically.
    pub fn k_choice(&self) -> Option<&KChoice> {
        self.k_choice.as_ref()
    }
    /// Input hash.
    pub fn input_hash(&self) -> &str {
        &self.input_hash
    }
    /// PII removed.
    pub fn pii(&self) -> PiiCounts {
        self.pii
    }
    /// The frozen vectoriser.
    pub fn vectorizer(&self) -> &Vectorizer {
        &self.vectorizer
    }
    /// Representation used.
    pub fn representation(&self) -> Representation {
        self.params.representation
    }
    /// Encoder model ID (semantic path).
    pub fn encoder_id(&self) -> Option<&str> {
        self.encoder_id.as_deref()
    }
    /// What the encoder is (semantic path, runs that recorded it).
    pub fn encoder_info(&self) -> Option<&EncoderInfo> {
        self.encoder_info.as_ref()
    }
    /// Theme ID per unit ID (members only).
    pub fn theme_of(&self, unit_id: &str) -> Option<&str> {
        self.assignments
            .binary_search_by(|a| a.unit_id.as_str().cmp(unit_id))
            .ok()
            .and_then(|i| self.assignments[i].theme.as_deref())
    }

    /// The serialisable report of this run.
    pub fn report(&self) -> ThemeReport {
        ThemeReport {
            version: self.version.clone(),
            input_hash: self.input_hash.clone(),
            parameters: self.params.clone(),
            encoder: self.encoder_id.clone(),
            n_units: self.n_units,
            n_respondents: self.n_respondents,
            vocabulary_size: self.vectorizer.vocabulary().len(),
            pii: self.pii,
            languages: self.languages.clone(),
            k: self.k,
            k_selection: self.k_choice.clone(),
            themes: self.themes.clone(),
            unclassified: self.unclassified.clone(),
        }
    }

    /// The theme decision for one similarity row (shared by fit and incremental assignment).
    pub(crate) fn decide(
        &self,
        sims: ArrayView1<'_, f32>,
        kind: UnitKind,
    ) -> (Option<usize>, f32, AssignmentStatus) {
        decide(
            sims,
            kind,
            &self.thresholds,
            &self.centroid_theme,
            &self.params,
        )
    }
}

/// Assignment rule: content units join their nearest centre if above its outlier threshold;
/// short units also need `short_threshold` and a margin over the runner-up.
pub(crate) fn decide(
    sims: ArrayView1<'_, f32>,
    kind: UnitKind,
    thresholds: &[f32],
    centroid_theme: &[Option<usize>],
    p: &ThemeValidParams,
) -> (Option<usize>, f32, AssignmentStatus) {
    if kind == UnitKind::Empty || sims.is_empty() {
        return (None, 0.0, AssignmentStatus::Empty);
    }
    let (best, s1, s2) = top2(sims);
    let ok = match kind {
        UnitKind::Content => s1 >= thresholds[best],
        _ => s1 >= thresholds[best].max(p.short_threshold) && s1 - s2 >= p.assign_margin,
    };
    if !ok {
        let status = if kind == UnitKind::Content {
            AssignmentStatus::Outlier
        } else {
            AssignmentStatus::ShortUnassigned
        };
        return (None, s1, status);
    }
    match centroid_theme[best] {
        Some(t) => {
            let status = if kind == UnitKind::Content {
                AssignmentStatus::Member
            } else {
                AssignmentStatus::ShortMember
            };
            (Some(t), s1, status)
        }
        None => (None, s1, AssignmentStatus::SmallTheme),
    }
}
