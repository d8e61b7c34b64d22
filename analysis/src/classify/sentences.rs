//! The texts the sentence encoder sees for the classifier: the same scrubbed, normalised text
//! the theme analysis embeds (`Prepared::text`), so the vectors a semantic run cached are found
//! again, and a phone number or e-mail address in a report never reaches the model.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::semantic::cache::EmbeddingCache;
use crate::text::normalize::normalize;
use crate::text::pii::scrub;

/// What the encoder is given for each of `texts`.
pub fn encoder_texts(texts: &[&str]) -> Vec<String> {
    texts.par_iter().map(|t| normalize(&scrub(t).0)).collect()
}

/// How many distinct `texts` have no vector in `cache` under `model_id` (what embedding them
/// would cost).
pub fn uncached(cache: &EmbeddingCache, model_id: &str, texts: &[String]) -> usize {
    let mut seen = HashSet::new();
    texts
        .iter()
        .filter(|t| cache.get(model_id, t).is_none() && seen.insert(t.as_str()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoder_sees_scrubbed_text() {
        let texts = encoder_texts(&["Call me at 408-555-0199 about the pothole"]);
        assert!(!texts[0].contains("555"), "{}", texts[0]);
        assert!(texts[0].contains("pothole"));
    }

    #[test]
    fn uncached_counts_each_missing_text_once() {
        let cache = EmbeddingCache::new();
        let texts = vec!["a".to_string(), "b".to_string(), "a".to_string()];
        assert_eq!(uncached(&cache, "m", &texts), 2);
    }
}
