//! A BERT-family encoder forward pass on plain ndarray (inference only, f32, CPU): BERT
//! (`model_type: "bert"`, e.g. all-MiniLM-L6-v2, paraphrase-multilingual-MiniLM-L12-v2,
//! multilingual-e5-small) and XLM-RoBERTa / RoBERTa (`"xlm-roberta"`, `"roberta"`, e.g.
//! paraphrase-multilingual-mpnet-base-v2's encoder). The two differ only in the embeddings:
//! RoBERTa's position ids start after its padding id (`pad_token_id + 1`), so a 514-row table
//! holds 512 tokens, and it has one token type. MPNet (`"mpnet"`, e.g. all-mpnet-base-v2) has
//! RoBERTa's positions, no token types, other weight names, and adds a learned bias to every
//! attention score from the bucketed distance between the two tokens (T5's buckets). Any other
//! `model_type` is refused by name.
//!
//! No padding: the tokens of every text in a batch are stacked into one `(tokens × hidden)`
//! matrix, so each linear layer is one large matrix product (faer's, whose kernels use AVX-512
//! or AVX2 as the CPU allows), and only attention runs per text. A batch runs on one thread: the
//! encoder runs batches in parallel, which keeps every core busy without a hand-off inside each
//! layer. The element-wise loops (GELU, softmax, layer norm) are compiled for AVX2 + FMA as well
//! and chosen at run time (`pulp`). `examples/embed_bench.rs` times it; the README has the
//! side-by-side figures against PyTorch.

use faer::linalg::matmul::matmul;
use faer::{Accum, MatMut, MatRef, Par};
use ndarray::{Array1, Array2, ArrayView2, Axis, Slice};
use safetensors::{Dtype, SafeTensors};
use serde::Deserialize;

use crate::error::EncoderError;

/// The encoder families the forward pass implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    /// BERT: position ids from 0.
    Bert,
    /// XLM-RoBERTa: position ids from `pad_token_id + 1`.
    XlmRoberta,
    /// RoBERTa (English): the same network as XLM-RoBERTa.
    Roberta,
    /// MPNet: RoBERTa's positions plus a relative-position attention bias.
    MpNet,
}

impl Architecture {
    /// The `model_type` name.
    pub fn name(self) -> &'static str {
        match self {
            Architecture::Bert => "bert",
            Architecture::XlmRoberta => "xlm-roberta",
            Architecture::Roberta => "roberta",
            Architecture::MpNet => "mpnet",
        }
    }
}

/// The subset of a Hugging Face `config.json` the forward pass needs.
#[derive(Debug, Clone, Deserialize)]
pub struct BertConfig {
    /// `bert`, `xlm-roberta`, `roberta` or `mpnet`; when absent, read from `architectures`.
    #[serde(default)]
    pub model_type: Option<String>,
    /// Model classes (`["XLMRobertaModel"]`), used when `model_type` is absent.
    #[serde(default)]
    pub architectures: Vec<String>,
    /// Padding token id: RoBERTa's position ids start after it.
    #[serde(default)]
    pub pad_token_id: Option<usize>,
    /// Hidden size.
    pub hidden_size: usize,
    /// Number of transformer layers.
    pub num_hidden_layers: usize,
    /// Attention heads per layer.
    pub num_attention_heads: usize,
    /// Feed-forward inner size.
    pub intermediate_size: usize,
    /// Position-embedding table size.
    pub max_position_embeddings: usize,
    /// Layer-norm epsilon.
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f32,
    /// Activation; only `gelu` (exact erf form) is supported.
    #[serde(default = "default_act")]
    pub hidden_act: String,
    /// MPNet: buckets of the relative-position attention bias.
    #[serde(default = "default_buckets")]
    pub relative_attention_num_buckets: usize,
}

impl BertConfig {
    /// The architecture `model_type` (or, without one, `architectures`) names; a configuration
    /// naming neither is read as BERT, as sentence-transformers' oldest exports are.
    pub fn architecture(&self) -> Result<Architecture, EncoderError> {
        let named = self.model_type.clone().or_else(|| {
            self.architectures.first().map(|a| {
                let a = a.to_ascii_lowercase();
                if a.starts_with("xlmroberta") {
                    "xlm-roberta".to_owned()
                } else if a.starts_with("roberta") {
                    "roberta".to_owned()
                } else if a.starts_with("bert") {
                    "bert".to_owned()
                } else if a.starts_with("mpnet") {
                    "mpnet".to_owned()
                } else {
                    a
                }
            })
        });
        match named.as_deref() {
            None | Some("bert") => Ok(Architecture::Bert),
            Some("xlm-roberta") => Ok(Architecture::XlmRoberta),
            Some("roberta") => Ok(Architecture::Roberta),
            Some("mpnet") => Ok(Architecture::MpNet),
            Some(other) => Err(EncoderError::Unsupported {
                model_type: other.to_owned(),
            }),
        }
    }

    /// Rows of the position table before the first position (RoBERTa: `pad_token_id + 1`).
    pub fn position_offset(&self) -> Result<usize, EncoderError> {
        Ok(match self.architecture()? {
            Architecture::Bert => 0,
            Architecture::XlmRoberta | Architecture::Roberta | Architecture::MpNet => {
                self.pad_token_id.unwrap_or(1) + 1
            }
        })
    }
}

/// How token vectors become one sentence vector (sentence-transformers' `1_Pooling`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pooling {
    /// Mean of every token's vector.
    Mean,
    /// The first token's (`[CLS]` / `<s>`) vector.
    Cls,
}

fn default_eps() -> f32 {
    1e-12
}
fn default_act() -> String {
    "gelu".into()
}
fn default_buckets() -> usize {
    32
}

struct LayerNorm {
    gamma: Array1<f32>,
    beta: Array1<f32>,
}

struct Linear {
    /// `(in × out)`: the transpose of the stored PyTorch weight.
    w: Array2<f32>,
    b: Array1<f32>,
}

struct Layer {
    qkv: Linear,
    attn_out: Linear,
    ln1: LayerNorm,
    up: Linear,
    down: Linear,
    ln2: LayerNorm,
}

/// Weights of a BERT encoder.
pub struct BertModel {
    cfg: BertConfig,
    architecture: Architecture,
    /// Position-table row of the first token (0 for BERT, `pad_token_id + 1` for RoBERTa).
    position_offset: usize,
    word: Array2<f32>,
    position: Array2<f32>,
    token_type0: Array1<f32>,
    emb_ln: LayerNorm,
    layers: Vec<Layer>,
    /// MPNet: the attention bias of each distance bucket, `(buckets × heads)`.
    relative_bias: Option<Array2<f32>>,
}

impl BertModel {
    /// Reads the weights from the bytes of a `model.safetensors` file.
    pub fn from_safetensors(cfg: BertConfig, bytes: &[u8]) -> Result<Self, EncoderError> {
        let architecture = cfg.architecture()?;
        let position_offset = cfg.position_offset()?;
        if position_offset + 2 > cfg.max_position_embeddings {
            return Err(EncoderError::Weight {
                name: "max_position_embeddings".into(),
                message: format!(
                    "{} positions leave no room after the padding offset {position_offset}",
                    cfg.max_position_embeddings
                ),
            });
        }
        if cfg.hidden_act != "gelu" {
            return Err(EncoderError::Weight {
                name: "hidden_act".into(),
                message: format!("unsupported activation {:?}", cfg.hidden_act),
            });
        }
        if cfg.num_attention_heads == 0 || !cfg.hidden_size.is_multiple_of(cfg.num_attention_heads)
        {
            return Err(EncoderError::Weight {
                name: "num_attention_heads".into(),
                message: "hidden size is not divisible by the number of heads".into(),
            });
        }
        let st = SafeTensors::deserialize(bytes).map_err(|e| EncoderError::Format {
            path: "model.safetensors".into(),
            message: e.to_string(),
        })?;
        let prefix = ["bert.", "roberta.", "model.", ""]
            .into_iter()
            .find(|p| {
                st.tensor(&format!("{p}embeddings.word_embeddings.weight"))
                    .is_ok()
            })
            .unwrap_or("");
        let h = cfg.hidden_size;
        let get = |name: &str, shape: &[usize]| load(&st, &format!("{prefix}{name}"), shape);
        let vec = |name: &str, n: usize| -> Result<Array1<f32>, EncoderError> {
            get(name, &[n])?
                .into_shape_with_order(n)
                .map_err(|e| shape_err(name, e))
        };
        let ln = |name: &str| -> Result<LayerNorm, EncoderError> {
            Ok(LayerNorm {
                gamma: vec(&format!("{name}.weight"), h)?,
                beta: vec(&format!("{name}.bias"), h)?,
            })
        };
        let linear = |name: &str, out: usize, inp: usize| -> Result<Linear, EncoderError> {
            let w = get(&format!("{name}.weight"), &[out, inp])?;
            let w = w
                .into_shape_with_order((out, inp))
                .map_err(|e| shape_err(name, e))?;
            Ok(Linear {
                w: w.t().as_standard_layout().to_owned(),
                b: vec(&format!("{name}.bias"), out)?,
            })
        };
        let word = get("embeddings.word_embeddings.weight", &[0, h])?;
        let vocab = word.len() / h;
        let word = word
            .into_shape_with_order((vocab, h))
            .map_err(|e| shape_err("word", e))?;
        let p = cfg.max_position_embeddings;
        let position = get("embeddings.position_embeddings.weight", &[p, h])?
            .into_shape_with_order((p, h))
            .map_err(|e| shape_err("position", e))?;
        let mpnet = architecture == Architecture::MpNet;
        let token_type0 = if mpnet {
            Array1::zeros(h)
        } else {
            let types = get("embeddings.token_type_embeddings.weight", &[0, h])?;
            types.slice_axis(Axis(0), Slice::from(..h)).to_owned()
        };
        let emb_ln = ln("embeddings.LayerNorm")?;
        // Where each part of a layer is stored: (query, key, value, attention output, its norm).
        let names: [&str; 5] = if mpnet {
            [
                "attention.attn.q",
                "attention.attn.k",
                "attention.attn.v",
                "attention.attn.o",
                "attention.LayerNorm",
            ]
        } else {
            [
                "attention.self.query",
                "attention.self.key",
                "attention.self.value",
                "attention.output.dense",
                "attention.output.LayerNorm",
            ]
        };
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers);
        for i in 0..cfg.num_hidden_layers {
            let pre = format!("encoder.layer.{i}");
            let q = linear(&format!("{pre}.{}", names[0]), h, h)?;
            let k = linear(&format!("{pre}.{}", names[1]), h, h)?;
            let v = linear(&format!("{pre}.{}", names[2]), h, h)?;
            let qkv = Linear {
                // `concatenate` along columns gives column-major storage; `linear` reads rows.
                w: ndarray::concatenate(Axis(1), &[q.w.view(), k.w.view(), v.w.view()])
                    .map_err(|e| shape_err("qkv", e))?
                    .as_standard_layout()
                    .into_owned(),
                b: ndarray::concatenate(Axis(0), &[q.b.view(), k.b.view(), v.b.view()])
                    .map_err(|e| shape_err("qkv", e))?,
            };
            layers.push(Layer {
                qkv,
                attn_out: linear(&format!("{pre}.{}", names[3]), h, h)?,
                ln1: ln(&format!("{pre}.{}", names[4]))?,
                up: linear(
                    &format!("{pre}.intermediate.dense"),
                    cfg.intermediate_size,
                    h,
                )?,
                down: linear(&format!("{pre}.output.dense"), h, cfg.intermediate_size)?,
                ln2: ln(&format!("{pre}.output.LayerNorm"))?,
            });
        }
        let relative_bias = if mpnet {
            let (b, heads) = (cfg.relative_attention_num_buckets, cfg.num_attention_heads);
            let name = "encoder.relative_attention_bias.weight";
            Some(
                get(name, &[b, heads])?
                    .into_shape_with_order((b, heads))
                    .map_err(|e| shape_err(name, e))?,
            )
        } else {
            None
        };
        Ok(BertModel {
            cfg,
            architecture,
            position_offset,
            word,
            position,
            token_type0,
            emb_ln,
            layers,
            relative_bias,
        })
    }

    /// Hidden size (the embedding dimension).
    pub fn hidden_size(&self) -> usize {
        self.cfg.hidden_size
    }

    /// Longest sequence the position table allows (after RoBERTa's padding offset).
    pub fn max_positions(&self) -> usize {
        self.cfg.max_position_embeddings - self.position_offset
    }

    /// Which encoder family this is.
    pub fn architecture(&self) -> Architecture {
        self.architecture
    }

    /// Vocabulary size.
    pub fn vocab_size(&self) -> usize {
        self.word.nrows()
    }

    /// Mean-pooled, L2-normalised sentence vectors for a batch of token-ID sequences.
    pub fn embed(&self, seqs: &[&[u32]]) -> Array2<f32> {
        self.embed_pooled(seqs, Pooling::Mean)
    }

    /// Sentence vectors pooled as `pooling` asks, L2-normalised, for a batch of token-ID
    /// sequences (unpadded: each text is attended to on its own).
    pub fn embed_pooled(&self, seqs: &[&[u32]], pooling: Pooling) -> Array2<f32> {
        let h = self.cfg.hidden_size;
        let lens: Vec<usize> = seqs.iter().map(|s| s.len()).collect();
        let total: usize = lens.iter().sum();
        let mut x = Array2::<f32>::zeros((total, h));
        let mut row = 0;
        for seq in seqs {
            for (pos, &id) in seq.iter().enumerate() {
                let id = (id as usize).min(self.word.nrows() - 1);
                let pos = (pos + self.position_offset).min(self.position.nrows() - 1);
                let mut r = x.row_mut(row);
                r.assign(&self.word.row(id));
                r += &self.position.row(pos);
                r += &self.token_type0;
                row += 1;
            }
        }
        layer_norm(&mut x, &self.emb_ln, self.cfg.layer_norm_eps);
        for layer in &self.layers {
            x = self.layer(x, layer, &lens);
        }
        let mut out = Array2::<f32>::zeros((seqs.len(), h));
        let mut start = 0;
        for (i, &l) in lens.iter().enumerate() {
            if l > 0 {
                match pooling {
                    Pooling::Mean => {
                        let mean = x
                            .slice_axis(Axis(0), Slice::from(start..start + l))
                            .sum_axis(Axis(0))
                            / l as f32;
                        out.row_mut(i).assign(&mean);
                    }
                    Pooling::Cls => out.row_mut(i).assign(&x.row(start)),
                }
            }
            start += l;
        }
        crate::linalg::normalize_rows(&mut out);
        out
    }

    fn layer(&self, x: Array2<f32>, layer: &Layer, lens: &[usize]) -> Array2<f32> {
        let h = self.cfg.hidden_size;
        let heads = self.cfg.num_attention_heads;
        let eps = self.cfg.layer_norm_eps;
        let qkv = linear(x.view(), &layer.qkv);
        let mut ctx = Array2::<f32>::zeros((x.nrows(), h));
        attention(
            qkv.as_slice().unwrap_or(&[]),
            ctx.as_slice_mut().unwrap_or(&mut []),
            lens,
            heads,
            self.relative_bias.as_ref().map(Array2::view),
        );
        let mut attn = linear(ctx.view(), &layer.attn_out);
        attn += &x;
        drop(x);
        layer_norm(&mut attn, &layer.ln1, eps);
        let mut up = linear(attn.view(), &layer.up);
        gelu_in_place(up.as_slice_mut().unwrap_or(&mut []));
        let mut down = linear(up.view(), &layer.down);
        down += &attn;
        layer_norm(&mut down, &layer.ln2, eps);
        down
    }
}

fn shape_err(name: &str, e: impl std::fmt::Display) -> EncoderError {
    EncoderError::Weight {
        name: name.into(),
        message: e.to_string(),
    }
}

/// Reads an f32 tensor; a 0 in `shape` accepts any size in that dimension.
fn load(st: &SafeTensors<'_>, name: &str, shape: &[usize]) -> Result<Array1<f32>, EncoderError> {
    let t = st.tensor(name).map_err(|e| EncoderError::Weight {
        name: name.into(),
        message: e.to_string(),
    })?;
    if t.dtype() != Dtype::F32 {
        return Err(EncoderError::Weight {
            name: name.into(),
            message: format!("dtype {:?}, need F32", t.dtype()),
        });
    }
    let ok = t.shape().len() == shape.len()
        && t.shape().iter().zip(shape).all(|(&a, &b)| b == 0 || a == b);
    if !ok {
        return Err(EncoderError::Weight {
            name: name.into(),
            message: format!("shape {:?}, need {:?}", t.shape(), shape),
        });
    }
    let data: Vec<f32> = t
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    Ok(Array1::from(data))
}

/// Self-attention per text: `qkv` holds each text's rows of `[Q | K | V]` (`3 · hidden` wide),
/// `ctx` receives each text's rows of the heads' outputs side by side (`hidden` wide). With
/// `relative_bias` (MPNet, `buckets × heads`), score `(i, j)` of head `h` gains
/// `relative_bias[bucket(j − i), h]` before the softmax.
fn attention(
    qkv: &[f32],
    ctx: &mut [f32],
    lens: &[usize],
    heads: usize,
    relative_bias: Option<ArrayView2<'_, f32>>,
) {
    let total: usize = lens.iter().sum();
    if total == 0 {
        return;
    }
    let h = ctx.len() / total;
    let dh = h / heads;
    let scale = 1.0 / (dh as f32).sqrt();
    let longest = lens.iter().copied().max().unwrap_or(0);
    let mut scores = vec![0.0f32; longest * longest];
    // Bucket of each distance j − i, at index j − i + longest − 1.
    let buckets: Vec<usize> = match relative_bias {
        Some(bias) => (0..2 * longest)
            .map(|d| relative_position_bucket(d as i64 - longest as i64 + 1, bias.nrows()))
            .collect(),
        None => Vec::new(),
    };
    let mut start = 0;
    for &l in lens {
        if l == 0 {
            continue;
        }
        let t = MatRef::from_row_major_slice(&qkv[start * 3 * h..(start + l) * 3 * h], l, 3 * h);
        let mut out = MatMut::from_row_major_slice_mut(&mut ctx[start * h..(start + l) * h], l, h);
        let scores = &mut scores[..l * l];
        for hd in 0..heads {
            let q = t.subcols(hd * dh, dh);
            let k = t.subcols(h + hd * dh, dh);
            let v = t.subcols(2 * h + hd * dh, dh);
            matmul(
                MatMut::from_row_major_slice_mut(scores, l, l),
                Accum::Replace,
                q,
                k.transpose(),
                scale,
                Par::Seq,
            );
            if let Some(bias) = relative_bias {
                let column = bias.column(hd);
                for (i, row) in scores.chunks_exact_mut(l).enumerate() {
                    let from = longest - 1 - i;
                    for (s, &b) in row.iter_mut().zip(&buckets[from..from + l]) {
                        *s += column[b];
                    }
                }
            }
            simd(|| scores.chunks_exact_mut(l).for_each(softmax_in_place));
            matmul(
                out.as_mut().subcols_mut(hd * dh, dh),
                Accum::Replace,
                MatRef::from_row_major_slice(scores, l, l),
                v,
                1.0,
                Par::Seq,
            );
        }
        start += l;
    }
}

/// MPNet's (T5's bidirectional) bucket of the relative position `memory − context` among
/// `buckets` (up to 128 tokens apart; farther shares the last bucket). Half the buckets are for
/// keys before the query, half for keys after; within each half, distances below a quarter of
/// the buckets have one bucket each and longer ones share logarithmically wider buckets. The
/// logarithm is taken in f32, as PyTorch does, so bucket edges fall where they fall there.
pub fn relative_position_bucket(relative: i64, buckets: usize) -> usize {
    const MAX_DISTANCE: f32 = 128.0;
    let half = buckets / 2;
    let n = -relative;
    let mut bucket = if n < 0 { half } else { 0 };
    let n = n.unsigned_abs() as usize;
    let exact = half / 2;
    bucket += if n < exact {
        n
    } else {
        let exact_f = exact as f32;
        let log = (n as f32 / exact_f).ln() / (MAX_DISTANCE / exact_f).ln();
        let large = exact + (log * (half - exact) as f32) as usize;
        large.min(half - 1)
    };
    bucket
}

/// `x · w + b`, one thread (the encoder runs batches in parallel).
fn linear(x: ArrayView2<'_, f32>, l: &Linear) -> Array2<f32> {
    let (m, k, n) = (x.nrows(), x.ncols(), l.w.ncols());
    let mut out = Array2::<f32>::zeros((m, n));
    out.outer_iter_mut().for_each(|mut r| r.assign(&l.b));
    let x = x.as_standard_layout();
    let w = l.w.as_standard_layout();
    // Standard layout always has a slice; were one missing, faer's size check stops here rather
    // than the layer silently returning its bias.
    matmul(
        MatMut::from_row_major_slice_mut(out.as_slice_mut().unwrap_or(&mut []), m, n),
        Accum::Add,
        MatRef::from_row_major_slice(x.as_slice().unwrap_or(&[]), m, k),
        MatRef::from_row_major_slice(w.as_slice().unwrap_or(&[]), k, n),
        1.0,
        Par::Seq,
    );
    out
}

fn layer_norm(x: &mut Array2<f32>, ln: &LayerNorm, eps: f32) {
    let gamma = ln.gamma.as_slice().unwrap_or(&[]);
    let beta = ln.beta.as_slice().unwrap_or(&[]);
    let h = x.ncols();
    let rows = x.as_slice_mut().unwrap_or(&mut []).chunks_exact_mut(h);
    simd(|| {
        for r in rows {
            let mean = r.iter().sum::<f32>() / h as f32;
            let var = r.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
            let inv = 1.0 / (var + eps).sqrt();
            for ((v, g), b) in r.iter_mut().zip(gamma).zip(beta) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    });
}

/// Runs `f` compiled for the widest vector instructions the CPU has (AVX2 + FMA on x86-64, else
/// the baseline); `f`'s loops and the `#[inline(always)]` functions they call are vectorised
/// for them. The choice is made at run time, so the binary still runs on any x86-64.
#[inline(always)]
fn simd<R>(f: impl FnOnce() -> R) -> R {
    pulp::Arch::new().dispatch(f)
}

/// `exp` for f32 with ~2 ulp error, written so the compiler can vectorise it.
#[inline(always)]
pub fn fast_exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    let x = x.clamp(-87.0, 88.0);
    let n = (x * LOG2E + 12_582_912.0) - 12_582_912.0; // round to nearest
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r / 5040.0))))));
    let bits = ((n as i32 + 127) as u32) << 23;
    p * f32::from_bits(bits)
}

/// `erf` (Abramowitz–Stegun 7.1.26 refined: max abs error 1.5e-7).
#[inline(always)]
fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let y = 1.0
        - (((((1.061_405_4 * t - 1.453_152_1) * t) + 1.421_413_8) * t - 0.284_496_74) * t
            + 0.254_829_6)
            * t
            * fast_exp(-a * a);
    if x < 0.0 { -y } else { y }
}

fn gelu_in_place(v: &mut [f32]) {
    const INV_SQRT2: f32 = std::f32::consts::FRAC_1_SQRT_2;
    simd(|| {
        for x in v.iter_mut() {
            *x = 0.5 * *x * (1.0 + erf(*x * INV_SQRT2));
        }
    });
}

#[inline(always)]
fn softmax_in_place(v: &mut [f32]) {
    let max = v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for x in v.iter_mut() {
        *x = fast_exp(*x - max);
        sum += *x;
    }
    let inv = 1.0 / sum;
    v.iter_mut().for_each(|x| *x *= inv);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_exp_is_accurate() {
        let mut x = -80.0f32;
        while x < 80.0 {
            let rel = (fast_exp(x) - x.exp()).abs() / x.exp();
            assert!(rel < 5e-7, "exp({x}): rel err {rel}");
            x += 0.37;
        }
    }

    #[test]
    fn erf_is_accurate() {
        // erf values from tables.
        for (x, want) in [
            (0.0f32, 0.0f32),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (-2.0, -0.995_322_3),
            (3.0, 0.999_977_9),
        ] {
            assert!(
                (erf(x) - want).abs() < 3e-7,
                "erf({x}) = {} vs {want}",
                erf(x)
            );
        }
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut v = [1.0f32, 2.0, 3.0, -50.0];
        softmax_in_place(&mut v);
        assert!((v.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(v[2] > v[1] && v[1] > v[0]);
    }
}

#[cfg(test)]
mod matmul_tests {
    use super::*;

    #[test]
    fn linear_matches_loops() {
        let (m, k, n) = (7, 5, 3);
        let x = Array2::from_shape_fn((m, k), |(i, j)| (i * k + j) as f32 * 0.1 - 1.0);
        let w = Array2::from_shape_fn((k, n), |(i, j)| (i as f32 - j as f32) * 0.3);
        let b = Array1::from_shape_fn(n, |j| j as f32);
        let out = linear(
            x.view(),
            &Linear {
                w: w.clone(),
                b: b.clone(),
            },
        );
        for i in 0..m {
            for j in 0..n {
                let want: f32 = b[j] + (0..k).map(|t| x[[i, t]] * w[[t, j]]).sum::<f32>();
                assert!(
                    (out[[i, j]] - want).abs() < 1e-4,
                    "[{i},{j}] {} vs {want}",
                    out[[i, j]]
                );
            }
        }
    }

    /// Attention of one head over one text, written out as loops; `bias(i, j, head)` is added
    /// to each score.
    fn attention_by_loops(
        qkv: &[f32],
        ctx: &mut [f32],
        lens: &[usize],
        heads: usize,
        bias: &dyn Fn(usize, usize, usize) -> f32,
    ) {
        let total: usize = lens.iter().sum();
        let h = ctx.len() / total;
        let dh = h / heads;
        let mut start = 0;
        for &l in lens {
            for hd in 0..heads {
                for i in 0..l {
                    let q = |t: usize| qkv[(start + i) * 3 * h + hd * dh + t];
                    let mut s: Vec<f32> = (0..l)
                        .map(|j| {
                            (0..dh)
                                .map(|t| q(t) * qkv[(start + j) * 3 * h + h + hd * dh + t])
                                .sum::<f32>()
                                / (dh as f32).sqrt()
                                + bias(i, j, hd)
                        })
                        .collect();
                    let max = s.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
                    s.iter_mut().for_each(|v| *v = (*v - max).exp());
                    let sum: f32 = s.iter().sum();
                    for t in 0..dh {
                        ctx[(start + i) * h + hd * dh + t] = (0..l)
                            .map(|j| s[j] / sum * qkv[(start + j) * 3 * h + 2 * h + hd * dh + t])
                            .sum();
                    }
                }
            }
            start += l;
        }
    }

    #[test]
    fn attention_matches_loops() {
        let lens = [3usize, 1, 0, 9, 17];
        let (heads, h) = (4, 16);
        let total: usize = lens.iter().sum();
        let qkv: Vec<f32> = (0..total * 3 * h)
            .map(|i| ((i * 7919) % 113) as f32 / 40.0 - 1.4)
            .collect();
        let mut got = vec![0.0f32; total * h];
        let mut want = vec![0.0f32; total * h];
        attention(&qkv, &mut got, &lens, heads, None);
        attention_by_loops(&qkv, &mut want, &lens, heads, &|_, _, _| 0.0);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!((g - w).abs() < 1e-4, "ctx[{i}] {g} vs {w}");
        }
        // MPNet's relative-position bias: 32 buckets, one column per head.
        let bias =
            Array2::from_shape_fn((32, heads), |(b, hd)| (b as f32 - 12.0) / 8.0 + hd as f32);
        attention(&qkv, &mut got, &lens, heads, Some(bias.view()));
        let by_distance = |i: usize, j: usize, hd: usize| {
            bias[[relative_position_bucket(j as i64 - i as i64, 32), hd]]
        };
        attention_by_loops(&qkv, &mut want, &lens, heads, &by_distance);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!((g - w).abs() < 1e-4, "biased ctx[{i}] {g} vs {w}");
        }
    }

    #[test]
    fn relative_buckets_are_t5s() {
        // Keys after the query (j > i) take the upper half; exact up to 7 apart, then
        // logarithmic: 8 + floor(ln(n / 8) / ln 16 · 8), at most 15.
        let expected: [(i64, usize); 14] = [
            (0, 0),
            (-1, 1),
            (-7, 7),
            (-8, 8),
            (-11, 8),
            (-12, 9),
            (-16, 10),
            (-32, 12),
            (-64, 14),
            (-127, 15),
            (-1000, 15),
            (1, 17),
            (7, 23),
            (16, 26),
        ];
        for (relative, bucket) in expected {
            assert_eq!(relative_position_bucket(relative, 32), bucket, "{relative}");
        }
    }
}
