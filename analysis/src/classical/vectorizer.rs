//! Counts over a frozen, sorted vocabulary and sublinear TF × frozen IDF (method.md §1.6).
//!
//! Two linfa 0.8 pitfalls are avoided by construction: the vocabulary is kept in
//! lexicographic order (linfa's comes from `HashMap` iteration and changes between processes),
//! and the IDF is computed once at fit time and reused by [`Vectorizer::tfidf`] (linfa's
//! `transform` recomputes it from the batch, so one new answer alone gets different weights).

use serde::{Deserialize, Serialize};

use super::sparse::Csr;

/// Settings of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VocabularySettings {
    /// Minimum document frequency (absolute); the effective value is
    /// `max(min_df, ceil(min_df_fraction · n))`.
    pub min_df: usize,
    /// Fractional lower bound on document frequency.
    pub min_df_fraction: f64,
    /// Maximum document frequency as a fraction of documents.
    pub max_df: f64,
    /// Keep at most this many terms (highest document frequency first).
    pub max_features: usize,
}

impl Default for VocabularySettings {
    fn default() -> Self {
        VocabularySettings {
            min_df: 2,
            min_df_fraction: 0.0005,
            max_df: 0.5,
            max_features: 50_000,
        }
    }
}

/// A fitted vectoriser: sorted vocabulary, document frequencies and frozen IDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vectorizer {
    vocabulary: Vec<String>,
    document_frequency: Vec<u32>,
    idf: Vec<f32>,
    n_documents: usize,
    /// Exponent of the IDF in each term's weight. Vectorisers saved before it existed used 1,
    /// and 1 is not written, so they write the same bytes again.
    #[serde(
        default = "textbook_idf_power",
        skip_serializing_if = "is_textbook_idf_power"
    )]
    idf_power: f32,
}

/// The IDF power of everything saved before the power existed (textbook TF-IDF): what a missing
/// `idf_power` field reads as, wherever one is saved.
pub(crate) fn textbook_idf_power() -> f32 {
    1.0
}

/// Whether `p` is [`textbook_idf_power`]: such a power is not written, so what was saved before
/// the field existed writes the same bytes again.
pub(crate) fn is_textbook_idf_power(p: &f32) -> bool {
    *p == textbook_idf_power()
}

impl Vectorizer {
    /// Learns the vocabulary and IDF from the feature lists of the fitting documents.
    pub fn fit<D: AsRef<[String]>>(docs: &[D], settings: &VocabularySettings) -> Self {
        let mut df: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for doc in docs {
            let mut seen: Vec<&str> = doc.as_ref().iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *df.entry(t).or_insert(0) += 1;
            }
        }
        Self::from_document_frequencies(df, docs.len(), settings)
    }

    /// Learns the vocabulary and IDF from each feature's document frequency among `n` fitting
    /// documents (what [`Vectorizer::fit`] counts; a large corpus counts them as it streams).
    pub fn from_document_frequencies<'a>(
        df: impl IntoIterator<Item = (&'a str, u32)>,
        n: usize,
        settings: &VocabularySettings,
    ) -> Self {
        let min_df = settings
            .min_df
            .max((settings.min_df_fraction * n as f64).ceil() as usize);
        let max_df = ((settings.max_df * n as f64).floor() as usize).max(min_df);
        let mut kept: Vec<(&str, u32)> = df
            .into_iter()
            .filter(|&(_, d)| (d as usize) >= min_df && (d as usize) <= max_df)
            .collect();
        if kept.len() > settings.max_features {
            kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            kept.truncate(settings.max_features);
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let idf = kept
            .iter()
            .map(|&(_, d)| (((1 + n) as f64 / (1 + d as usize) as f64).ln() + 1.0) as f32)
            .collect();
        Vectorizer {
            vocabulary: kept.iter().map(|(t, _)| (*t).to_owned()).collect(),
            document_frequency: kept.iter().map(|(_, d)| *d).collect(),
            idf,
            n_documents: n,
            idf_power: 1.0,
        }
    }

    /// Weighs each term by `idfᵖ` instead of `idf`. A power above 1 gives the rare terms that
    /// name one subject (a programme, a place, a policy) more say against the common words many
    /// subjects share; `pipeline::params` records what it measured.
    pub fn with_idf_power(mut self, power: f32) -> Self {
        self.idf_power = power;
        self
    }

    /// The exponent of the IDF in each term's weight.
    pub fn idf_power(&self) -> f32 {
        self.idf_power
    }

    /// The vocabulary, in lexicographic order (column order of every matrix).
    pub fn vocabulary(&self) -> &[String] {
        &self.vocabulary
    }

    /// Frozen IDF per column: `ln((1+n)/(1+df)) + 1`.
    pub fn idf(&self) -> &[f32] {
        &self.idf
    }

    /// Document frequency per column in the fitting documents.
    pub fn document_frequency(&self) -> &[u32] {
        &self.document_frequency
    }

    /// Number of fitting documents.
    pub fn n_documents(&self) -> usize {
        self.n_documents
    }

    /// Column of `term`, if in the vocabulary.
    pub fn column(&self, term: &str) -> Option<u32> {
        self.vocabulary
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|i| i as u32)
    }

    /// Sorted `(column, count)` pairs of one document; out-of-vocabulary features are skipped.
    pub fn count_row(&self, doc: &[String]) -> Vec<(u32, f32)> {
        let mut cols: Vec<u32> = doc.iter().filter_map(|t| self.column(t)).collect();
        cols.sort_unstable();
        let mut row: Vec<(u32, f32)> = Vec::with_capacity(cols.len());
        for c in cols {
            match row.last_mut() {
                Some((last, n)) if *last == c => *n += 1.0,
                _ => row.push((c, 1.0)),
            }
        }
        row
    }

    /// Raw counts of each document.
    pub fn counts<D: AsRef<[String]>>(&self, docs: &[D]) -> Csr {
        Csr::from_rows(
            self.vocabulary.len(),
            docs.iter().map(|d| self.count_row(d.as_ref())).collect(),
        )
    }

    /// `(1 + ln count) · idfᵖ`, L2-normalised per row, with the frozen IDF.
    pub fn tfidf_row(&self, doc: &[String]) -> Vec<(u32, f32)> {
        self.weigh(self.count_row(doc))
    }

    /// TF-IDF of a `(column, count)` row.
    fn weigh(&self, mut row: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
        let mut norm = 0f32;
        for (c, v) in row.iter_mut() {
            let idf = self.idf[*c as usize];
            let weight = if self.idf_power == 1.0 {
                idf
            } else {
                idf.powf(self.idf_power)
            };
            *v = (1.0 + v.ln()) * weight;
            norm += *v * *v;
        }
        if norm > 0.0 {
            let inv = norm.sqrt().recip();
            row.iter_mut().for_each(|(_, v)| *v *= inv);
        }
        row
    }

    /// TF-IDF matrix of `docs` with the frozen IDF.
    pub fn tfidf<D: AsRef<[String]>>(&self, docs: &[D]) -> Csr {
        Csr::from_rows(
            self.vocabulary.len(),
            docs.iter().map(|d| self.tfidf_row(d.as_ref())).collect(),
        )
    }

    /// TF-IDF of the rows of `counts` (from [`Vectorizer::counts`]) that `rows` picks, in that
    /// order: the same numbers as [`Vectorizer::tfidf`] of those documents, without their features.
    pub fn tfidf_of_counts(&self, counts: &Csr, rows: impl IntoIterator<Item = usize>) -> Csr {
        Csr::from_rows(
            self.vocabulary.len(),
            rows.into_iter()
                .map(|i| {
                    let (c, v) = counts.row(i);
                    self.weigh(c.iter().copied().zip(v.iter().copied()).collect())
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(v: &[&str]) -> Vec<Vec<String>> {
        v.iter()
            .map(|d| d.split_whitespace().map(str::to_owned).collect())
            .collect()
    }

    fn settings() -> VocabularySettings {
        VocabularySettings {
            min_df: 1,
            min_df_fraction: 0.0,
            max_df: 1.0,
            max_features: 100,
        }
    }

    #[test]
    fn vocabulary_is_sorted_whatever_the_input_order() {
        let a = Vectorizer::fit(&docs(&["zebra bus", "apple bus", "mango"]), &settings());
        let b = Vectorizer::fit(&docs(&["mango", "apple bus", "zebra bus"]), &settings());
        assert_eq!(a.vocabulary(), ["apple", "bus", "mango", "zebra"]);
        assert_eq!(a, b);
    }

    #[test]
    fn idf_is_frozen_at_transform_time() {
        let v = Vectorizer::fit(
            &docs(&["bus late", "bus stop", "park trees", "park dogs"]),
            &settings(),
        );
        let alone = v.tfidf(&docs(&["bus park"]));
        let in_batch = v.tfidf(&docs(&["bus park", "bus late", "bus bus"]));
        assert_eq!(alone.row(0), in_batch.row(0));
        // smooth idf: ln(5/3) + 1 for df = 2, n = 4; both terms equal, so each is 1/sqrt(2)
        let bus = v.column("bus").unwrap_or(u32::MAX);
        assert_eq!(v.idf()[bus as usize], ((5.0f64 / 3.0).ln() + 1.0) as f32);
        let (_, vals) = alone.row(0);
        assert!((vals[0] - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }

    #[test]
    fn document_frequency_bounds() {
        let s = VocabularySettings {
            min_df: 2,
            min_df_fraction: 0.0,
            max_df: 0.6,
            max_features: 10,
        };
        let v = Vectorizer::fit(&docs(&["a b", "a c", "a b", "d"]), &s);
        // a: df 3 > 0.6·4 → dropped; b: 2 kept; c, d: 1 → dropped
        assert_eq!(v.vocabulary(), ["b"]);
    }

    #[test]
    fn tfidf_of_counts_is_tfidf_of_the_documents() {
        let d = docs(&["a a b", "b c c c", "a", "d", "c a b b"]);
        let v = Vectorizer::fit(&d, &settings());
        let counts = v.counts(&d);
        let whole = v.tfidf(&d);
        let picked = v.tfidf_of_counts(&counts, [3, 0, 4]);
        assert_eq!(picked.rows(), 3);
        for (r, i) in [3, 0, 4].into_iter().enumerate() {
            assert_eq!(picked.row(r), whole.row(i));
        }
        let refit = Vectorizer::from_document_frequencies(
            v.vocabulary()
                .iter()
                .map(String::as_str)
                .zip(v.document_frequency().iter().copied()),
            v.n_documents(),
            &settings(),
        );
        assert_eq!(refit, v);
    }

    #[test]
    fn sublinear_tf() {
        let v = Vectorizer::fit(&docs(&["x y", "x z"]), &settings());
        let row = v.count_row(&docs(&["x x x y"])[0]);
        assert_eq!(row, vec![(0, 3.0), (1, 1.0)]);
        let t = v.tfidf_row(&docs(&["x x x y"])[0]);
        let ix = (1.0 + 3f32.ln()) * v.idf()[0];
        let iy = v.idf()[1];
        let n = (ix * ix + iy * iy).sqrt();
        assert!((t[0].1 - ix / n).abs() < 1e-6 && (t[1].1 - iy / n).abs() < 1e-6);
    }

    #[test]
    fn idf_power_weighs_rare_terms_up_and_is_saved() {
        let v = Vectorizer::fit(&docs(&["x y", "x z", "x"]), &settings());
        let doc = &docs(&["x y"])[0];
        let plain = v.tfidf_row(doc);
        let squared = v.clone().with_idf_power(2.0);
        let t = squared.tfidf_row(doc);
        let (ix, iy) = (v.idf()[0].powi(2), v.idf()[1].powi(2));
        let n = (ix * ix + iy * iy).sqrt();
        assert!((t[0].1 - ix / n).abs() < 1e-6 && (t[1].1 - iy / n).abs() < 1e-6);
        // y is rarer than x, so squaring the IDF gives it a larger share of the row.
        assert!(t[1].1 > plain[1].1 && t[0].1 < plain[0].1);
        let json = serde_json::to_string(&squared).unwrap_or_else(|e| panic!("{e}"));
        let back: Vectorizer = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, squared);
        // A vectoriser saved before the power existed reads as IDF¹.
        let old = json.replace(",\"idf_power\":2.0", "");
        assert_ne!(old, json);
        let old: Vectorizer = serde_json::from_str(&old).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(old.tfidf_row(doc), plain);
    }
}
