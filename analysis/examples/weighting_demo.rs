//! Worked example of equity-weighted theme priorities on a **synthetic** city.
//!
//! Every number here is made up to exercise the method: five districts of equal population,
//! an invented equity score per district, invented margins and an invented, deliberately
//! skewed opt-in sample (low-need districts, older residents and owners answer more).
//! Nothing describes a real place.
//!
//! `cargo run --release -p analysis --example weighting_demo`

use std::error::Error;
use std::time::Instant;

use analysis::Stream;
use analysis::weighting::{
    CellStatus, EquityTable, KnownCategories, Margins, Respondent, Scheme, SchemeEstimate,
    SourceMention, WeightingConfig, WeightingParams,
};
use linfa::ParamGuard;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

const MARGINS: &str = "\
# SYNTHETIC margins for the demo only
variable,category,share
district,D1,0.2
district,D2,0.2
district,D3,0.2
district,D4,0.2
district,D5,0.2
age,18-24,0.12
age,25-44,0.38
age,45-64,0.32
age,65+,0.18
tenure,own,0.45
tenure,rent,0.55
";

const EQUITY: &str = "\
# SYNTHETIC equity scores (2-10 scale) for the demo only
area,score
D1,2
D2,4
D3,6
D4,8
D5,10
";

const THEMES: [&str; 8] = [
    "T-01 housing costs",
    "T-02 street safety",
    "T-03 parks & trees",
    "T-04 bus service",
    "T-05 potholes",
    "T-06 language access",
    "T-07 youth programs",
    "T-08 noise",
];

/// Mention probability of each theme for a respondent in district `d` (0..5), renter or not.
fn prevalence(t: usize, d: usize, rent: bool) -> f64 {
    let need = d as f64 / 4.0; // 0 (D1) .. 1 (D5)
    match t {
        0 => 0.15 + 0.25 * need + if rent { 0.15 } else { 0.0 },
        1 => 0.25,
        2 => 0.35 - 0.25 * need,
        3 => 0.10 + 0.20 * need,
        4 => 0.30 - 0.10 * need,
        5 => 0.02 + 0.18 * need * need,
        6 => 0.08 + 0.08 * need,
        _ => 0.12,
    }
}

fn synthetic_sample(n: usize, seed: u64) -> Vec<Respondent> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    // Response propensity falls with need: D1 answers 4× as often as D5.
    let district_weights = [0.34, 0.26, 0.19, 0.13, 0.08];
    (0..n)
        .map(|i| {
            let mut u = rng.gen_range(0.0..1.0);
            let mut d = 0;
            while d < 4 && u >= district_weights[d] {
                u -= district_weights[d];
                d += 1;
            }
            let age = ["18-24", "25-44", "45-64", "65+"]
                [[0, 1, 1, 2, 2, 2, 3, 3, 3, 3][rng.gen_range(0..10)]];
            let rent = rng.gen_bool(0.25 + 0.1 * d as f64);
            let mut r = Respondent::new(format!("resp-{i:05}"))
                .var("district", format!("D{}", d + 1))
                .var("tenure", if rent { "rent" } else { "own" });
            // 4 % skip the age question: kept in the neutral missing category.
            if rng.gen_bool(0.96) {
                r = r.var("age", age);
            }
            // Location: most give the district; some give nothing.
            if rng.gen_bool(0.93) {
                r = r.area(format!("D{}", d + 1));
            }
            for (t, name) in THEMES.iter().enumerate() {
                if rng.gen_bool(prevalence(t, d, rent).min(0.95)) {
                    r = r.theme(*name);
                }
            }
            if rng.gen_bool(0.75) {
                r = r.urgency(f64::from(rng.gen_range(1u8..=5)).min(2.0 + d as f64));
            }
            r
        })
        .collect()
}

fn organisations() -> Vec<SourceMention> {
    let m = |stream, source: &str, theme: usize| SourceMention {
        stream,
        source: source.into(),
        theme: THEMES[theme].into(),
    };
    vec![
        m(Stream::CommunityOrganization, "cbo-tenants-union", 0),
        m(Stream::CommunityOrganization, "cbo-immigrant-services", 5),
        m(Stream::CommunityOrganization, "cbo-immigrant-services", 0),
        m(Stream::Department, "dept-transportation", 3),
        m(Stream::Department, "dept-transportation", 4),
        m(Stream::Department, "dept-parks", 2),
        m(Stream::InterviewNotes, "interview-07", 5),
        m(Stream::InterviewNotes, "interview-11", 0),
    ]
}

fn cell(e: &SchemeEstimate) -> String {
    let ci = e
        .share_ci95
        .map(|c| format!("[{:4.1}–{:4.1}]", 100.0 * c.lower, 100.0 * c.upper))
        .unwrap_or_default();
    format!("{:4.1}% {ci} #{}", 100.0 * e.share, e.rank)
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("SYNTHETIC DATA — invented city, invented margins, invented equity scores.\n");
    let margins = Margins::parse_csv(MARGINS, &KnownCategories::new())?;
    let equity = EquityTable::parse_csv(EQUITY, None)?;
    let params = WeightingParams::default()
        .index_name("SYNTHETIC demo index (2-10)".into())
        .seed(2024)
        .top_k(3)
        .check()?;
    let config = WeightingConfig::new(params, margins).with_equity(equity, None);
    let respondents = synthetic_sample(3000, 17);
    let start = Instant::now();
    let run = config.fit(&respondents, &organisations())?;
    let elapsed = start.elapsed();

    let rk = &run.raking;
    println!(
        "Respondents {} | raking: {} sweeps, {} trim cycles, converged {}, max margin error {:.1e} (before {:.3})",
        run.respondents,
        rk.iterations,
        rk.trim_cycles,
        rk.converged,
        rk.max_margin_error,
        rk.max_margin_error_before
    );
    println!(
        "Raked weights: min {:.3} max {:.3}, trimmed {} at cap / {} at floor, Kish deff {:.3}, n_eff {:.0}",
        rk.summary.min,
        rk.summary.max,
        rk.trimmed_at_cap,
        rk.trimmed_at_floor,
        rk.summary.deff,
        rk.summary.n_eff
    );
    for v in &rk.variables {
        println!(
            "  {:<8} missing {:>3} (neutral category), merged: {:?}",
            v.variable,
            v.missing,
            v.collapsed
                .iter()
                .map(|c| c.merged.as_str())
                .collect::<Vec<_>>()
        );
    }
    println!(
        "Equity layer: {} by area, {} by ZIP, {} unmatched, {} no location (g = 1); g in [{:.2}, {:.2}]; combined deff {:.3}, n_eff {:.0}",
        run.equity.by_area,
        run.equity.by_zip,
        run.equity.unmatched,
        run.equity.no_location,
        run.equity.min_multiplier,
        run.equity.max_multiplier,
        run.combined_summary.deff,
        run.combined_summary.n_eff
    );
    if let Some(b) = &run.bootstrap {
        println!(
            "Bootstrap: {} Rao–Wu replicates by district, seed {}, {} stopped above tolerance (worst margin error {:.1e}); fit + bootstrap took {:.2?}\n",
            b.replicates, b.seed, b.non_converged, b.worst_margin_error, elapsed
        );
    }

    println!(
        "{:<22} {:>5} | {:<26} | {:<26} | {:<26} | {:<28} | {:>6} | {:>5} | {:>4}",
        "theme (share [95% CI] #rank)",
        "n",
        "unweighted",
        "raked",
        "raked × equity",
        "priority P (90% CI) [rank 95%]",
        "P(top3)",
        "R_t",
        "orgs"
    );
    for p in &run.priorities {
        let e = &p.equity;
        let p90 = e
            .priority_ci90
            .map(|c| format!("({:.3}–{:.3})", c.lower, c.upper))
            .unwrap_or_default();
        let r95 = e
            .rank_ci95
            .map(|r| format!("[{}–{}]", r[0], r[1]))
            .unwrap_or_default();
        println!(
            "{:<22} {:>5} | {:<26} | {:<26} | {:<26} | {:.3} {} {:<7} | {:>6.2} | {:>5} | {:>4}",
            p.theme,
            p.respondents,
            cell(&p.unweighted),
            cell(&p.raked),
            cell(e),
            e.priority,
            p90,
            r95,
            e.p_top_k.unwrap_or(f64::NAN),
            p.equity_gap.map_or("-".into(), |g| format!("{g:.2}")),
            p.organisations
        );
    }
    let s = &run.sensitivity;
    println!("\nRanking unweighted:     {}", s.unweighted.join(" > "));
    println!("Ranking raked:          {}", s.raked.join(" > "));
    println!("Ranking raked × equity: {}", s.raked_equity.join(" > "));
    println!(
        "Kendall τ-b: unweighted/raked {:.3}, raked/equity {:.3}, unweighted/equity {:.3}",
        s.tau_unweighted_raked.unwrap_or(f64::NAN),
        s.tau_raked_equity.unwrap_or(f64::NAN),
        s.tau_unweighted_equity.unwrap_or(f64::NAN)
    );

    println!("\nOrganisational streams (counted, never weighted):");
    for t in &run.sources {
        println!("  {:<22} {} sources {:?}", t.theme, t.sources, t.by_stream);
    }

    // A small sub-sample's district breakdown shows suppression at work.
    let b = run.breakdown(&respondents, "district", Scheme::RakedEquity)?;
    println!(
        "\nBreakdown by district (raked × equity share of district respondents; '--' = suppressed): {} primary, {} complementary",
        b.suppression.primary, b.suppression.complementary
    );
    print!("{:<22}", "");
    for c in &b.columns {
        print!(
            " {:>9}",
            format!(
                "{} n={}",
                c.category,
                c.respondents.map_or("--".into(), |n| n.to_string())
            )
        );
    }
    println!();
    for (t, row) in b.cells.iter().enumerate() {
        print!("{:<22}", b.themes[t]);
        for c in row {
            let v = match (&c.status, c.share) {
                (CellStatus::Published, Some(s)) => format!("{:.1}%", 100.0 * s),
                (CellStatus::Suppressed { reasons }, _) => {
                    if reasons
                        .iter()
                        .any(|r| matches!(r, analysis::weighting::SuppressionReason::Complementary))
                    {
                        "--(c)".into()
                    } else {
                        "--".into()
                    }
                }
                _ => "?".into(),
            };
            print!(" {v:>9}");
        }
        println!();
    }
    Ok(())
}
