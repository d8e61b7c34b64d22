//! Cross-validates the category classifier on a labelled CSV (`id,text,category`).
//!
//! ```sh
//! cargo run --release -p analysis --example classify_eval -- ../shared/data/disaster_needs_en.csv \
//!     [--folds 5] [--dims 256] [--l2 0.001] [--model DIR] [--per-category]
//! ```
//!
//! Prints accuracy and macro-F1 over the held-out folds (the features refitted in every fold),
//! the wall time, the time to fit on everything and the prediction throughput, and with
//! `--per-category` each category's support, precision, recall and F1.

use std::time::Instant;

use analysis::classify::{CategoryClassifier, ClassifierParams, cross_validate};
use analysis::{Embedder, SentenceEncoder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut folds = 5;
    let mut params = ClassifierParams::default();
    let mut model = None;
    let mut per_category = false;
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--folds" => folds = value()?.parse()?,
            "--dims" => params.dims = value()?.parse()?,
            "--l2" => params.l2 = value()?.parse()?,
            "--model" => model = Some(value()?),
            "--per-category" => per_category = true,
            _ if file.is_none() => file = Some(a),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let file = file.ok_or("usage: classify_eval FILE.csv [options]")?;
    let mut reader = csv::Reader::from_path(&file)?;
    let mut texts = Vec::new();
    let mut labels = Vec::new();
    for row in reader.records() {
        let row = row?;
        texts.push(row.get(1).unwrap_or_default().to_string());
        labels.push(row.get(2).unwrap_or_default().to_string());
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let start = Instant::now();
    let sentences = match &model {
        Some(dir) => SentenceEncoder::load(dir)?.embed(&texts, &|_, _| {}, None)?,
        None => None,
    };
    let encoded = start.elapsed();
    let eval = cross_validate(
        &texts,
        &labels,
        sentences.as_ref().map(|s| s.view()),
        &params,
        folds,
    )?
    .evaluation;
    println!(
        "{file}: {} reports, {} categories, {folds}-fold, dims {}, l2 {}{}",
        eval.reports,
        eval.per_category.len(),
        params.dims,
        params.l2,
        if model.is_some() {
            ", + sentence vectors"
        } else {
            ""
        }
    );
    println!(
        "accuracy {:.3}  macro-F1 {:.3}  wall {:.1} s (encoding {:.1} s)",
        eval.accuracy,
        eval.macro_f1,
        start.elapsed().as_secs_f64(),
        encoded.as_secs_f64()
    );
    let fit_start = Instant::now();
    let model = CategoryClassifier::fit(
        &texts,
        &labels,
        sentences.as_ref().map(|s| s.view()),
        &params,
    )?;
    let fitted = fit_start.elapsed().as_secs_f64();
    let predict_start = Instant::now();
    let predicted = model.predict(&texts, sentences.as_ref().map(|s| s.view()))?;
    let predicting = predict_start.elapsed().as_secs_f64();
    println!(
        "fit on all {}: {fitted:.2} s; predict {}: {predicting:.2} s ({:.0} reports/s, text preparation included)",
        texts.len(),
        predicted.len(),
        predicted.len() as f64 / predicting
    );
    if per_category {
        for c in &eval.per_category {
            println!(
                "  {:<28} {:>5}  P {:.2}  R {:.2}  F1 {:.2}",
                c.category, c.support, c.precision, c.recall, c.f1
            );
        }
    }
    Ok(())
}
