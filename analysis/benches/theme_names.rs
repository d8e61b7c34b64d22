//! Readable theme names ([`analysis::labels::names::theme_names`]) on synthetic short answers:
//! 10,000 and 100,000 texts of 6–14 words in 20 themes, one respondent each.
//!
//! `cargo bench -p analysis --bench theme_names`. The same timing on real texts comes from
//! `cargo run --release -p analysis --example theme_names -- --time 100000 FILE.csv`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use analysis::Lang;
use analysis::labels::keywords::Keyword;
use analysis::labels::names::{MemberText, NamingInput, theme_names};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const THEMES: usize = 20;
const TOPIC: [&str; 16] = [
    "bus",
    "stop",
    "late",
    "park",
    "trees",
    "shade",
    "rent",
    "housing",
    "trash",
    "dumped",
    "furniture",
    "streetlight",
    "sidewalk",
    "library",
    "hours",
    "internet",
];
const FILLER: [&str; 24] = [
    "the",
    "we",
    "need",
    "more",
    "please",
    "fix",
    "city",
    "our",
    "neighborhood",
    "always",
    "is",
    "a",
    "on",
    "in",
    "my",
    "street",
    "too",
    "no",
    "and",
    "every",
    "day",
    "near",
    "school",
    "it",
];

/// `n` answers in [`THEMES`] themes: each theme favours a few topic words and two-word
/// phrases of its own, mixed with filler; deterministic.
fn synthetic(n: usize) -> Vec<Vec<(String, String)>> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let mut themes: Vec<Vec<(String, String)>> = vec![Vec::new(); THEMES];
    for i in 0..n {
        let t = i % THEMES;
        let own = [TOPIC[t % TOPIC.len()], TOPIC[(t * 7 + 3) % TOPIC.len()]];
        let len = rng.gen_range(6..=14);
        let words: Vec<&str> = (0..len)
            .map(|_| {
                let r: f64 = rng.r#gen();
                if r < 0.3 {
                    own[rng.gen_range(0..2)]
                } else if r < 0.45 {
                    TOPIC[rng.gen_range(0..TOPIC.len())]
                } else {
                    FILLER[rng.gen_range(0..FILLER.len())]
                }
            })
            .collect();
        themes[t].push((format!("r{i:07}"), words.join(" ")));
    }
    themes
}

fn names(c: &mut Criterion) {
    let mut group = c.benchmark_group("theme_names");
    group.sample_size(10);
    let keywords: Vec<Keyword> = Vec::new();
    for n in [10_000, 100_000] {
        let themes = synthetic(n);
        let inputs: Vec<NamingInput<'_>> = themes
            .iter()
            .map(|m| NamingInput {
                members: m
                    .iter()
                    .map(|(r, t)| MemberText {
                        respondent: r,
                        text: t,
                    })
                    .collect(),
                keywords: &keywords,
                lang: Lang::En,
            })
            .collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &inputs, |b, inputs| {
            b.iter(|| theme_names(inputs));
        });
    }
    group.finish();
}

criterion_group!(benches, names);
criterion_main!(benches);
