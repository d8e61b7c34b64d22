//! `needscope weighting`: a bad file is refused with its line and column and the configuration in
//! force stays; a good one becomes the next version; versions are kept.

use crate::{needscope_in as needscope, text};

/// Synthetic shares for the test only (not real San José figures).
const GOOD: &str = "variable,category,share\n\
    council_district,1,0.5\ncouncil_district,2,0.5\n\
    tenure,own,0.45\ntenure,rent,0.55\n";

#[test]
fn uploads_are_checked_versioned_and_never_lose_the_one_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = |name: &str, body: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let good = file("margins.csv", GOOD);
    let stored = needscope(&data, &["weighting", "set", "--margins", &good]);
    assert!(stored.status.success(), "{}", text(&stored.stderr));
    assert!(text(&stored.stdout).contains("configuration v1 stored and in force"));

    // A district the City does not have: refused, naming line and column; v1 stays.
    let bad = file(
        "bad.csv",
        "variable,category,share\ncouncil_district,1,0.5\ncouncil_district,11,0.5\n",
    );
    let refused = needscope(&data, &["weighting", "set", "--margins", &bad]);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("category"), "{stderr}");
    assert!(stderr.contains("11"), "{stderr}");

    // Shares that do not sum to 1.
    let unsummed = file(
        "unsummed.csv",
        "variable,category,share\ntenure,own,0.45\ntenure,rent,0.35\n",
    );
    let refused = needscope(&data, &["weighting", "set", "--margins", &unsummed]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("tenure"),
        "{}",
        text(&refused.stderr)
    );

    let show = needscope(&data, &["weighting", "show"]);
    assert!(show.status.success(), "{}", text(&show.stderr));
    let config: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(
        config["margins"]["variables"][0]["name"],
        "council_district"
    );

    // The same file again changes nothing; an equity index makes v2.
    let again = needscope(&data, &["weighting", "set", "--margins", &good]);
    assert!(
        text(&again.stdout).contains("unchanged"),
        "{}",
        text(&again.stdout)
    );
    let equity = file("equity.csv", "area,score\n1,4\n2,9\n");
    let v2 = needscope(
        &data,
        &[
            "weighting",
            "set",
            "--margins",
            &good,
            "--equity",
            &equity,
            "--index-name",
            "test index",
        ],
    );
    assert!(v2.status.success(), "{}", text(&v2.stderr));
    let history = text(&needscope(&data, &["weighting", "history"]).stdout);
    let versions: Vec<&str> = history
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(versions, ["v2", "v1"]);
    let v1: serde_json::Value =
        serde_json::from_slice(&needscope(&data, &["weighting", "show", "--version", "1"]).stdout)
            .unwrap();
    assert!(v1["equity"].is_null());

    // Going back to v1: it is in force again (what `show` and the next run read), v2 is kept.
    assert!(
        history.lines().next().unwrap().ends_with("(in force)"),
        "{history}"
    );
    let back = needscope(&data, &["weighting", "activate", "--version", "1"]);
    assert!(back.status.success(), "{}", text(&back.stderr));
    assert!(text(&back.stdout).contains("v1 in force"));
    let history = text(&needscope(&data, &["weighting", "history"]).stdout);
    let marked: Vec<&str> = history
        .lines()
        .filter(|l| l.ends_with("(in force)"))
        .collect();
    assert!(
        marked.len() == 1 && marked[0].starts_with("v1 "),
        "{history}"
    );
    let shown: serde_json::Value =
        serde_json::from_slice(&needscope(&data, &["weighting", "show"]).stdout).unwrap();
    assert!(shown["equity"].is_null(), "v1 has no equity layer");
    let missing = needscope(&data, &["weighting", "activate", "--version", "9"]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("no weighting configuration version 9"));
}
