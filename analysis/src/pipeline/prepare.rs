//! Per-unit text preparation: PII scrub → NFC normalisation → language → tokens.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::text::language::{Detection, Lang, identify_how};
use crate::text::normalize::normalize;
use crate::text::pii::{PiiCounts, scrub};
use crate::text::tokenize::{Tokens, tokenize};
use crate::unit::Unit;

/// Why a unit has no theme, or how it got one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// No content tokens at all ("n/a", "none").
    Empty,
    /// Fewer content tokens than `min_content_tokens`.
    Short,
    /// Enough content to fit on.
    Content,
}

/// A unit after preparation.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Scrubbed, NFC-normalised text in its original case and language (quotes, encoder).
    pub text: String,
    /// Identified language.
    pub lang: Lang,
    /// How it was identified.
    pub detection: Detection,
    /// Content tokens.
    pub tokens: Tokens,
    /// Counting features (terms and, if enabled, bigrams).
    pub features: Vec<String>,
    /// What was scrubbed.
    pub pii: PiiCounts,
    /// Empty / short / content.
    pub kind: UnitKind,
}

/// Prepares units in parallel (output order = input order).
pub fn prepare(
    units: &[&Unit],
    default_language: Lang,
    stem: bool,
    bigrams: bool,
    min_content_tokens: usize,
) -> Vec<Prepared> {
    units
        .par_iter()
        .map(|u| {
            let (scrubbed, pii) = scrub(&u.text);
            let text = normalize(&scrubbed);
            let prior = u.attributes.ui_language.unwrap_or(default_language);
            let (lang, detection) = identify_how(&text, prior);
            let tokens = tokenize(&text, lang, stem);
            let features = tokens.features(bigrams);
            let kind = match tokens.terms.len() {
                0 => UnitKind::Empty,
                n if n < min_content_tokens => UnitKind::Short,
                _ => UnitKind::Content,
            };
            Prepared {
                text,
                lang,
                detection,
                tokens,
                features,
                pii,
                kind,
            }
        })
        .collect()
}
