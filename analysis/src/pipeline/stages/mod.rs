//! The stages of a fit, one module each, so that each can be read and tested on its own and
//! `ThemeValidParams::fit` reads as the list of them:
//!
//! 1. [`prepare`]: units in ID order, prepared text, vocabulary and term counts;
//! 2. [`reduce`]: the vectors that are clustered (TF-IDF + LSA, or sentence embeddings with PCA,
//!    neighbourhood smoothing and an optional lexical blend);
//! 3. [`choose_k`]: the number of clusters, fixed or searched;
//! 4. [`cluster`]: k-means, outlier thresholds, which clusters are big enough to be themes, and
//!    every unit's decision;
//! 5. [`label`]: keywords, quotes and counts of every theme;
//! 6. [`stable_ids`]: theme IDs carried over from the previous run, largest theme first;
//! 7. [`assemble`]: the fitted [`ThemeModel`](super::model::ThemeModel).
//!
//! Each stage hands the next a small struct ([`prepare::Corpus`], [`reduce::Reduced`],
//! [`choose_k::KDecision`], [`cluster::Clustered`], [`stable_ids::Named`]); rows are indexed by
//! the units' ID order throughout.

pub(crate) mod assemble;
pub(crate) mod choose_k;
pub(crate) mod cluster;
pub(crate) mod label;
pub(crate) mod prepare;
pub(crate) mod reduce;
pub(crate) mod stable_ids;

#[cfg(test)]
pub(crate) mod test_support;
