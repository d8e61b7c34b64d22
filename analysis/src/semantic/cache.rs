//! Embedding cache: vectors keyed by a hash of the model ID and the text, so a rerun only embeds
//! new text. The cache is a plain value: the caller decides where (and whether) to persist it.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::atomic::AtomicBool;

use ndarray::Array2;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::encoder::Embedder;
use crate::error::EncoderError;

/// Cached sentence vectors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingCache {
    entries: BTreeMap<String, Vec<f32>>,
}

/// First bytes of a saved cache, with the format's version.
const MAGIC: &[u8; 8] = b"NSEMB01\n";

/// Cache key of `text` under model `model_id`.
pub fn cache_key(model_id: &str, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(model_id.as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    hex::encode(h.finalize())
}

impl EmbeddingCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of cached vectors.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Cached vector of `text` under `model_id`.
    pub fn get(&self, model_id: &str, text: &str) -> Option<&[f32]> {
        self.entries
            .get(&cache_key(model_id, text))
            .map(Vec::as_slice)
    }

    /// Writes the cache in a compact binary form (little-endian f32, about 1.6 KB per 384-wide
    /// vector), read back by [`EmbeddingCache::read`].
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&(self.entries.len() as u64).to_le_bytes())?;
        for (key, vector) in &self.entries {
            let key_len = u8::try_from(key.len())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "cache key too long"))?;
            let dim = u32::try_from(vector.len())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "vector too long"))?;
            out.write_all(&[key_len])?;
            out.write_all(key.as_bytes())?;
            out.write_all(&dim.to_le_bytes())?;
            for x in vector {
                out.write_all(&x.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads a cache written by [`EmbeddingCache::write`]; a file of another format or cut short
    /// is an `InvalidData` error (the caller can start afresh).
    pub fn read(input: &mut impl Read) -> io::Result<EmbeddingCache> {
        let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(invalid("not a Needscope embedding cache"));
        }
        let mut n = [0u8; 8];
        input.read_exact(&mut n)?;
        let n = u64::from_le_bytes(n);
        let mut entries = BTreeMap::new();
        for _ in 0..n {
            let mut key_len = [0u8; 1];
            input.read_exact(&mut key_len)?;
            let mut key = vec![0u8; usize::from(key_len[0])];
            input.read_exact(&mut key)?;
            let key = String::from_utf8(key).map_err(|_| invalid("a cache key is not text"))?;
            let mut dim = [0u8; 4];
            input.read_exact(&mut dim)?;
            let dim = u32::from_le_bytes(dim) as usize;
            if dim > 16_384 {
                return Err(invalid("a cached vector is implausibly long"));
            }
            let mut raw = vec![0u8; dim * 4];
            input.read_exact(&mut raw)?;
            let vector = raw
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            entries.insert(key, vector);
        }
        Ok(EmbeddingCache { entries })
    }

    /// Embeds `texts`, computing only those not cached and storing them.
    /// Returns `Ok(None)` when cancelled, and how many texts were newly embedded.
    pub fn embed(
        &mut self,
        encoder: &dyn Embedder,
        texts: &[&str],
        progress: &(dyn Fn(usize, usize) + Sync),
        cancel: Option<&AtomicBool>,
    ) -> Result<Option<(Array2<f32>, usize)>, EncoderError> {
        let keys: Vec<String> = texts
            .iter()
            .map(|t| cache_key(encoder.model_id(), t))
            .collect();
        let mut missing: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, k) in keys.iter().enumerate() {
            if !self.entries.contains_key(k) && seen.insert(k.as_str()) {
                missing.push(i);
            }
        }
        let new_texts: Vec<&str> = missing.iter().map(|&i| texts[i]).collect();
        if !new_texts.is_empty() {
            let Some(vecs) = encoder.embed(&new_texts, progress, cancel)? else {
                return Ok(None);
            };
            for (row, &i) in vecs.outer_iter().zip(&missing) {
                self.entries.insert(keys[i].clone(), row.to_vec());
            }
        } else {
            progress(texts.len(), texts.len());
        }
        let dim = encoder.dim();
        let mut out = Array2::<f32>::zeros((texts.len(), dim));
        for (i, k) in keys.iter().enumerate() {
            if let Some(v) = self.entries.get(k) {
                out.row_mut(i)
                    .assign(&ndarray::ArrayView1::from(v.as_slice()));
            }
        }
        Ok(Some((out, missing.len())))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Embeds a text as its length and first byte, counting the texts it was asked for.
    struct Counting(AtomicUsize);

    impl Embedder for Counting {
        fn model_id(&self) -> &str {
            "counting"
        }

        fn dim(&self) -> usize {
            2
        }

        fn embed(
            &self,
            texts: &[&str],
            _progress: &(dyn Fn(usize, usize) + Sync),
            _cancel: Option<&AtomicBool>,
        ) -> Result<Option<Array2<f32>>, EncoderError> {
            self.0.fetch_add(texts.len(), Ordering::Relaxed);
            let rows: Vec<f32> = texts
                .iter()
                .flat_map(|t| [t.len() as f32, f32::from(t.as_bytes()[0])])
                .collect();
            Ok(Some(
                Array2::from_shape_vec((texts.len(), 2), rows).expect("shape"),
            ))
        }
    }

    #[test]
    fn a_saved_cache_reads_back_and_spares_the_encoder() {
        let encoder = Counting(AtomicUsize::new(0));
        let mut cache = EmbeddingCache::new();
        let texts = ["more buses", "safer crossings", "more buses"];
        let (first, new) = cache
            .embed(&encoder, &texts, &|_, _| {}, None)
            .expect("embeds")
            .expect("not cancelled");
        assert_eq!(new, 2, "a repeated text is embedded once");
        let mut bytes = Vec::new();
        cache.write(&mut bytes).expect("writes");
        let mut again = EmbeddingCache::read(&mut bytes.as_slice()).expect("reads");
        assert_eq!(again, cache);
        let (second, new) = again
            .embed(&encoder, &texts, &|_, _| {}, None)
            .expect("embeds")
            .expect("not cancelled");
        assert_eq!((new, second), (0, first), "nothing embedded after a reload");
        assert_eq!(encoder.0.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn a_foreign_or_cut_file_is_refused() {
        let mut cache = EmbeddingCache::new();
        cache.entries.insert("k".into(), vec![1.0, 2.0]);
        let mut bytes = Vec::new();
        cache.write(&mut bytes).expect("writes");
        let cut = &bytes[..bytes.len() - 3];
        assert!(EmbeddingCache::read(&mut &cut[..]).is_err());
        let mut foreign = bytes.clone();
        foreign[0] = b'X';
        let err = EmbeddingCache::read(&mut foreign.as_slice()).expect_err("bad magic");
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }
}
