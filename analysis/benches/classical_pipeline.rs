//! Classical path (TF-IDF → LSA → spherical k-means → labels) on synthetic survey answers.
//!
//! `cargo bench -p analysis --bench classical_pipeline`. The 100,000-text scale figure (wall time
//! and peak memory) comes from the evaluation example with `--replicate`, which reports both.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use analysis::{FitContext, Representation, ThemeParams, Unit};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linfa::ParamGuard;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const TOPICS: [&[&str]; 6] = [
    &[
        "bus",
        "late",
        "route",
        "transit",
        "schedule",
        "stop",
        "commute",
        "light rail",
    ],
    &[
        "park",
        "trees",
        "shade",
        "playground",
        "trail",
        "bench",
        "green",
        "lawn",
    ],
    &[
        "website", "login", "password", "online", "form", "app", "portal", "account",
    ],
    &[
        "rent",
        "housing",
        "eviction",
        "landlord",
        "afford",
        "apartment",
        "deposit",
        "shelter",
    ],
    &[
        "streetlight",
        "sidewalk",
        "pothole",
        "crosswalk",
        "traffic",
        "speeding",
        "road",
        "curb",
    ],
    &[
        "library", "hours", "classes", "computer", "internet", "wifi", "laptop", "tutoring",
    ],
];
const FILLER: [&str; 10] = [
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
];

/// `n` answers, each mixing one topic's words with filler, deterministic.
fn synthetic(n: usize) -> Vec<Unit> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    (0..n)
        .map(|i| {
            let topic = TOPICS[i % TOPICS.len()];
            let words: Vec<&str> = (0..12)
                .map(|_| {
                    if rng.gen_bool(0.6) {
                        topic[rng.gen_range(0..topic.len())]
                    } else {
                        FILLER[rng.gen_range(0..FILLER.len())]
                    }
                })
                .collect();
            Unit::new(format!("u{i:06}"), words.join(" "))
        })
        .collect()
}

fn classical(c: &mut Criterion) {
    let mut group = c.benchmark_group("classical_fit");
    group.sample_size(10);
    for n in [2_000, 10_000] {
        let units = synthetic(n);
        let params = ThemeParams::new(Representation::Classical)
            .k(Some(6))
            .check()
            .expect("valid parameters");
        group.bench_with_input(BenchmarkId::from_parameter(n), &units, |b, units| {
            b.iter(|| params.fit(units, FitContext::new()).expect("fit"));
        });
    }
    group.finish();
}

criterion_group!(benches, classical);
criterion_main!(benches);
