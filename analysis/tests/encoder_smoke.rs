//! Semantic smoke test: the ndarray forward pass of all-MiniLM-L6-v2 against reference values
//! from an independent float64 NumPy implementation of the same model (tokenizer from the
//! Python `tokenizers` package), plus cosine ordering and batch invariance.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use analysis::{Embedder, EmbeddingCache, SentenceEncoder};

const TEXTS: [&str; 4] = [
    "We need clean drinking water in the shelter.",
    "There is no water to drink here.",
    "The bus to downtown is always late.",
    "Necesitamos más parques.",
];

/// First four components of each reference vector.
const REF_HEAD: [[f32; 4]; 4] = [
    [-0.004683, 0.053816, 0.085209, 0.03858],
    [0.066669, 0.034611, -0.037227, 0.018761],
    [0.085312, -0.002877, 0.028049, 0.035396],
    [-0.026263, 0.051501, -0.004666, -0.005486],
];

/// Reference cosine similarities.
const REF_COS: [[f32; 4]; 4] = [
    [1.0, 0.49117, 0.041474, 0.046156],
    [0.49117, 1.0, 0.096097, 0.083394],
    [0.041474, 0.096097, 1.0, 0.03903],
    [0.046156, 0.083394, 0.03903, 1.0],
];

#[test]
fn minilm_matches_reference_and_orders_by_meaning() {
    let enc = SentenceEncoder::load(common::model_dir()).expect("load model");
    assert_eq!(enc.dim(), 384);
    assert_eq!(enc.max_length(), 256);
    let e = enc.embed(&TEXTS, &|_, _| {}, None).unwrap().unwrap();
    for i in 0..4 {
        assert!(
            (e.row(i).dot(&e.row(i)) - 1.0).abs() < 1e-5,
            "row {i} is unit length"
        );
        for j in 0..4 {
            assert!(
                (e[[i, j]] - REF_HEAD[i][j]).abs() < 2e-5,
                "component [{i},{j}] {} vs {}",
                e[[i, j]],
                REF_HEAD[i][j]
            );
            let c = e.row(i).dot(&e.row(j));
            assert!(
                (c - REF_COS[i][j]).abs() < 2e-5,
                "cos[{i},{j}] {c} vs {}",
                REF_COS[i][j]
            );
        }
    }
    // The two water sentences are closer to each other than to anything else.
    let c = |i: usize, j: usize| e.row(i).dot(&e.row(j));
    assert!(c(0, 1) > c(0, 2) && c(0, 1) > c(0, 3) && c(0, 1) > c(1, 2));

    // A text embedded alone or in a batch gives the same bits (no padding, per-text attention).
    let alone = enc.embed(&TEXTS[2..3], &|_, _| {}, None).unwrap().unwrap();
    assert_eq!(alone.row(0), e.row(2));

    // The cache embeds only new text and returns identical vectors.
    let mut cache = EmbeddingCache::new();
    let (first, new) = cache
        .embed(&enc, &TEXTS[..2], &|_, _| {}, None)
        .unwrap()
        .unwrap();
    assert_eq!(new, 2);
    let (second, new) = cache
        .embed(&enc, &TEXTS, &|_, _| {}, None)
        .unwrap()
        .unwrap();
    assert_eq!(new, 2, "only the two unseen texts are embedded");
    assert_eq!(second.row(0), first.row(0));
    assert_eq!(second, e);
}
