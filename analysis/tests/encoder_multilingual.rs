//! Multilingual encoders: a tiny XLM-RoBERTa-style sentence-transformers directory built here
//! (random weights in safetensors, a SentencePiece-style Unigram `tokenizer.json` from the
//! `tokenizers` crate, `config.json`, pooling configuration) loads, encodes deterministically,
//! is not changed by batching with longer texts, and matches a plain per-token reference forward
//! pass that starts position ids after the padding id; an MPNet directory built the same way
//! (its weight names, no token types, a relative-position attention bias) matches the reference
//! with that bias added; an unsupported architecture is refused by name.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use analysis::semantic::bert::{Pooling, relative_position_bucket};
use analysis::{Embedder, EncoderError, SentenceEncoder};
use safetensors::tensor::TensorView;
use tokenizers::Tokenizer;
use tokenizers::models::unigram::Unigram;
use tokenizers::pre_tokenizers::metaspace::{Metaspace, PrependScheme};
use tokenizers::processors::roberta::RobertaProcessing;

const HIDDEN: usize = 8;
const HEADS: usize = 2;
const LAYERS: usize = 2;
const INTER: usize = 16;
const PAD: usize = 1;
/// 16 usable positions after the padding offset.
const POSITIONS: usize = 16 + PAD + 1;
const EPS: f64 = 1e-5;

const PIECES: [&str; 14] = [
    "▁bus",
    "▁late",
    "▁xe",
    "▁buýt",
    "▁trễ",
    "▁park",
    "▁trees",
    "▁công",
    "▁viên",
    "▁cây",
    "▁the",
    "▁is",
    "▁always",
    "▁",
];

/// Deterministic weights: a xorshift stream scaled to ±`scale`.
struct Rng(u64);

impl Rng {
    fn next(&mut self, scale: f32) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * scale
    }
    fn tensor(&mut self, n: usize, scale: f32) -> Vec<f32> {
        (0..n).map(|_| self.next(scale)).collect()
    }
}

/// The weights by unprefixed name, with their shapes.
type Weights = BTreeMap<String, (Vec<usize>, Vec<f32>)>;

fn vocab_size() -> usize {
    4 + PIECES.len()
}

fn weights() -> Weights {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut w = Weights::new();
    let mut put = |name: &str, shape: &[usize], scale: f32, rng: &mut Rng| {
        let n = shape.iter().product();
        w.insert(name.to_owned(), (shape.to_vec(), rng.tensor(n, scale)));
    };
    put(
        "embeddings.word_embeddings.weight",
        &[vocab_size(), HIDDEN],
        1.0,
        &mut rng,
    );
    put(
        "embeddings.position_embeddings.weight",
        &[POSITIONS, HIDDEN],
        1.0,
        &mut rng,
    );
    put(
        "embeddings.token_type_embeddings.weight",
        &[1, HIDDEN],
        0.5,
        &mut rng,
    );
    let ln = |name: &str, rng: &mut Rng, w: &mut Weights| {
        let gamma: Vec<f32> = (0..HIDDEN).map(|_| 1.0 + rng.next(0.2)).collect();
        w.insert(format!("{name}.weight"), (vec![HIDDEN], gamma));
        w.insert(
            format!("{name}.bias"),
            (vec![HIDDEN], rng.tensor(HIDDEN, 0.1)),
        );
    };
    ln("embeddings.LayerNorm", &mut rng, &mut w);
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}");
        for (name, out, inp) in [
            ("attention.self.query", HIDDEN, HIDDEN),
            ("attention.self.key", HIDDEN, HIDDEN),
            ("attention.self.value", HIDDEN, HIDDEN),
            ("attention.output.dense", HIDDEN, HIDDEN),
            ("intermediate.dense", INTER, HIDDEN),
            ("output.dense", HIDDEN, INTER),
        ] {
            w.insert(
                format!("{p}.{name}.weight"),
                (vec![out, inp], rng.tensor(out * inp, 0.5)),
            );
            w.insert(
                format!("{p}.{name}.bias"),
                (vec![out], rng.tensor(out, 0.1)),
            );
        }
        ln(&format!("{p}.attention.output.LayerNorm"), &mut rng, &mut w);
        ln(&format!("{p}.output.LayerNorm"), &mut rng, &mut w);
    }
    w
}

fn tokenizer() -> Tokenizer {
    let mut vocab: Vec<(String, f64)> = ["<s>", "<pad>", "</s>", "<unk>"]
        .iter()
        .map(|t| ((*t).to_owned(), 0.0))
        .collect();
    vocab.extend(PIECES.iter().map(|p| ((*p).to_owned(), -2.0)));
    let model = Unigram::from(vocab, Some(3), false).expect("unigram");
    let mut tok = Tokenizer::new(model);
    tok.with_pre_tokenizer(Some(Metaspace::new('▁', PrependScheme::Always, true)));
    tok.with_post_processor(Some(RobertaProcessing::new(
        ("</s>".into(), 2),
        ("<s>".into(), 0),
    )));
    tok
}

fn config(model_type: &str) -> serde_json::Value {
    serde_json::json!({
        "architectures": ["XLMRobertaModel"],
        "model_type": model_type,
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTER,
        "max_position_embeddings": POSITIONS,
        "type_vocab_size": 1,
        "pad_token_id": PAD,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "layer_norm_eps": EPS,
        "hidden_act": "gelu",
        "vocab_size": vocab_size(),
    })
}

/// Writes a model directory: weights under `prefix`, `pooling` as the pooling mode.
fn write_model(dir: &Path, w: &Weights, prefix: &str, pooling: &str, model_type: &str) {
    std::fs::create_dir_all(dir.join("1_Pooling")).expect("dir");
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> = w
        .iter()
        .map(|(name, (shape, v))| {
            let b: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
            (format!("{prefix}{name}"), shape.clone(), b)
        })
        .collect();
    let views: Vec<(String, TensorView<'_>)> = bytes
        .iter()
        .map(|(name, shape, b)| {
            (
                name.clone(),
                TensorView::new(safetensors::Dtype::F32, shape.clone(), b).expect("view"),
            )
        })
        .collect();
    let st = safetensors::serialize(views, None).expect("serialize");
    std::fs::write(dir.join("model.safetensors"), st).expect("weights");
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_vec_pretty(&config(model_type)).expect("json"),
    )
    .expect("config");
    tokenizer()
        .save(dir.join("tokenizer.json"), true)
        .expect("tokenizer.json");
    std::fs::write(
        dir.join("1_Pooling/config.json"),
        format!(
            r#"{{"word_embedding_dimension": {HIDDEN}, "pooling_mode_cls_token": {}, "pooling_mode_mean_tokens": {}}}"#,
            pooling == "cls",
            pooling == "mean"
        ),
    )
    .expect("pooling");
    std::fs::write(
        dir.join("sentence_bert_config.json"),
        r#"{"max_seq_length": 16, "do_lower_case": false}"#,
    )
    .expect("sbert");
}

/// A fresh directory under the target's temporary space.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("needscope-encoder-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

// ---- A plain reference forward pass: per token, per head, f64, no batching. ----

fn erf(x: f64) -> f64 {
    if x.abs() > 5.0 {
        return x.signum();
    }
    // Maclaurin series: ample precision in f64 for |x| ≤ 5.
    let mut sum = 0.0;
    let mut term = x;
    for n in 0..200 {
        sum += term / (2 * n + 1) as f64;
        term *= -x * x / (n + 1) as f64;
    }
    sum * 2.0 / std::f64::consts::PI.sqrt()
}

fn get<'a>(w: &'a Weights, name: &str) -> &'a [f32] {
    &w.get(name).unwrap_or_else(|| panic!("{name}")).1
}

fn layer_norm(x: &[f64], w: &Weights, name: &str) -> Vec<f64> {
    let g = get(w, &format!("{name}.weight"));
    let b = get(w, &format!("{name}.bias"));
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    x.iter()
        .enumerate()
        .map(|(i, v)| (v - mean) / (var + EPS).sqrt() * g[i] as f64 + b[i] as f64)
        .collect()
}

/// `W x + b` with PyTorch's `(out × in)` weight layout.
fn dense(x: &[f64], w: &Weights, name: &str) -> Vec<f64> {
    let m = get(w, &format!("{name}.weight"));
    let b = get(w, &format!("{name}.bias"));
    let inp = x.len();
    (0..b.len())
        .map(|o| b[o] as f64 + (0..inp).map(|i| m[o * inp + i] as f64 * x[i]).sum::<f64>())
        .collect()
}

/// The sentence vector of token ids `ids`, position ids starting at `offset`; with `bias`
/// (MPNet's `buckets × heads` table) each attention score gains its distance bucket's bias.
fn reference_biased(
    w: &Weights,
    ids: &[u32],
    offset: usize,
    pooling: Pooling,
    bias: Option<&[f32]>,
) -> Vec<f64> {
    let word = get(w, "embeddings.word_embeddings.weight");
    let pos = get(w, "embeddings.position_embeddings.weight");
    let typ = get(w, "embeddings.token_type_embeddings.weight");
    let mut x: Vec<Vec<f64>> = ids
        .iter()
        .enumerate()
        .map(|(t, &id)| {
            let e: Vec<f64> = (0..HIDDEN)
                .map(|j| {
                    word[id as usize * HIDDEN + j] as f64
                        + pos[(t + offset) * HIDDEN + j] as f64
                        + typ[j] as f64
                })
                .collect();
            layer_norm(&e, w, "embeddings.LayerNorm")
        })
        .collect();
    let dh = HIDDEN / HEADS;
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}");
        let q: Vec<Vec<f64>> = x
            .iter()
            .map(|r| dense(r, w, &format!("{p}.attention.self.query")))
            .collect();
        let k: Vec<Vec<f64>> = x
            .iter()
            .map(|r| dense(r, w, &format!("{p}.attention.self.key")))
            .collect();
        let v: Vec<Vec<f64>> = x
            .iter()
            .map(|r| dense(r, w, &format!("{p}.attention.self.value")))
            .collect();
        let mut next = Vec::new();
        for t in 0..x.len() {
            let mut ctx = vec![0.0; HIDDEN];
            for h in 0..HEADS {
                let s: Vec<f64> = (0..x.len())
                    .map(|u| {
                        (0..dh)
                            .map(|d| q[t][h * dh + d] * k[u][h * dh + d])
                            .sum::<f64>()
                            / (dh as f64).sqrt()
                            + bias.map_or(0.0, |b| {
                                let bucket = relative_position_bucket(u as i64 - t as i64, BUCKETS);
                                f64::from(b[bucket * HEADS + h])
                            })
                    })
                    .collect();
                let max = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                let e: Vec<f64> = s.iter().map(|v| (v - max).exp()).collect();
                let z: f64 = e.iter().sum();
                for d in 0..dh {
                    ctx[h * dh + d] = (0..x.len()).map(|u| e[u] / z * v[u][h * dh + d]).sum();
                }
            }
            let a = dense(&ctx, w, &format!("{p}.attention.output.dense"));
            let a: Vec<f64> = a.iter().zip(&x[t]).map(|(a, b)| a + b).collect();
            let a = layer_norm(&a, w, &format!("{p}.attention.output.LayerNorm"));
            let up: Vec<f64> = dense(&a, w, &format!("{p}.intermediate.dense"))
                .into_iter()
                .map(|v| 0.5 * v * (1.0 + erf(v / std::f64::consts::SQRT_2)))
                .collect();
            let down = dense(&up, w, &format!("{p}.output.dense"));
            let o: Vec<f64> = down.iter().zip(&a).map(|(a, b)| a + b).collect();
            next.push(layer_norm(&o, w, &format!("{p}.output.LayerNorm")));
        }
        x = next;
    }
    let pooled: Vec<f64> = match pooling {
        Pooling::Mean => (0..HIDDEN)
            .map(|j| x.iter().map(|r| r[j]).sum::<f64>() / x.len() as f64)
            .collect(),
        Pooling::Cls => x[0].clone(),
    };
    let norm = pooled.iter().map(|v| v * v).sum::<f64>().sqrt();
    pooled.iter().map(|v| v / norm).collect()
}

/// [`reference_biased`] without a bias: BERT and XLM-RoBERTa.
fn reference(w: &Weights, ids: &[u32], offset: usize, pooling: Pooling) -> Vec<f64> {
    reference_biased(w, ids, offset, pooling, None)
}

const BUCKETS: usize = 32;

/// `w` as MPNet stores it: its attention names, no token types (the reference reads zeros), and
/// a relative-position bias table of [`BUCKETS`] × heads.
fn mpnet_weights(w: &Weights) -> (Weights, Weights, Vec<f32>) {
    let renames = [
        ("attention.self.query", "attention.attn.q"),
        ("attention.self.key", "attention.attn.k"),
        ("attention.self.value", "attention.attn.v"),
        ("attention.output.dense", "attention.attn.o"),
        ("attention.output.LayerNorm", "attention.LayerNorm"),
    ];
    let mut stored = Weights::new();
    for (name, value) in w {
        if name.starts_with("embeddings.token_type") {
            continue;
        }
        let renamed = renames
            .iter()
            .fold(name.clone(), |n, (from, to)| n.replace(from, to));
        stored.insert(renamed, value.clone());
    }
    let bias = Rng(0x51_7CC1_B727_220A).tensor(BUCKETS * HEADS, 2.0);
    stored.insert(
        "encoder.relative_attention_bias.weight".into(),
        (vec![BUCKETS, HEADS], bias.clone()),
    );
    let mut reference = w.clone();
    reference.insert(
        "embeddings.token_type_embeddings.weight".into(),
        (vec![1, HIDDEN], vec![0.0; HIDDEN]),
    );
    (stored, reference, bias)
}

fn max_diff(a: ndarray::ArrayView1<'_, f32>, b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (*x as f64 - y).abs())
        .fold(0.0, f64::max)
}

const TEXTS: [&str; 3] = [
    "xe buýt trễ",
    "the bus is always late the bus is always late",
    "công viên cây trees park",
];

#[test]
fn a_tiny_xlm_roberta_model_loads_and_matches_the_reference() {
    let w = weights();
    for (prefix, pooling, mode) in [
        ("roberta.", Pooling::Mean, "mean"),
        ("", Pooling::Mean, "mean"),
        ("roberta.", Pooling::Cls, "cls"),
    ] {
        let dir = temp_dir(&format!("xlmr-{mode}-{}", prefix.len()));
        write_model(&dir, &w, prefix, mode, "xlm-roberta");
        let enc = SentenceEncoder::load(&dir).expect("load");
        assert_eq!(enc.dim(), HIDDEN);
        assert_eq!(enc.max_length(), 16);
        assert_eq!(enc.pooling(), pooling);
        let info = enc.info().expect("info");
        assert_eq!(info.architecture, "xlm-roberta");
        assert_eq!(info.vocabulary, vocab_size());
        assert!(
            !info.multilingual,
            "an 18-token vocabulary is not multilingual"
        );

        let ids = enc.tokenize(&TEXTS).expect("tokenize");
        assert_eq!(ids[0], [0, 6, 7, 8, 2], "<s> ▁xe ▁buýt ▁trễ </s>");
        let e = enc.embed(&TEXTS, &|_, _| {}, None).unwrap().unwrap();
        // Deterministic.
        assert_eq!(e, enc.embed(&TEXTS, &|_, _| {}, None).unwrap().unwrap());
        // Batched with longer texts or alone: the same vector (no padding enters attention).
        let alone = enc.embed(&TEXTS[..1], &|_, _| {}, None).unwrap().unwrap();
        assert_eq!(alone.row(0), e.row(0));
        for (i, seq) in ids.iter().enumerate() {
            let want = reference(&w, seq, PAD + 1, pooling);
            let d = max_diff(e.row(i), &want);
            assert!(
                d < 1e-4,
                "{mode} {prefix:?} text {i}: differs from the reference by {d}"
            );
            // Position ids from 0 (BERT's) would give another vector: the offset is applied.
            let unshifted = reference(&w, seq, 0, pooling);
            assert!(
                max_diff(e.row(i), &unshifted) > 1e-3,
                "text {i}: the padding offset makes a difference"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_tiny_mpnet_model_matches_the_reference_with_its_position_bias() {
    let (stored, w, bias) = mpnet_weights(&weights());
    let dir = temp_dir("mpnet");
    write_model(&dir, &stored, "", "mean", "mpnet");
    let enc = SentenceEncoder::load(&dir).expect("load");
    assert_eq!(enc.info().expect("info").architecture, "mpnet");
    let ids = enc.tokenize(&TEXTS).expect("tokenize");
    assert!(
        ids.iter().any(|seq| seq.len() > 8),
        "a text long enough for the logarithmic buckets"
    );
    let e = enc.embed(&TEXTS, &|_, _| {}, None).unwrap().unwrap();
    for (i, seq) in ids.iter().enumerate() {
        let want = reference_biased(&w, seq, PAD + 1, Pooling::Mean, Some(&bias));
        let d = max_diff(e.row(i), &want);
        assert!(d < 1e-4, "text {i}: differs from the reference by {d}");
        // Without the bias the vectors differ: it is applied.
        let unbiased = reference(&w, seq, PAD + 1, Pooling::Mean);
        assert!(
            max_diff(e.row(i), &unbiased) > 1e-3,
            "text {i}: the bias matters"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn truncation_stays_inside_the_shifted_position_table() {
    let dir = temp_dir("xlmr-long");
    write_model(&dir, &weights(), "roberta.", "mean", "xlm-roberta");
    let enc = SentenceEncoder::load(&dir).expect("load");
    let long = "the bus is always late ".repeat(20);
    let ids = enc.tokenize(&[long.as_str()]).expect("tokenize");
    assert_eq!(ids[0].len(), 16, "max_seq_length, with <s> and </s>");
    let e = enc
        .embed(&[long.as_str()], &|_, _| {}, None)
        .unwrap()
        .unwrap();
    let d = max_diff(
        e.row(0),
        &reference(&weights(), &ids[0], PAD + 1, Pooling::Mean),
    );
    assert!(d < 1e-4, "{d}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unsupported_architecture_is_refused_by_name() {
    let dir = temp_dir("gpt2");
    write_model(&dir, &weights(), "", "mean", "gpt2");
    let err = SentenceEncoder::load(&dir).err().expect("refused");
    assert!(
        matches!(&err, EncoderError::Unsupported { model_type } if model_type == "gpt2"),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("\"gpt2\""), "{message}");
    assert!(message.contains("xlm-roberta"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unsupported_pooling_mode_is_refused_by_name() {
    let dir = temp_dir("max-pool");
    write_model(&dir, &weights(), "", "mean", "xlm-roberta");
    std::fs::write(
        dir.join("1_Pooling/config.json"),
        r#"{"pooling_mode_max_tokens": true}"#,
    )
    .expect("pooling");
    let err = SentenceEncoder::load(&dir)
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("1_Pooling") && err.contains("max"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
