//! A small two-need corpus (buses, park trees) and the stage results on it, shared by the stage
//! tests so each test sets up only what its stage changes.

use super::choose_k::KDecision;
use super::cluster::{Clustered, cluster};
use super::prepare::{Corpus, prepare_corpus};
use super::reduce::{Reduced, reduce};
use crate::pipeline::fit::FitContext;
use crate::pipeline::params::{Representation, ThemeParams, ThemeValidParams};
use crate::unit::Unit;

const TEXTS: [&str; 8] = [
    "the bus is late again every morning",
    "buses never arrive on time for work",
    "late buses make me miss my shift",
    "bus schedule is late and unreliable",
    "the park needs more shade trees",
    "plant more trees in the city park",
    "park trees are dying from drought",
    "our park needs trees and benches",
];

/// 40 units `u00`…`u39`, five of each text; row `i` has text `i % 8` (0–3 buses, 4–7 trees).
pub(crate) fn units() -> Vec<Unit> {
    (0..40)
        .map(|i| Unit::new(format!("u{i:02}"), TEXTS[i % 8]))
        .collect()
}

/// Classical, k = 2, themes from two respondents.
pub(crate) fn params() -> ThemeParams {
    ThemeParams::new(Representation::Classical)
        .k(Some(2))
        .min_theme_size(2)
}

/// Stages 1–4 on `units` with `p`.
pub(crate) fn clustered<'u>(
    p: &ThemeValidParams,
    units: &'u [Unit],
) -> (Corpus<'u>, Reduced, KDecision, Clustered) {
    let mut ctx = FitContext::new();
    let corpus = prepare_corpus(p, units, &ctx).expect("corpus");
    let reduced = reduce(p, &corpus, &mut ctx).expect("reduced");
    let k = super::choose_k::choose_k(p, &reduced, &corpus.content, &ctx).expect("k");
    let clustered = cluster(p, &corpus, &reduced, k.k, &ctx).expect("clustered");
    (corpus, reduced, k, clustered)
}
