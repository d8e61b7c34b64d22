//! `needscope analyze` on a small labelled CSV: JSON result, summary, stable IDs, clear errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../analysis/tests/fixtures/civic_needs_small.csv")
}

fn needscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_needscope"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run needscope")
}

/// `analyze` of `input` with TF-IDF + LSA and five themes, writing `out`, plus `extra` arguments.
fn classical_k5(input: &Path, out: &Path, extra: &[&str]) -> Output {
    analyze_k5(
        input,
        out,
        &[&["--representation", "classical"], extra].concat(),
    )
}

/// `analyze` of `input` with five themes, writing `out`, plus `extra` arguments.
fn analyze_k5(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "analyze",
        "--input",
        input.to_str().unwrap(),
        "--text-column",
        "text",
        "--id-column",
        "id",
        "--k",
        "5",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    needscope(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn writes_themes_with_quotes_members_parameters_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("themes.json");
    let model = dir.path().join("model.json");
    let input = fixture();
    let run = classical_k5(&input, &out, &["--save-model", model.to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(stdout.contains("100 rows (0 with no text)"), "{stdout}");
    assert!(stdout.contains("themes (k = 5, fixed)"), "{stdout}");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["source"]["rows"], 100);
    assert_eq!(json["parameters"]["k"], 5);
    assert_eq!(json["input_hash"].as_str().map(str::len), Some(64));
    let themes = json["themes"].as_array().unwrap();
    assert!(!themes.is_empty() && themes.len() <= 5);
    let members: usize = themes
        .iter()
        .map(|t| t["members"].as_array().unwrap().len())
        .sum();
    let unclassified = json["unclassified"]["members"].as_array().unwrap().len();
    assert_eq!(members + unclassified, 100, "every answer is somewhere");
    assert!(
        themes
            .iter()
            .all(|t| t["quotes"].as_array().is_some_and(|q| !q.is_empty()))
    );

    // A rerun against the saved model keeps the theme IDs.
    let again = dir.path().join("again.json");
    let run = classical_k5(&input, &again, &["--previous", model.to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let rerun: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    let ids = |v: &serde_json::Value| {
        let mut ids: Vec<String> = v["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&json), ids(&rerun));
    assert!(
        rerun["themes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["lineage"] == "kept")
    );
}

#[test]
fn bad_input_gets_a_message_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("themes.json");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, b"id,answer\n1,fine\n2,caf\xe9 latte\n").unwrap();
    let run_with = |column: &str| {
        needscope(&[
            "analyze",
            "--input",
            bad.to_str().unwrap(),
            "--text-column",
            column,
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let missing = run_with("text");
    assert!(!missing.status.success());
    let stderr = text(&missing.stderr);
    assert!(
        stderr.contains("no column named \"text\" in the header (columns: id, answer)"),
        "{stderr}"
    );
    assert!(!stderr.contains("backtrace"), "{stderr}");
    let utf8 = run_with("answer");
    assert!(
        text(&utf8.stderr).contains("line 3, column \"answer\": not valid UTF-8"),
        "{}",
        text(&utf8.stderr)
    );
    assert!(!out.exists(), "nothing written on error");
}

#[test]
fn a_semantic_rerun_embeds_nothing_new_thanks_to_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("embeddings.cache");
    let model = analysis::default_model_dir();
    let run = |out: &str, extra: &[&str]| {
        let out = dir.path().join(out);
        let model_arg = ["--model", model.to_str().unwrap()];
        let output = analyze_k5(&fixture(), &out, &[&model_arg, extra].concat());
        assert!(output.status.success(), "{}", text(&output.stderr));
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        (text(&output.stdout), json["themes"].clone())
    };
    let path = cache.to_str().unwrap();
    let (first, themes) = run("a.json", &["--cache", path]);
    assert!(
        first.contains("Embedding cache: 100 new sentence vectors saved (100 in"),
        "{first}"
    );
    let saved = std::fs::read(&cache).unwrap();
    let (second, again) = run("b.json", &["--cache", path]);
    assert!(
        second.contains("Embedding cache: every text was embedded before"),
        "{second}"
    );
    assert_eq!(std::fs::read(&cache).unwrap(), saved, "nothing rewritten");
    assert_eq!(themes, again, "the cached vectors give the same themes");
    let (off, _) = run("c.json", &["--no-cache"]);
    assert!(!off.contains("Embedding cache"), "{off}");
}
