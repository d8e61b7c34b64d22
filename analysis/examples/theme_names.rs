//! Judges readable theme names ([`analysis::labels::names`]) against the keyword labels on
//! labelled CSVs (`id,text,category`), and times the naming.
//!
//! ```sh
//! cargo run --release -p analysis --example theme_names -- \
//!     ../shared/data/disaster_needs_en.csv ../shared/data/polis_topics_en.csv [--blind] [--seed N]
//! cargo run --release -p analysis --example theme_names -- --time 100000 ../shared/data/disaster_needs_en.csv
//! ```
//!
//! For each file it fits themes with the classical pipeline (default parameters, seed 42) and
//! prints per theme the gold majority category (and its share of members), the keyword label and
//! the new name, and whether each matches the category (contains one of the category's words or an
//! obvious synonym, listed in [`SYNONYMS`]). With `--blind` it prints instead, per theme, the
//! category and the two labels in a seeded random order as X and Y, so a reader can pick the
//! clearer one before seeing which is which; the key is printed after a line of dashes at the end.
//!
//! With `--time N` it builds N texts by repeating the file's texts (each copy its own respondent),
//! groups them by category into themes, and reports the wall time of `theme_names` (best of 5),
//! then the same with all texts in one theme (no parallelism across themes).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use analysis::labels::names::{MemberText, NamingInput, main_language, theme_names};
use analysis::{FitContext, Lang, Representation, ThemeParams, Unit};
use linfa::ParamGuard;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Words (lowercase prefixes) that show a label is about a gold category.
const SYNONYMS: &[(&str, &[&str])] = &[
    // disaster_needs_en
    (
        "earthquake",
        &["earthquake", "quake", "tremor", "aftershock", "seism"],
    ),
    (
        "food",
        &["food", "rice", "eat", "hungry", "hunger", "meal", "starv"],
    ),
    (
        "storm",
        &["storm", "hurricane", "sandy", "wind", "tornado", "cyclone"],
    ),
    (
        "medical_help",
        &[
            "medical", "doctor", "hospital", "health", "injur", "wound", "sick", "nurse",
        ],
    ),
    (
        "shelter",
        &["shelter", "tent", "homeless", "housing", "roof", "tarp"],
    ),
    (
        "military",
        &[
            "military", "army", "soldier", "troop", "navy", "marine", "defense", "defence",
        ],
    ),
    ("floods", &["flood", "rain", "inundat", "water level"]),
    ("water", &["water", "drink", "thirst"]),
    (
        "death",
        &[
            "death", "dead", "died", "die", "kill", "bodies", "body", "toll", "fatal",
        ],
    ),
    (
        "money",
        &["money", "cash", "fund", "pay", "donat", "dollar", "financ"],
    ),
    (
        "refugees",
        &["refugee", "displaced", "camp", "evacuee", "fled"],
    ),
    (
        "buildings",
        &[
            "building",
            "collapse",
            "destroyed",
            "house",
            "homes",
            "damage",
        ],
    ),
    (
        "medical_products",
        &[
            "medicine",
            "medication",
            "drug",
            "medical suppl",
            "vaccin",
            "first aid",
        ],
    ),
    (
        "transport",
        &[
            "transport",
            "road",
            "truck",
            "vehicle",
            "bus",
            "car",
            "fuel",
            "gas",
            "airport",
        ],
    ),
    ("cold", &["cold", "blanket", "winter", "freez", "heat"]),
    (
        "search_and_rescue",
        &["rescue", "search", "trapped", "rubble"],
    ),
    ("fire", &["fire", "burn", "flame", "blaze"]),
    (
        "electricity",
        &["electric", "power", "outage", "generator", "light"],
    ),
    (
        "security",
        &[
            "security", "police", "violence", "loot", "crime", "gang", "safe",
        ],
    ),
    (
        "missing_people",
        &["missing", "find", "looking for", "lost"],
    ),
    ("clothing", &["cloth", "shoe", "dress", "wear"]),
    // polis_topics_en
    (
        "american-assembly.bowling-green",
        &["bowling green", "bowling", "bg", "wku", "warren county"],
    ),
    (
        "march-on.operation-marchin-orders",
        &[
            "march",
            "democrat",
            "trump",
            "republican",
            "congress",
            "vote",
            "election",
            "candidate",
        ],
    ),
    (
        "ssis.land-bank-farmland",
        &["land bank", "farmland", "farm", "land", "agricultur"],
    ),
    (
        "scoop-hivemind.biodiversity",
        &[
            "biodiversity",
            "species",
            "native",
            "conservation",
            "predator",
            "possum",
            "bird",
            "wildlife",
            "pest",
        ],
    ),
    (
        "canadian-electoral-reform",
        &[
            "electoral",
            "proportional",
            "voting",
            "vote",
            "election",
            "ballot",
            "mmp",
            "riding",
        ],
    ),
    (
        "scoop-hivemind.affordable-housing",
        &["housing", "afford", "house", "home", "rent"],
    ),
    ("scoop-hivemind.taxes", &["tax"]),
    (
        "scoop-hivemind.ubi",
        &["ubi", "basic income", "universal basic"],
    ),
    (
        "scoop-hivemind.freshwater",
        &[
            "freshwater",
            "water",
            "river",
            "lake",
            "irrigation",
            "nitrate",
        ],
    ),
    (
        "brexit-consensus",
        &["brexit", "eu", "europe", "referendum", "leave", "remain"],
    ),
    (
        "football-concussions",
        &["football", "concussion", "head injur", "helmet", "nfl"],
    ),
    (
        "london.youth.policing",
        &[
            "police",
            "policing",
            "youth",
            "young",
            "stop and search",
            "officer",
        ],
    ),
    (
        "15-per-hour-seattle",
        &["wage", "$15", "15", "minimum", "per hour", "pay"],
    ),
];

/// True when `label` contains a word of the category or one of its synonyms.
fn matches_category(label: &str, category: &str) -> bool {
    let l = label.to_lowercase();
    let words: Vec<&str> = SYNONYMS
        .iter()
        .filter(|(c, _)| category.starts_with(c))
        .flat_map(|(_, s)| s.iter().copied())
        .collect();
    let own = category
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3);
    let has_word = |w: &str| {
        l.split(|c: char| !c.is_alphanumeric() && c != '$')
            .any(|x| x.starts_with(w))
            || (w.contains(' ') && l.contains(w))
    };
    words.into_iter().chain(own).any(has_word)
}

struct Args {
    files: Vec<PathBuf>,
    blind: bool,
    seed: u64,
    time: Option<usize>,
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut args = Args {
        files: Vec::new(),
        blind: false,
        seed: 42,
        time: None,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--blind" => args.blind = true,
            "--seed" => {
                args.seed = it
                    .next()
                    .ok_or("--seed needs a value")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--time" => {
                args.time = Some(
                    it.next()
                        .ok_or("--time needs a value")?
                        .parse()
                        .map_err(|e| format!("--time: {e}"))?,
                )
            }
            f if !f.starts_with("--") => args.files.push(PathBuf::from(f)),
            o => return Err(format!("unexpected argument {o}")),
        }
    }
    if args.files.is_empty() {
        return Err("usage: theme_names FILE.csv... [--blind] [--seed N] [--time N]".into());
    }
    Ok(args)
}

/// One CSV row: `(id, text, category)`.
type Row = (String, String, String);

/// The rows of a CSV.
fn read(path: &PathBuf) -> Result<Vec<Row>, Box<dyn std::error::Error>> {
    let mut reader = csv::Reader::from_path(path)?;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec?;
        let get = |i: usize| rec.get(i).unwrap_or("").to_owned();
        rows.push((get(0), get(1), get(2)));
    }
    Ok(rows)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse()?;
    if let Some(n) = args.time {
        for f in &args.files {
            time_naming(&read(f)?, n);
        }
        return Ok(());
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(args.seed);
    let mut keys: Vec<String> = Vec::new();
    let (mut themes_total, mut new_wins_auto, mut old_match, mut new_match) = (0, 0, 0, 0);
    for f in &args.files {
        let rows = read(f)?;
        let units: Vec<Unit> = rows.iter().map(|(id, t, _)| Unit::new(id, t)).collect();
        let gold: BTreeMap<&str, &str> = rows
            .iter()
            .map(|(id, _, c)| (id.as_str(), c.as_str()))
            .collect();
        let text: BTreeMap<&str, &str> = rows
            .iter()
            .map(|(id, t, _)| (id.as_str(), t.as_str()))
            .collect();
        let params = ThemeParams::new(Representation::Classical)
            .seed(42)
            .check()?;
        let model = params.fit(&units, FitContext::new())?;
        let themes = model.themes();
        let inputs: Vec<NamingInput<'_>> = themes
            .iter()
            .map(|t| NamingInput {
                members: t
                    .members
                    .iter()
                    .map(|m| MemberText {
                        respondent: m,
                        text: text.get(m.as_str()).copied().unwrap_or(""),
                    })
                    .collect(),
                keywords: &t.keywords,
                lang: main_language(&t.languages, Lang::En),
            })
            .collect();
        let start = Instant::now();
        let names = theme_names(&inputs);
        let took = start.elapsed();
        println!(
            "\n{}: {} units, {} themes, naming took {:.1} ms",
            f.display(),
            units.len(),
            themes.len(),
            took.as_secs_f64() * 1000.0
        );
        for (t, name) in themes.iter().zip(&names) {
            let mut cats: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &t.members {
                *cats
                    .entry(gold.get(m.as_str()).copied().unwrap_or("?"))
                    .or_insert(0) += 1;
            }
            let (cat, n) = cats
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map_or(("?", 0), |(c, n)| (*c, *n));
            let share = n as f64 / t.members.len().max(1) as f64 * 100.0;
            let (om, nm) = (matches_category(&t.label, cat), matches_category(name, cat));
            themes_total += 1;
            old_match += usize::from(om);
            new_match += usize::from(nm);
            new_wins_auto += usize::from(nm && !om);
            if args.blind {
                let swap = rng.gen_bool(0.5);
                let (x, y) = if swap {
                    (name.as_str(), t.label.as_str())
                } else {
                    (t.label.as_str(), name.as_str())
                };
                println!(
                    "{:>3}. {cat} ({share:.0}%)\n     X: {x}\n     Y: {y}",
                    themes_total
                );
                keys.push(format!(
                    "{themes_total}: new = {}",
                    if swap { "X" } else { "Y" }
                ));
            } else {
                println!(
                    "{:<6} {:>4} {:<36} {:>4.0}% | {} {:<48} | {} {}",
                    t.id,
                    t.respondents,
                    cat,
                    share,
                    if om { "+" } else { " " },
                    t.label,
                    if nm { "+" } else { " " },
                    name
                );
            }
        }
    }
    if args.blind {
        keys.shuffle(&mut rng);
        keys.sort_by_key(|k| k.split(':').next().and_then(|n| n.parse::<usize>().ok()));
        println!(
            "\n----------------------------------------\n{}",
            keys.join("\n")
        );
    } else {
        println!(
            "\n{themes_total} themes: category word in keyword label {old_match} ({:.0}%), in new name {new_match} ({:.0}%), only in new name {new_wins_auto}",
            old_match as f64 / themes_total.max(1) as f64 * 100.0,
            new_match as f64 / themes_total.max(1) as f64 * 100.0
        );
    }
    Ok(())
}

/// Times `theme_names` on `n` texts from `rows`, one theme per category.
fn time_naming(rows: &[Row], n: usize) {
    let mut by_cat: BTreeMap<&str, Vec<(String, &str)>> = BTreeMap::new();
    for i in 0..n {
        let (_, text, cat) = &rows[i % rows.len()];
        by_cat
            .entry(cat.as_str())
            .or_default()
            .push((format!("r{i:07}"), text.as_str()));
    }
    let keywords = Vec::new();
    let inputs: Vec<NamingInput<'_>> = by_cat
        .values()
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
    let words: usize = inputs
        .iter()
        .flat_map(|t| &t.members)
        .map(|m| m.text.split_whitespace().count())
        .sum();
    let (best, names) = best_of_5(&inputs);
    println!(
        "{n} texts ({:.1} words each on average) in {} themes: theme_names best of 5 = {:.0} ms on {} threads",
        words as f64 / n.max(1) as f64,
        inputs.len(),
        best * 1000.0,
        rayon::current_num_threads()
    );
    println!("  {}", names.join(" | "));
    // The worst case for the threads: every text in one theme.
    let one = [NamingInput {
        members: inputs
            .iter()
            .flat_map(|t| t.members.iter().copied())
            .collect(),
        keywords: &keywords,
        lang: Lang::En,
    }];
    let (best, names) = best_of_5(&one);
    println!(
        "the same texts as one theme: best of 5 = {:.0} ms ({})",
        best * 1000.0,
        names.join("")
    );
}

/// The fastest of five runs of `theme_names`, in seconds, and the names.
fn best_of_5(inputs: &[NamingInput<'_>]) -> (f64, Vec<String>) {
    let mut best = f64::INFINITY;
    let mut names = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        names = theme_names(inputs);
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, names)
}
