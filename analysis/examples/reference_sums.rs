//! Checks a sentence encoder against published reference values: embeds the four documents of
//! fastembed-rs's `tests/text-embeddings.rs` and prints the sum of each L2-normalised vector, as
//! that test does, beside its expected sums (computed there with ONNX Runtime) when the model is
//! one it lists.
//!
//! ```sh
//! cargo run --release -p analysis --example reference_sums -- ~/.cache/needscope/models/all-mpnet-base-v2
//! ```
//!
//! Measured: all-MiniLM-L6-v2 and all-mpnet-base-v2 both agree with the published sums to
//! within 2e-6 (the published test allows 1e-2).

use analysis::{Embedder, SentenceEncoder};

const DOCUMENTS: [&str; 4] = [
    "Hello, World!",
    "This is an example passage.",
    "fastembed-rs is licensed under Apache-2.0",
    "Some other short text here blah blah blah",
];

/// `(what the model directory's path contains, lower case, expected sums)`, from fastembed-rs.
const PUBLISHED: [(&str, [f32; 4]); 3] = [
    (
        "all-mpnet-base-v2",
        [-0.212_535_41, -0.050_802_127, 0.140_724_42, -0.290_818_8],
    ),
    (
        "all-minilm-l6-v2",
        [0.596_055_27, 0.365_429_25, -0.164_500_31, -0.409_039_88],
    ),
    (
        "all_minilm_l6_v2", // as scripts/fetch-model.sh places it
        [0.596_055_27, 0.365_429_25, -0.164_500_31, -0.409_039_88],
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: reference_sums MODEL_DIR")?;
    let encoder = SentenceEncoder::load(&dir)?;
    let vectors = encoder
        .embed(&DOCUMENTS, &|_, _| {}, None)?
        .ok_or("cancelled")?;
    let path = dir.to_lowercase();
    let expected = PUBLISHED
        .iter()
        .find(|(n, _)| path.contains(n))
        .map(|(_, s)| s);
    let mut worst = 0f32;
    for (i, row) in vectors.rows().into_iter().enumerate() {
        let sum = row.sum();
        match expected {
            Some(e) => {
                worst = worst.max((sum - e[i]).abs());
                println!("{sum:>12.8}  published {:>12.8}  {}", e[i], DOCUMENTS[i]);
            }
            None => println!("{sum:>12.8}  {}", DOCUMENTS[i]),
        }
    }
    if expected.is_some() {
        println!("largest difference {worst:.2e}");
    }
    Ok(())
}
