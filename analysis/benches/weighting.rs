//! Raking + combination + bootstrap for 100,000 synthetic respondents (3 raking variables,
//! 20 themes). Synthetic data only: no real survey or population figures.

use std::collections::BTreeSet;

use analysis::weighting::{
    EquityTable, KnownCategories, Margins, Respondent, WeightingConfig, WeightingParams,
};
use criterion::{Criterion, criterion_group, criterion_main};
use linfa::ParamGuard;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const DISTRICTS: usize = 10;
const AGES: [&str; 4] = ["18-24", "25-44", "45-64", "65+"];
const TENURE: [&str; 2] = ["own", "rent"];
const THEMES: usize = 20;

fn margins_csv() -> String {
    let mut s = String::from("variable,category,share\n");
    for d in 1..=DISTRICTS {
        s.push_str(&format!("district,{d},0.1\n"));
    }
    for (a, share) in AGES.iter().zip([0.12, 0.38, 0.32, 0.18]) {
        s.push_str(&format!("age,{a},{share}\n"));
    }
    s.push_str("tenure,own,0.55\ntenure,rent,0.45\n");
    s
}

fn equity_csv() -> String {
    let mut s = String::from("area,score\n");
    for d in 1..=DISTRICTS {
        s.push_str(&format!("{d},{}\n", 2 + (d * 8) / DISTRICTS));
    }
    s
}

fn respondents(n: usize, seed: u64) -> Vec<Respondent> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            // Skewed sample: low districts, older owners over-represented.
            let d = 1 + ((rng.gen_range(0.0f64..1.0).powf(1.6)) * DISTRICTS as f64) as usize;
            let age = AGES[(rng.gen_range(0.0f64..1.0).powf(0.7) * 4.0) as usize];
            let tenure = TENURE[usize::from(rng.gen_bool(0.35))];
            let mut r = Respondent::new(format!("r{i:06}"))
                .var("district", d.min(DISTRICTS).to_string())
                .var("age", age)
                .var("tenure", tenure)
                .area(d.min(DISTRICTS).to_string());
            let mut themes = BTreeSet::new();
            for _ in 0..rng.gen_range(1..=3) {
                themes.insert(format!(
                    "T-{:02}",
                    (rng.gen_range(0.0f64..1.0).powi(2) * THEMES as f64) as usize
                ));
            }
            r.themes = themes;
            if rng.gen_bool(0.8) {
                r.urgency = Some(f64::from(rng.gen_range(1u8..=5)));
            }
            r
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let margins = Margins::parse_csv(&margins_csv(), &KnownCategories::new()).ok();
    let equity = EquityTable::parse_csv(&equity_csv(), None).ok();
    let (Some(margins), Some(equity)) = (margins, equity) else {
        return;
    };
    let people = respondents(100_000, 1);
    let mut group = c.benchmark_group("weighting");
    group.sample_size(10);
    for replicates in [0usize, 200] {
        let Ok(params) = WeightingParams::default().replicates(replicates).check() else {
            return;
        };
        let config =
            WeightingConfig::new(params, margins.clone()).with_equity(equity.clone(), None);
        group.bench_function(
            format!("n100000_vars3_themes20_replicates{replicates}"),
            |b| b.iter(|| config.fit(&people, &[]).map(|r| r.priorities.len())),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
