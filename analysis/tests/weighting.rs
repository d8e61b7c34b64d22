//! Integration tests of the equity-weighting library (method.md §3). All data here is
//! synthetic.

use std::collections::BTreeSet;
use std::error::Error;

use analysis::Stream;
use analysis::weighting::{
    CellStatus, CellTable, ConfigFile, ConfigProblem, EquityTable, GeographySource,
    KnownCategories, Margins, Respondent, Scheme, SourceMention, SuppressionSettings, TotalsShown,
    UnknownCategoryPolicy, WeightingConfig, WeightingError, WeightingParams, WeightingValidParams,
    ZipCrosswalk, suppress,
};
use linfa::ParamGuard;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

type Res = Result<(), Box<dyn Error>>;

fn margins(text: &str) -> Result<Margins, Box<dyn Error>> {
    Ok(Margins::parse_csv(text, &KnownCategories::new())?)
}

fn people(cells: &[(&str, &str, usize)]) -> Vec<Respondent> {
    let mut out = Vec::new();
    for (d, t, count) in cells {
        for _ in 0..*count {
            out.push(
                Respondent::new(format!("r{:03}", out.len()))
                    .var("district", *d)
                    .var("tenure", *t),
            );
        }
    }
    out
}

/// Hand-computed raking example.
///
/// Sample (8 respondents): (A, own) 3, (A, rent) 1, (B, own) 1, (B, rent) 3.
/// Margins: district A 0.5 / B 0.5 → targets 4 / 4; tenure own 0.25 / rent 0.75 → 2 / 6.
///
/// First sweep: district sums are already 4 / 4 (factors 1); tenure sums 4 / 4 → own × 0.5,
/// rent × 1.5, giving weights 0.5, 1.5, 0.5, 1.5 and district sums A = 3.0, B = 5.0, so more
/// sweeps are needed. IPF converges to the cell totals P, Q, S, T ((A,own), (A,rent),
/// (B,own), (B,rent)) that meet the four margins and keep the sample's odds ratio
/// (raking weights are w = a_district · b_tenure, so p·t = q·s per person):
///
/// ```text
/// P + Q = 4,  S + T = 4,  P + S = 2,  Q + T = 6   ⇒  P = 2 − S, Q = 2 + S, T = 4 − S
/// (P/3)(T/3) = Q · S   ⇒  (2 − S)(4 − S) = 9 S (2 + S)  ⇒  8S² + 24S − 8 = 0
/// S = (−3 + √13)/2 = 0.302775637731995
/// per-person weights: p = P/3 = 0.565741454089335, q = Q = 2.302775637731995,
///                     s = S = 0.302775637731995,   t = T/3 = 1.232408120756002
/// ```
#[test]
fn raking_converges_to_hand_computed_weights() -> Res {
    let m = margins(
        "variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\ntenure,own,0.25\ntenure,rent,0.75\n",
    )?;
    let r = people(&[
        ("A", "own", 3),
        ("A", "rent", 1),
        ("B", "own", 1),
        ("B", "rent", 3),
    ]);
    let params = WeightingParams::default()
        .min_category_size(0)
        .trim(None, None)
        .replicates(0)
        .check()?;
    let run = WeightingConfig::new(params, m).fit(&r, &[])?;
    let s = (13f64.sqrt() - 3.0) / 2.0;
    let expected = [(2.0 - s) / 3.0, 2.0 + s, s, (4.0 - s) / 3.0];
    let idx = [0, 3, 4, 5];
    for (i, e) in idx.iter().zip(expected) {
        let w = run.weights[*i].raked;
        assert!((w - e).abs() < 1e-6 * e, "respondent {i}: {w} vs {e}");
    }
    assert!((expected[0] - 0.565741454089335).abs() < 1e-12);
    assert!(run.raking.converged);
    assert!(run.raking.max_margin_error < 1e-6);
    assert!(run.raking.iterations > 1);
    // Margin error before raking: tenure own 4 vs 2 → 100 %.
    assert!((run.raking.max_margin_error_before - 1.0).abs() < 1e-12);
    // Kish: n_eff = (Σw)² / Σw².
    let sum_sq: f64 = (3.0 * expected[0].powi(2))
        + expected[1].powi(2)
        + expected[2].powi(2)
        + 3.0 * expected[3].powi(2);
    assert!((run.raking.summary.n_eff - 64.0 / sum_sq).abs() < 1e-5);
    assert!((run.raking.summary.deff - 8.0 * sum_sq / 64.0).abs() < 1e-5);
    Ok(())
}

#[test]
fn missing_variable_is_a_neutral_category_not_dropped() -> Res {
    let m = margins(
        "variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\ntenure,own,0.4\ntenure,rent,0.6\n",
    )?;
    let mut r = people(&[
        ("A", "own", 30),
        ("A", "rent", 20),
        ("B", "own", 40),
        ("B", "rent", 30),
    ]);
    for (i, p) in r.iter_mut().enumerate().take(24) {
        if i % 2 == 0 {
            p.variables.remove("tenure");
        } else {
            p.variables.insert("tenure".into(), String::new());
        }
    }
    let params = WeightingParams::default().replicates(0).check()?;
    let run = WeightingConfig::new(params, m).fit(&r, &[])?;
    assert_eq!(run.weights.len(), 120);
    let tenure = run
        .raking
        .variables
        .iter()
        .find(|v| v.variable == "tenure")
        .ok_or("no tenure")?;
    assert_eq!(tenure.missing, 24);
    assert!((tenure.missing_share - 0.2).abs() < 1e-12);
    let missing = run
        .raking
        .margins
        .iter()
        .find(|c| c.variable == "tenure" && c.category == "(missing)")
        .ok_or("no missing row")?;
    assert!((missing.raked_share - 0.2).abs() < 1e-6, "{missing:?}");
    // Observed tenure categories share the remaining 80 % as 40 : 60.
    let own = run
        .raking
        .margins
        .iter()
        .find(|c| c.category == "own")
        .ok_or("own")?;
    assert!((own.raked_share - 0.32).abs() < 1e-6);
    assert!(run.weights.iter().all(|w| w.raked > 0.0));
    Ok(())
}

#[test]
fn unknown_category_is_an_error_or_counted_as_missing() -> Res {
    let m = margins("variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\n")?;
    let mut r = people(&[("A", "own", 30), ("B", "own", 30)]);
    r[0].variables.insert("district".into(), "Z".into());
    let params = WeightingParams::default().replicates(0).check()?;
    let e = WeightingConfig::new(params.clone(), m.clone()).fit(&r, &[]);
    assert!(
        matches!(e, Err(WeightingError::UnknownCategory { ref category, .. }) if category == "Z")
    );
    let params = WeightingParams::from_valid(params)
        .unknown_category(UnknownCategoryPolicy::TreatAsMissing)
        .check()?;
    let run = WeightingConfig::new(params, m).fit(&r, &[])?;
    assert_eq!(run.raking.variables[0].unknown_as_missing, 1);
    assert_eq!(run.raking.variables[0].missing, 1);
    Ok(())
}

#[test]
fn small_categories_are_merged_before_raking() -> Res {
    let m = margins(
        "variable,category,share\nage,18-24,0.1\nage,25-44,0.4\nage,45-64,0.3\nage,65+,0.2\n",
    )?;
    let mut r = Vec::new();
    for (a, n) in [("18-24", 5), ("25-44", 60), ("45-64", 50), ("65+", 40)] {
        for _ in 0..n {
            r.push(Respondent::new(format!("r{}", r.len())).var("age", a));
        }
    }
    let params = WeightingParams::default().replicates(0).check()?;
    let run = WeightingConfig::new(params, m).fit(&r, &[])?;
    let c = &run.raking.variables[0].collapsed;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].categories, vec!["18-24", "25-44"]);
    assert_eq!(c[0].respondents, 65);
    assert!(run.raking.converged);
    Ok(())
}

#[test]
fn trimming_bounds_hold_and_total_is_preserved() -> Res {
    // District C is 40 % of the population but 2 % of the sample → raw raked weights ≈ 20.
    let m = margins(
        "variable,category,share\ndistrict,A,0.3\ndistrict,B,0.3\ndistrict,C,0.4\ntenure,own,0.5\ntenure,rent,0.5\n",
    )?;
    let r = people(&[
        ("A", "own", 300),
        ("A", "rent", 200),
        ("B", "own", 250),
        ("B", "rent", 230),
        ("C", "own", 10),
        ("C", "rent", 10),
    ]);
    for (floor, cap) in [(0.2, 5.0), (0.5, 2.0)] {
        let params = WeightingParams::default()
            .trim(Some(floor), Some(cap))
            .replicates(0)
            .check()?;
        let run = WeightingConfig::new(params, m.clone()).fit(&r, &[])?;
        let w: Vec<f64> = run.weights.iter().map(|c| c.raked).collect();
        let total: f64 = w.iter().sum();
        let mean = total / w.len() as f64;
        assert!((total - 1000.0).abs() < 1e-6);
        assert!(
            w.iter()
                .all(|&x| x <= cap * mean * (1.0 + 1e-9) && x >= floor * mean * (1.0 - 1e-9))
        );
        assert!(run.raking.bounds_hold);
        assert_eq!(run.raking.trimmed_at_cap, 20);
        assert!(run.raking.untrimmed_summary.max > 15.0);
        assert!(run.weights[990].trim_factor < 1.0);
        // The trimmed design cannot reach district C's 40 %: reported, not hidden.
        assert!(!run.raking.converged);
        let c = run
            .raking
            .margins
            .iter()
            .find(|c| c.category == "C")
            .ok_or("C")?;
        assert!((c.raked_share - 20.0 * cap / 1000.0).abs() < 1e-6, "{c:?}");
    }
    Ok(())
}

#[test]
fn equity_multiplier_by_area_zip_crosswalk_and_missing() -> Res {
    let m = margins("variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\n")?;
    let eq = EquityTable::parse_csv("area,score\nT1,2\nT2,10\nT3,6\n", None)?;
    let cw = ZipCrosswalk::parse_csv(
        "zip,area,ratio\n95110,T1,0.25\n95110,T2,0.75\n95112,T3,1\n",
        &eq,
    )?;
    let mut r = people(&[("A", "own", 25), ("B", "own", 25)]);
    r[0] = r[0].clone().area("T2"); // area → 10 → g = 2
    r[1] = r[1].clone().zip("95110"); // 0.25·2 + 0.75·10 = 8 → g = 1.75
    r[2] = r[2].clone().area("T9").zip("95112"); // unknown area, ZIP → 6 → g = 1.5
    r[3] = r[3].clone().zip("10001"); // outside the city → unmatched, g = 1
    let params = WeightingParams::default().replicates(0).check()?;
    let run = WeightingConfig::new(params.clone(), m.clone())
        .with_equity(eq.clone(), Some(cw.clone()))
        .fit(&r, &[])?;
    let g: Vec<f64> = run.weights.iter().take(5).map(|w| w.multiplier).collect();
    assert_eq!(g, vec![2.0, 1.75, 1.5, 1.0, 1.0]);
    assert_eq!(run.weights[1].equity_score, Some(8.0));
    assert_eq!(run.weights[1].geography, GeographySource::Zip);
    assert_eq!(run.weights[2].geography, GeographySource::Zip);
    assert_eq!(run.weights[3].geography, GeographySource::Unmatched);
    assert_eq!(run.weights[4].geography, GeographySource::NoLocation);
    assert_eq!(
        (
            run.equity.by_area,
            run.equity.by_zip,
            run.equity.unmatched,
            run.equity.no_location
        ),
        (1, 2, 1, 46)
    );
    // Combined = raked · g rescaled to the raked total.
    let raked: f64 = run.weights.iter().map(|w| w.raked).sum();
    let combined: f64 = run.weights.iter().map(|w| w.combined).sum();
    assert!((raked - combined).abs() < 1e-9);
    let k = run.weights[4].combined / run.weights[4].raked;
    assert!((run.weights[0].combined - run.weights[0].raked * 2.0 * k).abs() < 1e-12);
    // Tiers: 8 → 1.25, 10 → 1.5.
    let tiers = WeightingParams::from_valid(params)
        .multiplier(analysis::weighting::MultiplierRule::san_jose_tiers())
        .check()?;
    let run = WeightingConfig::new(tiers, m)
        .with_equity(eq, Some(cw))
        .fit(&r, &[])?;
    assert_eq!(run.weights[0].multiplier, 1.5);
    assert_eq!(run.weights[1].multiplier, 1.25);
    Ok(())
}

#[test]
fn equity_scores_off_the_scale_are_rejected() -> Res {
    let m = margins("variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\n")?;
    let eq = EquityTable::parse_csv("area,score\nT1,2\nT2,55\n", None)?;
    let params = WeightingParams::default().replicates(0).check()?;
    let e = WeightingConfig::new(params, m)
        .with_equity(eq, None)
        .fit(&people(&[("A", "own", 30), ("B", "own", 30)]), &[]);
    assert!(matches!(e, Err(WeightingError::ScoreOutOfScale { ref area, .. }) if area == "T2"));
    Ok(())
}

/// A survey that over-samples district A (75 % of respondents, 50 % of the population).
/// Theme prevalence is 30 % in A and 10 % in B, so the population share is 20 %.
fn simulated_survey(seed: u64, n: usize) -> Vec<Respondent> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let a = rng.gen_bool(0.75);
            let mut r =
                Respondent::new(format!("s{i:04}")).var("district", if a { "A" } else { "B" });
            if rng.gen_bool(if a { 0.3 } else { 0.1 }) {
                r = r.theme("T-x");
            }
            r.theme("T-all")
        })
        .collect()
}

#[test]
fn bootstrap_intervals_cover_the_known_share() -> Res {
    let m = margins("variable,category,share\ndistrict,A,0.5\ndistrict,B,0.5\n")?;
    let params = WeightingParams::default()
        .replicates(200)
        .breadth_variable(None)
        .check()?;
    let config = WeightingConfig::new(params, m);
    let (mut cover95, mut cover90, mut cover_unweighted) = (0, 0, 0);
    let surveys = 200;
    for s in 0..surveys {
        let run = config.fit(&simulated_survey(1000 + s, 400), &[])?;
        let row = run
            .priorities
            .iter()
            .find(|p| p.theme == "T-x")
            .ok_or("T-x")?;
        let ci95 = row.raked.share_ci95.ok_or("no ci")?;
        let ci90 = row.raked.share_ci90.ok_or("no ci")?;
        assert!(ci90.lower >= ci95.lower && ci90.upper <= ci95.upper);
        cover95 += usize::from(ci95.lower <= 0.2 && 0.2 <= ci95.upper);
        cover90 += usize::from(ci90.lower <= 0.2 && 0.2 <= ci90.upper);
        let u = row.unweighted.share_ci95.ok_or("no ci")?;
        cover_unweighted += usize::from(u.lower <= 0.2 && 0.2 <= u.upper);
    }
    let (c95, c90) = (
        cover95 as f64 / surveys as f64,
        cover90 as f64 / surveys as f64,
    );
    eprintln!("coverage: 95% → {c95}, 90% → {c90}, unweighted 95% → {cover_unweighted}/{surveys}");
    assert!((0.88..=0.99).contains(&c95), "95% interval coverage {c95}");
    assert!((0.80..=0.97).contains(&c90), "90% interval coverage {c90}");
    // Without weights the estimate is biased (0.75·0.3 + 0.25·0.1 = 0.25, about 2.3 standard
    // errors off): its intervals miss the population share most of the time.
    assert!(
        cover_unweighted < surveys as usize / 2,
        "unweighted coverage {cover_unweighted}"
    );
    Ok(())
}

fn demo_config(
    replicates: usize,
    seed: u64,
) -> Result<(WeightingConfig, Vec<Respondent>), Box<dyn Error>> {
    let m = margins(
        "variable,category,share\ndistrict,A,0.4\ndistrict,B,0.35\ndistrict,C,0.25\nage,18-44,0.55\nage,45+,0.45\n",
    )?;
    let eq = EquityTable::parse_csv("area,score\nA,3\nB,6\nC,9\n", None)?;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let r: Vec<Respondent> = (0..600)
        .map(|i| {
            let d = ["A", "A", "A", "B", "B", "C"][rng.gen_range(0..6)];
            let mut p = Respondent::new(format!("d{i:04}"))
                .var("district", d)
                .var("age", if rng.gen_bool(0.35) { "18-44" } else { "45+" })
                .area(d);
            for t in 0..6 {
                let base = [0.4, 0.3, 0.2, 0.15, 0.1, 0.05][t]
                    * if d == "C" && t == 3 { 3.0 } else { 1.0 };
                if rng.gen_bool(f64::min(base, 0.95)) {
                    p = p.theme(format!("T-{t}"));
                }
            }
            if rng.gen_bool(0.7) {
                p = p.urgency(f64::from(rng.gen_range(1u8..=5)));
            }
            p
        })
        .collect();
    let params = WeightingParams::default()
        .replicates(replicates)
        .seed(7)
        .min_category_size(5)
        .check()?;
    Ok((WeightingConfig::new(params, m).with_equity(eq, None), r))
}

#[test]
fn same_seed_gives_identical_json_and_stored_runs_reproduce() -> Res {
    let (config, r) = demo_config(60, 3)?;
    let sources = vec![SourceMention {
        stream: Stream::Department,
        source: "dot".into(),
        theme: "T-1".into(),
    }];
    let a = serde_json::to_string(&config.fit(&r, &sources)?)?;
    let b = serde_json::to_string(&config.fit(&r, &sources)?)?;
    assert_eq!(a, b);
    // Different thread count: same bytes.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let c = pool.install(|| {
        config
            .fit(&r, &sources)
            .map(|run| serde_json::to_string(&run))
    })??;
    assert_eq!(a, c);
    // A stored run's configuration reproduces it exactly.
    let stored: analysis::weighting::WeightingRun = serde_json::from_str(&a)?;
    let again = stored.config.fit(&r, &sources)?;
    assert_eq!(again.config_sha256, stored.config_sha256);
    assert_eq!(serde_json::to_string(&again)?, a);
    // A different seed changes the intervals but not the point estimates.
    let other = WeightingConfig {
        params: WeightingValidParams {
            bootstrap: analysis::weighting::BootstrapSettings {
                seed: 8,
                ..config.params.bootstrap.clone()
            },
            ..config.params.clone()
        },
        ..config.clone()
    };
    let d = other.fit(&r, &sources)?;
    assert_ne!(serde_json::to_string(&d)?, a);
    assert_eq!(
        d.priorities[0].equity.share,
        stored.priorities[0].equity.share
    );
    Ok(())
}

#[test]
fn three_rankings_side_by_side_with_intervals() -> Res {
    let (config, r) = demo_config(100, 5)?;
    let run = config.fit(&r, &[])?;
    assert_eq!(run.sensitivity.unweighted.len(), 6);
    for p in &run.priorities {
        for e in [&p.unweighted, &p.raked, &p.equity] {
            let ci = e.share_ci95.ok_or("ci")?;
            assert!(
                ci.lower <= e.share + 1e-12 && e.share <= ci.upper + 1e-12,
                "{p:?}"
            );
            let u = e.mean_urgency.ok_or("urgency")?;
            let expected = e.share * (0.5 + (u - 1.0) / 4.0);
            assert!((e.priority - expected).abs() < 1e-12);
        }
    }
    // T-3 is concentrated in high-need district C: the equity weighting raises its share.
    let t3 = run
        .priorities
        .iter()
        .find(|p| p.theme == "T-3")
        .ok_or("T-3")?;
    assert!(t3.equity.share > t3.raked.share);
    assert!(t3.equity_gap.ok_or("gap")? > 2.0);
    assert!(t3.equity.breadth.ok_or("breadth")? < 1.0);
    assert!(run.sensitivity.tau_raked_equity.ok_or("tau")? <= 1.0);
    Ok(())
}

#[test]
fn organisational_streams_never_enter_resident_shares() -> Res {
    let (config, r) = demo_config(0, 9)?;
    let alone = config.fit(&r, &[])?;
    let sources: Vec<SourceMention> = ["cbo-a", "cbo-b", "cbo-a"]
        .iter()
        .map(|s| SourceMention {
            stream: Stream::CommunityOrganization,
            source: (*s).into(),
            theme: "T-5".into(),
        })
        .chain([
            SourceMention {
                stream: Stream::InterviewNotes,
                source: "interview-3".into(),
                theme: "T-5".into(),
            },
            SourceMention {
                stream: Stream::ImportedReport,
                source: "311-2024".into(),
                theme: "T-new".into(),
            },
        ])
        .collect();
    let with = config.fit(&r, &sources)?;
    for p in &alone.priorities {
        let q = with
            .priorities
            .iter()
            .find(|q| q.theme == p.theme)
            .ok_or("theme")?;
        assert_eq!(p.equity.share, q.equity.share);
        assert_eq!(p.raked.priority, q.raked.priority);
    }
    let t5 = with
        .priorities
        .iter()
        .find(|q| q.theme == "T-5")
        .ok_or("T-5")?;
    assert_eq!(t5.organisations, 3);
    let new = with
        .priorities
        .iter()
        .find(|q| q.theme == "T-new")
        .ok_or("T-new")?;
    assert_eq!(
        (new.respondents, new.equity.share, new.organisations),
        (0, 0.0, 1)
    );
    assert!(!new.suppressed.is_empty());
    let resident = SourceMention {
        stream: Stream::Resident,
        source: "r1".into(),
        theme: "T-1".into(),
    };
    assert!(matches!(
        config.fit(&r, &[resident]),
        Err(WeightingError::ResidentSource(_))
    ));
    Ok(())
}

#[test]
fn district_breakdown_hides_small_cells() -> Res {
    let (config, r) = demo_config(0, 11)?;
    let run = config.fit(&r, &[])?;
    let b = run.breakdown(&r, "district", Scheme::RakedEquity)?;
    let mut hidden = 0;
    for (t, row) in b.cells.iter().enumerate() {
        let theme = &b.themes[t];
        for (j, cell) in row.iter().enumerate() {
            let truth = r
                .iter()
                .filter(|p| {
                    p.category("district") == Some(b.columns[j].category.as_str())
                        && p.themes.contains(theme)
                })
                .count();
            if truth < 10 {
                assert!(
                    !cell.status.is_published() && cell.count.is_none() && cell.share.is_none()
                );
            }
            hidden += usize::from(!cell.status.is_published());
        }
        // With the theme total published, a row never has exactly one hidden cell.
        let h = row.iter().filter(|c| !c.status.is_published()).count();
        assert!(h != 1 || !b.suppression.row_totals[t].is_published());
    }
    assert!(hidden > 0, "the fixture should have small cells");
    let published = run.published_priorities();
    assert!(
        published
            .iter()
            .all(|p| p.suppressed.is_empty() == p.row.is_some())
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Suppression property test: random tables, random totals shown.

/// Whether hidden entry `k` of the augmented grid is determined by the published values:
/// `e_k` lies in the row space of the line constraints restricted to the hidden entries.
fn determined(hidden: &[bool], nr: usize, nc: usize, k: usize) -> bool {
    let unknown: Vec<usize> = (0..nr * nc).filter(|&i| hidden[i]).collect();
    let col = |i: usize| unknown.iter().position(|&u| u == i);
    let mut rows: Vec<Vec<f64>> = Vec::new();
    for r in 0..nr {
        let mut v = vec![0.0; unknown.len()];
        for c in 0..nc {
            if let Some(j) = col(r * nc + c) {
                v[j] = if c == nc - 1 { -1.0 } else { 1.0 };
            }
        }
        rows.push(v);
    }
    for c in 0..nc {
        let mut v = vec![0.0; unknown.len()];
        for r in 0..nr {
            if let Some(j) = col(r * nc + c) {
                v[j] = if r == nr - 1 { -1.0 } else { 1.0 };
            }
        }
        rows.push(v);
    }
    let base = rank(rows.clone());
    let mut e = vec![0.0; unknown.len()];
    if let Some(j) = col(k) {
        e[j] = 1.0;
    }
    rows.push(e);
    rank(rows) == base
}

fn rank(mut m: Vec<Vec<f64>>) -> usize {
    let cols = m.first().map_or(0, Vec::len);
    let mut rank = 0;
    for c in 0..cols {
        let Some(p) = (rank..m.len()).max_by(|&a, &b| m[a][c].abs().total_cmp(&m[b][c].abs()))
        else {
            break;
        };
        if m[p][c].abs() < 1e-9 {
            continue;
        }
        m.swap(rank, p);
        let pivot = m[rank].clone();
        for (i, row) in m.iter_mut().enumerate() {
            if i != rank {
                let f = row[c] / pivot[c];
                for (x, y) in row.iter_mut().zip(&pivot) {
                    *x -= f * y;
                }
            }
        }
        rank += 1;
    }
    rank
}

#[test]
fn suppression_never_reveals_a_cell_under_the_threshold() -> Res {
    let settings = SuppressionSettings::default();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2024);
    let mut primaries = 0;
    let mut complements = 0;
    for _ in 0..600 {
        let (r, c) = (rng.gen_range(1..=6), rng.gen_range(1..=6));
        let counts: Vec<Vec<u64>> = (0..r)
            .map(|_| {
                (0..c)
                    .map(|_| {
                        if rng.gen_bool(0.3) {
                            rng.gen_range(0..10)
                        } else {
                            rng.gen_range(10..120)
                        }
                    })
                    .collect()
            })
            .collect();
        let totals = TotalsShown {
            rows: rng.gen_bool(0.8),
            columns: rng.gen_bool(0.6),
            grand: rng.gen_bool(0.5),
        };
        let table = CellTable {
            rows: (0..r).map(|i| format!("r{i}")).collect(),
            columns: (0..c).map(|j| format!("c{j}")).collect(),
            counts: counts.clone(),
            effective_n: None,
            relative_se: None,
            totals,
        };
        let s = suppress(&table, &settings)?;
        primaries += s.primary;
        complements += s.complementary;
        // Augmented grid: hidden = suppressed or not shown.
        let (nr, nc) = (r + 1, c + 1);
        let mut hidden = vec![false; nr * nc];
        let mut value = vec![0u64; nr * nc];
        let mut primary = vec![false; nr * nc];
        for i in 0..r {
            for j in 0..c {
                let v = counts[i][j];
                value[i * nc + j] = v;
                value[i * nc + c] += v;
                value[r * nc + j] += v;
                value[r * nc + c] += v;
            }
        }
        let statuses = (0..r)
            .flat_map(|i| (0..c).map(move |j| (i, j)))
            .map(|(i, j)| (i * nc + j, &s.cells[i][j]))
            .chain((0..r).map(|i| (i * nc + c, &s.row_totals[i])))
            .chain((0..c).map(|j| (r * nc + j, &s.column_totals[j])))
            .chain([(r * nc + c, &s.grand_total)]);
        for (k, status) in statuses {
            hidden[k] = !status.is_published();
            if let CellStatus::Suppressed { reasons } = status {
                primary[k] =
                    !reasons.contains(&analysis::weighting::SuppressionReason::Complementary);
            }
            if matches!(status, CellStatus::NotShown) {
                assert!(k % nc == c || k / nc == r, "only totals can be not shown");
            } else if value[k] < settings.min_count {
                assert!(
                    primary[k],
                    "published small value {} in {counts:?} {totals:?}",
                    value[k]
                );
            }
        }
        // Simple attack: subtract the published cells from a published line total.
        for line in (0..nr)
            .map(|i| (0..nc).map(|j| i * nc + j).collect::<Vec<_>>())
            .chain((0..nc).map(|j| (0..nr).map(|i| i * nc + j).collect::<Vec<_>>()))
        {
            let hidden_in_line: Vec<usize> = line.iter().copied().filter(|&k| hidden[k]).collect();
            if let [only] = hidden_in_line[..] {
                assert!(
                    !primary[only],
                    "cell {only} recoverable by subtraction in {counts:?} {totals:?}"
                );
            }
        }
        // Full attack: any linear combination of published values.
        for k in (0..nr * nc).filter(|&k| primary[k]) {
            assert!(
                !determined(&hidden, nr, nc, k),
                "cell {k} determined in {counts:?} {totals:?} {s:?}"
            );
        }
    }
    assert!(
        primaries > 300 && complements > 100,
        "{primaries} primary, {complements} complementary"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Configuration files.

fn margin_error(
    text: &str,
    known: &KnownCategories,
) -> (u64, Option<String>, ConfigProblem, String) {
    match Margins::parse_csv(text, known) {
        Ok(m) => panic!("accepted {m:?}"),
        Err(e) => (e.line, e.column.clone(), e.problem.clone(), e.to_string()),
    }
}

#[test]
fn bad_margins_name_row_and_column() {
    let none = KnownCategories::new();
    let districts: KnownCategories = [(
        "district".to_owned(),
        (1..=10).map(|d| d.to_string()).collect::<BTreeSet<_>>(),
    )]
    .into();
    let (line, col, problem, msg) = margin_error(
        "variable,category,share\ndistrict,1,0.5\ndistrict,11,0.5\n",
        &districts,
    );
    assert_eq!((line, col.as_deref()), (3, Some("category")));
    assert!(matches!(problem, ConfigProblem::UnknownCategory { ref value, .. } if value == "11"));
    assert_eq!(
        msg,
        "margins file, line 3, column 2 (\"category\"): unknown district \"11\""
    );

    let (line, col, problem, _) = margin_error(
        "variable,category,share\nage,18-44,0.5\nage,45+,0.4\ntenure,own,0.5\ntenure,rent,0.5\n",
        &none,
    );
    assert_eq!((line, col.as_deref()), (2, Some("share")));
    assert!(
        matches!(problem, ConfigProblem::SharesDoNotSum { ref variable, .. } if variable == "age")
    );

    let (line, col, problem, _) =
        margin_error("variable,category,population\nage,a,100\nage,b,-3\n", &none);
    assert_eq!(
        (line, col.as_deref(), problem),
        (
            3,
            Some("population"),
            ConfigProblem::Negative { value: -3.0 }
        )
    );

    let (line, col, problem, _) =
        margin_error("variable,category,share\nage,a,0.5\nage,,0.5\n", &none);
    assert_eq!(
        (line, col.as_deref(), problem),
        (3, Some("category"), ConfigProblem::Missing)
    );

    let (line, col, problem, _) =
        margin_error("variable,category,share\nage,a,0.5\nage,b,\n", &none);
    assert_eq!(
        (line, col.as_deref(), problem),
        (3, Some("share"), ConfigProblem::Missing)
    );

    let (line, col, problem, _) =
        margin_error("variable,category,share\nage,a,0.5\nage,a,0.5\n", &none);
    assert_eq!(
        (line, col.as_deref(), problem),
        (
            3,
            Some("category"),
            ConfigProblem::Duplicate { first_line: 2 }
        )
    );

    let (line, _, problem, _) =
        margin_error("variable,category,share\nage,a,0.5\nage,b,0\n", &none);
    assert_eq!((line, problem), (3, ConfigProblem::Zero));
}

#[test]
fn bad_equity_and_crosswalk_files_name_row_and_column() -> Res {
    let e = EquityTable::parse_csv("area,score\nT1,3\nT2,abc\n", None)
        .err()
        .ok_or("accepted")?;
    assert_eq!(
        (e.file, e.line, e.column.as_deref()),
        (ConfigFile::EquityIndex, 3, Some("score"))
    );
    let e = EquityTable::parse_csv("area,score\nT1,3\nT1,4\n", None)
        .err()
        .ok_or("accepted")?;
    assert_eq!(
        (e.line, e.problem),
        (3, ConfigProblem::Duplicate { first_line: 2 })
    );
    let known: BTreeSet<String> = ["T1".to_owned()].into();
    let e = EquityTable::parse_csv("area,score\nT1,3\nT7,4\n", Some(&known))
        .err()
        .ok_or("accepted")?;
    assert_eq!((e.line, e.column.as_deref()), (3, Some("area")));

    let eq = EquityTable::parse_csv("area,score\nT1,3\nT2,8\n", None)?;
    let e = ZipCrosswalk::parse_csv("zip,area\n95110,T1\n95111,T5\n", &eq)
        .err()
        .ok_or("accepted")?;
    assert_eq!(
        (e.file, e.line, e.column.as_deref()),
        (ConfigFile::ZipCrosswalk, 3, Some("area"))
    );
    assert!(matches!(e.problem, ConfigProblem::UnknownArea { .. }));
    let e = ZipCrosswalk::parse_csv("zip,area\n95110,T1\n95110,T2\n", &eq)
        .err()
        .ok_or("accepted")?;
    assert_eq!((e.line, e.column.as_deref()), (3, Some("zip")));
    let e = ZipCrosswalk::parse_csv("zip,area,ratio\n9511,T1,1\n", &eq)
        .err()
        .ok_or("accepted")?;
    assert_eq!((e.line, e.column.as_deref()), (2, Some("zip")));
    let e = ZipCrosswalk::parse_csv("zip,area,ratio\n95110,T1,1.5\n", &eq)
        .err()
        .ok_or("accepted")?;
    assert_eq!((e.line, e.column.as_deref()), (2, Some("ratio")));
    Ok(())
}

#[test]
fn shipped_templates_parse_to_empty_files_only() {
    // The templates hold only headers: no invented numbers.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/");
    for (file, header) in [
        ("margins.csv", "variable,category,share"),
        ("equity_index.csv", "area,score"),
        ("zip_crosswalk.csv", "zip,area,ratio"),
    ] {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap_or_default();
        assert_eq!(text.trim(), header, "{file}");
    }
    let e = Margins::parse_csv("variable,category,share\n", &KnownCategories::new());
    assert!(matches!(e, Err(ref e) if e.problem == ConfigProblem::Empty));
}
