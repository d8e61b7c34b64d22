//! Evaluates the theme pipeline against a labelled CSV (`id,text,category`).
//!
//! ```sh
//! cargo run --release -p analysis --example evaluate -- ../shared/data/polis_topics_en.csv \
//!     [--repr classical|semantic|both] [--model DIR] [--k N] [--replicate N] [--cache FILE]
//!     [--semantic-dims N|none] [--lexical-weight W] [--smoothing NEIGHBOURS,STRENGTH|none] [--seed N]
//!     [--k-rule distortion_knee|stable_silhouette] [--lsa-dims N] [--outlier-floor S]
//!     [--idf-power P]
//! ```
//!
//! For each representation it prints NMI, ARI and V-measure against `category` (units left
//! "unclassified" count as one extra cluster), the number of themes, the chosen k, wall time and
//! peak resident memory of the run (the kernel's high-water mark is reset before each run), and
//! why the unclassified units are unclassified (outliers, short units, …).

use std::path::PathBuf;
use std::time::Instant;

use analysis::cluster::choose_k::KRule;
use analysis::metrics::cluster_scores;
use analysis::{
    EmbeddingCache, FitContext, Representation, SentenceEncoder, Smoothing, ThemeParams, Unit,
};
use linfa::ParamGuard;

struct Args {
    file: PathBuf,
    reprs: Vec<Representation>,
    model: Option<PathBuf>,
    k: Option<usize>,
    replicate: usize,
    cache: Option<PathBuf>,
    semantic_dims: Option<Option<usize>>,
    lexical_weight: Option<f64>,
    smoothing: Option<Option<Smoothing>>,
    seed: u64,
    k_rule: Option<KRule>,
    lsa_dims: Option<usize>,
    outlier_floor: Option<f32>,
    idf_power: Option<f32>,
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut file = None;
    let mut reprs = vec![Representation::Classical, Representation::Semantic];
    let mut model = None;
    let mut k = None;
    let mut replicate = 1;
    let mut cache = None;
    let mut semantic_dims = None;
    let mut lexical_weight = None;
    let mut smoothing = None;
    let mut seed = 42;
    let mut k_rule = None;
    let mut lsa_dims = None;
    let mut outlier_floor = None;
    let mut idf_power = None;
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--repr" => {
                reprs = match val("--repr")?.as_str() {
                    "classical" => vec![Representation::Classical],
                    "semantic" => vec![Representation::Semantic],
                    "both" => vec![Representation::Classical, Representation::Semantic],
                    o => return Err(format!("unknown representation {o}")),
                }
            }
            "--model" => model = Some(PathBuf::from(val("--model")?)),
            "--k" => k = Some(val("--k")?.parse().map_err(|e| format!("--k: {e}"))?),
            "--replicate" => {
                replicate = val("--replicate")?
                    .parse()
                    .map_err(|e| format!("--replicate: {e}"))?
            }
            "--lexical-weight" => {
                lexical_weight = Some(
                    val("--lexical-weight")?
                        .parse()
                        .map_err(|e| format!("--lexical-weight: {e}"))?,
                )
            }
            "--seed" => seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--cache" => cache = Some(PathBuf::from(val("--cache")?)),
            "--k-rule" => {
                k_rule = Some(match val("--k-rule")?.as_str() {
                    "distortion_knee" => KRule::DistortionKnee,
                    "stable_silhouette" => KRule::StableSilhouette,
                    o => return Err(format!("unknown --k-rule {o}")),
                })
            }
            "--lsa-dims" => {
                lsa_dims = Some(
                    val("--lsa-dims")?
                        .parse()
                        .map_err(|e| format!("--lsa-dims: {e}"))?,
                )
            }
            "--semantic-dims" => {
                semantic_dims = Some(match val("--semantic-dims")?.as_str() {
                    "none" => None,
                    n => Some(n.parse().map_err(|e| format!("--semantic-dims: {e}"))?),
                })
            }
            "--outlier-floor" => {
                outlier_floor = Some(
                    val("--outlier-floor")?
                        .parse()
                        .map_err(|e| format!("--outlier-floor: {e}"))?,
                )
            }
            "--idf-power" => idf_power = Some(number("--idf-power", &val("--idf-power")?)?),
            "--smoothing" => smoothing = Some(parse_smoothing(&val("--smoothing")?)?),
            f if !f.starts_with("--") && file.is_none() => file = Some(PathBuf::from(f)),
            o => return Err(format!("unexpected argument {o}")),
        }
    }
    let file = file.ok_or("usage: evaluate FILE.csv [--repr classical|semantic|both] [--model DIR] [--k N] [--replicate N] [--cache FILE] [--semantic-dims N|none] [--lexical-weight W] [--smoothing NEIGHBOURS,STRENGTH|none] [--seed N] [--k-rule distortion_knee|stable_silhouette] [--lsa-dims N] [--outlier-floor S] [--idf-power P]")?;
    Ok(Args {
        file,
        reprs,
        model,
        k,
        replicate,
        cache,
        semantic_dims,
        lexical_weight,
        smoothing,
        seed,
        k_rule,
        lsa_dims,
        outlier_floor,
        idf_power,
    })
}

/// `value` parsed as a number, or an error naming `flag`.
fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e| format!("{flag}: {e}"))
}

/// `none`, or `NEIGHBOURS,STRENGTH` (e.g. `10,1.0`).
fn parse_smoothing(v: &str) -> Result<Option<Smoothing>, String> {
    if v == "none" {
        return Ok(None);
    }
    let (n, s) = v
        .split_once(',')
        .ok_or("--smoothing: expected none or NEIGHBOURS,STRENGTH")?;
    Ok(Some(Smoothing {
        neighbours: n
            .parse()
            .map_err(|e| format!("--smoothing neighbours: {e}"))?,
        strength: s
            .parse()
            .map_err(|e| format!("--smoothing strength: {e}"))?,
        ..Smoothing::default()
    }))
}

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak_rss() {
    // Linux: writing 5 to clear_refs resets the resident-set high-water mark.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse()?;
    let mut reader = csv::Reader::from_path(&args.file)?;
    let mut units = Vec::new();
    let mut truth = Vec::new();
    for rec in reader.records() {
        let rec = rec?;
        let (id, text, cat) = (
            rec.get(0).unwrap_or(""),
            rec.get(1).unwrap_or(""),
            rec.get(2).unwrap_or(""),
        );
        for r in 0..args.replicate {
            units.push(Unit::new(format!("{id}#{r}"), text));
            truth.push(cat.to_owned());
        }
    }
    // Truth in unit-ID order (the model's assignment order).
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| units[a].id.cmp(&units[b].id));
    let truth: Vec<String> = order.iter().map(|&i| truth[i].clone()).collect();
    let n_cats = truth
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    println!(
        "{}: {} units, {} categories",
        args.file.display(),
        units.len(),
        n_cats
    );
    println!(
        "{:<10} {:>4} {:>7} {:>6} {:>6} {:>6} {:>9} {:>8} {:>9}",
        "repr", "k", "themes", "NMI", "ARI", "V", "unclass%", "wall s", "peak MB"
    );
    for repr in &args.reprs {
        reset_peak_rss();
        let start = Instant::now();
        let encoder = match repr {
            Representation::Semantic => {
                let dir = args
                    .model
                    .clone()
                    .unwrap_or_else(analysis::default_model_dir);
                match SentenceEncoder::load(&dir) {
                    Ok(e) => Some(e),
                    Err(e) => {
                        eprintln!("semantic: cannot load model from {}: {e}", dir.display());
                        continue;
                    }
                }
            }
            Representation::Classical => None,
        };
        let mut params = ThemeParams::new(*repr).k(args.k).seed(args.seed);
        if let Some(dims) = args.semantic_dims {
            params = params.semantic_dims(dims);
        }
        if let Some(sm) = args.smoothing {
            params = params.smoothing(sm);
        }
        if let Some(w) = args.lexical_weight {
            params = params.lexical_weight(w);
        }
        if let Some(rule) = args.k_rule {
            params = params.k_rule(rule);
        }
        if let Some(d) = args.lsa_dims {
            params = params.lsa_dims(d);
        }
        if let Some(f) = args.outlier_floor {
            params = params.outlier_floor(f);
        }
        if let Some(power) = args.idf_power {
            params = params.idf_power(power);
        }
        let params = params.check()?;
        let mut cache: EmbeddingCache = match &args.cache {
            Some(path) if path.exists() => serde_json::from_slice(&std::fs::read(path)?)?,
            _ => EmbeddingCache::new(),
        };
        let stages = std::sync::Mutex::new(Vec::<(analysis::Stage, f64)>::new());
        let on_progress = |stage: analysis::Stage, _done: usize, _total: usize| {
            if let Ok(mut v) = stages.lock()
                && v.last().is_none_or(|(s, _)| *s != stage)
            {
                v.push((stage, start.elapsed().as_secs_f64()));
            }
        };
        let mut ctx = FitContext::new().progress(&on_progress);
        if let Some(e) = &encoder {
            ctx = ctx.encoder(e).cache(&mut cache);
        }
        let model = params.fit(&units, ctx)?;
        if let (Some(path), Some(_)) = (&args.cache, &encoder) {
            std::fs::write(path, serde_json::to_vec(&cache)?)?;
        }
        let wall = start.elapsed().as_secs_f64();
        let pred: Vec<String> = model
            .assignments()
            .iter()
            .map(|a| a.theme.clone().unwrap_or_else(|| "unclassified".into()))
            .collect();
        let s = cluster_scores(&truth, &pred);
        let unclassified = model.unclassified().members.len() as f64 / units.len() as f64 * 100.0;
        println!(
            "{:<10} {:>4} {:>7} {:>6.3} {:>6.3} {:>6.3} {:>8.1}% {:>8.1} {:>9.0}",
            format!("{repr:?}").to_lowercase(),
            model.k(),
            model.themes().len(),
            s.nmi,
            s.ari,
            s.v_measure,
            unclassified,
            wall,
            peak_rss_mb().unwrap_or(f64::NAN)
        );
        let mut why = std::collections::BTreeMap::<String, usize>::new();
        for a in model.assignments().iter().filter(|a| !a.status.is_member()) {
            *why.entry(format!("{:?}", a.status)).or_default() += 1;
        }
        let why: Vec<String> = why.iter().map(|(s, n)| format!("{s} {n}")).collect();
        println!("  unclassified: {}", why.join(", "));
        if let Ok(v) = stages.lock() {
            let line: Vec<String> = v
                .iter()
                .enumerate()
                .map(|(i, (s, t))| {
                    let end = v.get(i + 1).map_or(wall, |x| x.1);
                    format!("{} {:.1}s", s.name(), end - t)
                })
                .collect();
            println!("  stages: {}", line.join(", "));
        }
        if let Some(c) = model.k_choice() {
            let line: Vec<String> = c
                .scores
                .iter()
                .map(|s| match s.distortion {
                    Some(d) => format!(
                        "{}:{:.3}±{:.3}/{:.2}/{:.4}",
                        s.k, s.silhouette, s.silhouette_se, s.stability, d
                    ),
                    None => format!(
                        "{}:{:.3}±{:.3}/{:.2}",
                        s.k, s.silhouette, s.silhouette_se, s.stability
                    ),
                })
                .collect();
            println!(
                "  k search (k:silhouette[±se]/stability[/distortion]), stable={}: {}",
                c.stable,
                line.join(" ")
            );
        }
        for t in model.themes().iter().take(8) {
            println!("  {} ({} resp.) {}", t.id, t.respondents, t.label);
        }
    }
    Ok(())
}
