//! Neighbourhood smoothing of reduced sentence embeddings (50 dimensions): the run's own answers,
//! and a large run whose reference set is capped at the default 10,000.
//!
//! `cargo bench -p analysis --bench smoothing`.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use analysis::Smoothing;
use analysis::linalg::normalize_rows;
use analysis::semantic::neighbours::NeighbourSmoothing;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256Plus;

/// `n` unit vectors around 20 directions in 50 dimensions.
fn vectors(n: usize) -> Array2<f32> {
    let mut rng = Xoshiro256Plus::seed_from_u64(1);
    let mut x = Array2::<f32>::zeros((n, 50));
    for i in 0..n {
        for j in 0..50 {
            x[[i, j]] = rng.r#gen::<f32>() - 0.5;
        }
        x[[i, i % 20]] += 2.0;
    }
    normalize_rows(&mut x);
    x
}

fn smooth(c: &mut Criterion) {
    let mut group = c.benchmark_group("smoothing");
    group.sample_size(10);
    for n in [6_000, 30_000] {
        let x = vectors(n);
        let content: Vec<usize> = (0..n).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("fit_and_apply_{n}"), |b| {
            b.iter(|| {
                let (s, own) =
                    NeighbourSmoothing::fit(x.view(), &content, Smoothing::default(), 42);
                s.apply(x.view(), &own)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, smooth);
criterion_main!(benches);
