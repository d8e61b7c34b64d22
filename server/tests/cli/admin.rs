//! `needscope admin`: the first administrator from the shell, with the password on standard input;
//! bad input is refused naming the option; an e-mail address is used once.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::{needscope_in as needscope, text};

fn create(data: &Path, args: &[&str], password: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_needscope"))
        .args(["admin", "create", "--password-stdin"])
        .args(args)
        .env("NEEDSCOPE_DATA_DIR", data)
        .env_remove("DATABASE_URL")
        .env_remove("NEEDSCOPE_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_first_administrator_is_created_from_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ok = create(
        &data,
        &["--email", " Ada@City.gov ", "--name", "Ada"],
        "a long enough password",
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("created administrator account 1 for ada@city.gov"));

    let again = create(
        &data,
        &["--email", "ada@city.gov", "--name", "Ada"],
        "a long enough password",
    );
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );

    let short = create(&data, &["--email", "bo@city.gov", "--name", "Bo"], "short");
    assert!(
        text(&short.stderr).contains("at least 12 characters"),
        "{}",
        text(&short.stderr)
    );
    let bad_role = create(
        &data,
        &["--email", "bo@city.gov", "--name", "Bo", "--role", "root"],
        "a long enough password",
    );
    assert!(
        text(&bad_role.stderr).contains("--role"),
        "{}",
        text(&bad_role.stderr)
    );
    let partner = create(
        &data,
        &[
            "--email",
            "bo@city.gov",
            "--name",
            "Bo",
            "--role",
            "partner",
        ],
        "a long enough password",
    );
    assert!(
        text(&partner.stderr).contains("--organization"),
        "{}",
        text(&partner.stderr)
    );
    let bad_email = create(
        &data,
        &["--email", "bo", "--name", "Bo"],
        "a long enough password",
    );
    assert!(
        text(&bad_email.stderr).contains("--email"),
        "{}",
        text(&bad_email.stderr)
    );

    let list = needscope(&data, &["admin", "list"]);
    let listed = text(&list.stdout);
    assert!(
        listed.contains("ada@city.gov  administrator  enabled  Ada"),
        "{listed}"
    );
    assert_eq!(listed.lines().count(), 1, "nothing else was created");
}
