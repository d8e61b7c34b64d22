//! Times the sentence encoder on a CSV column (embedding alone, no cache) and compares the
//! vectors with a saved reference.
//!
//! ```sh
//! cargo run --release -p analysis --example embed_bench -- ../shared/data/disaster_needs_en.csv \
//!     [--model DIR] [--column text] [--repeat N] [--batch-tokens N] [--save FILE] [--compare FILE]
//! ```
//!
//! Prints the model load time, then for each repeat the wall time of `embed`, texts per second
//! and tokens per second. `--save` writes the vectors (little-endian f32, row-major, preceded by
//! rows and columns as u64) and `--compare` reads such a file and prints the smallest and mean
//! cosine between each text's vectors: the check that a faster forward pass still gives the
//! same vectors (method.md §6.1 asks for cosine ≥ 0.999).

use std::path::PathBuf;
use std::time::Instant;

use analysis::{Embedder, SentenceEncoder};
use ndarray::Array2;

struct Args {
    file: PathBuf,
    model: PathBuf,
    column: String,
    repeat: usize,
    batch_tokens: Option<usize>,
    save: Option<PathBuf>,
    compare: Option<PathBuf>,
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut args = Args {
        file: PathBuf::new(),
        model: analysis::default_model_dir(),
        column: "text".into(),
        repeat: 1,
        batch_tokens: None,
        save: None,
        compare: None,
    };
    let mut file = None;
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--model" => args.model = value("--model")?.into(),
            "--column" => args.column = value("--column")?,
            "--repeat" => {
                args.repeat = value("--repeat")?
                    .parse()
                    .map_err(|e| format!("--repeat: {e}"))?;
            }
            "--batch-tokens" => {
                args.batch_tokens = Some(
                    value("--batch-tokens")?
                        .parse()
                        .map_err(|e| format!("--batch-tokens: {e}"))?,
                );
            }
            "--save" => args.save = Some(value("--save")?.into()),
            "--compare" => args.compare = Some(value("--compare")?.into()),
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => file = Some(PathBuf::from(other)),
        }
    }
    args.file = file.ok_or("name a CSV file")?;
    Ok(args)
}

fn read_column(path: &PathBuf, column: &str) -> Result<Vec<String>, String> {
    let mut rd = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = rd
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let col = headers
        .iter()
        .position(|h| h == column)
        .ok_or(format!("{}: no column {column:?}", path.display()))?;
    rd.records()
        .map(|r| {
            r.map(|r| r.get(col).unwrap_or("").to_owned())
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

fn save(path: &PathBuf, m: &Array2<f32>) -> Result<(), String> {
    let mut bytes = Vec::with_capacity(16 + m.len() * 4);
    bytes.extend((m.nrows() as u64).to_le_bytes());
    bytes.extend((m.ncols() as u64).to_le_bytes());
    for v in m.iter() {
        bytes.extend(v.to_le_bytes());
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn load(path: &PathBuf) -> Result<Array2<f32>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let word = |i: usize| -> Result<usize, String> {
        let b: [u8; 8] = bytes
            .get(i * 8..i * 8 + 8)
            .and_then(|s| s.try_into().ok())
            .ok_or(format!("{}: too short", path.display()))?;
        Ok(u64::from_le_bytes(b) as usize)
    };
    let (rows, cols) = (word(0)?, word(1)?);
    let data: Vec<f32> = bytes[16..]
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    Array2::from_shape_vec((rows, cols), data).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("{e}");
            }
            eprintln!(
                "usage: embed_bench FILE.csv [--model DIR] [--column text] [--repeat N] \
                 [--batch-tokens N] [--save FILE] [--compare FILE]"
            );
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let texts = read_column(&args.file, &args.column)?;
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let t = Instant::now();
    let mut enc =
        SentenceEncoder::load(&args.model).map_err(|e| format!("{}: {e}", args.model.display()))?;
    if let Some(n) = args.batch_tokens {
        enc = enc.with_batch_tokens(n);
    }
    println!("load {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let tokens: usize = enc
        .tokenize(&texts)
        .map_err(|e| e.to_string())?
        .iter()
        .map(Vec::len)
        .sum();
    println!(
        "tokenize {} texts, {tokens} tokens: {:.2} s",
        texts.len(),
        t.elapsed().as_secs_f64()
    );
    let mut last = None;
    for run in 1..=args.repeat {
        let t = Instant::now();
        let e = enc
            .embed(&texts, &|_, _| {}, None)
            .map_err(|e| e.to_string())?
            .ok_or("cancelled")?;
        let s = t.elapsed().as_secs_f64();
        println!(
            "embed run {run}: {s:.2} s, {:.1} texts/s, {:.0} tokens/s",
            texts.len() as f64 / s,
            tokens as f64 / s
        );
        last = Some(e);
    }
    let Some(e) = last else { return Ok(()) };
    if let Some(path) = &args.save {
        save(path, &e)?;
        println!("saved {}", path.display());
    }
    if let Some(path) = &args.compare {
        let r = load(path)?;
        if r.dim() != e.dim() {
            return Err(format!(
                "{}: shape {:?}, these vectors {:?}",
                path.display(),
                r.dim(),
                e.dim()
            ));
        }
        let cos: Vec<f32> = e
            .outer_iter()
            .zip(r.outer_iter())
            .map(|(a, b)| a.dot(&b) / (a.dot(&a).sqrt() * b.dot(&b).sqrt()).max(1e-12))
            .collect();
        let min = cos.iter().cloned().fold(f32::INFINITY, f32::min);
        let mean = cos.iter().map(|&c| c as f64).sum::<f64>() / cos.len().max(1) as f64;
        println!(
            "cosine against {}: min {min:.7}, mean {mean:.7}",
            path.display()
        );
    }
    Ok(())
}
