//! A real `needscope serve` process on an SQLite file, and residents submitting to it concurrently,
//! each acknowledged submission (the redirect to the thank-you page) recorded by its token.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::sqlx::sqlite::SqliteConnectOptions;
use sea_orm::sqlx::{self, ConnectOptions, Connection};
use uuid::Uuid;

/// The seeded resident survey.
pub(crate) const SURVEY: &str = "/surveys/resident-digital-services";

/// `needscope serve` on `data_dir`, listening on a free port.
pub struct Server {
    child: Child,
    pub base: String,
    /// What it has written to standard output (its log), line by line.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the server (no rate limit to speak of, no job worker) and waits until it listens.
    pub fn start(data_dir: &Path) -> Server {
        Server::start_with(data_dir, &[])
    }

    /// [`Server::start`] with more environment variables (`NEEDSCOPE_DATABASE_URL`, …), which win
    /// over its own.
    pub fn start_with(data_dir: &Path, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_needscope"))
            .arg("serve")
            .env("NEEDSCOPE_DATA_DIR", data_dir)
            .env("NEEDSCOPE_LISTEN", "127.0.0.1:0")
            .env("NEEDSCOPE_SUBMISSIONS_PER_MINUTE", "1000000")
            .env("NEEDSCOPE_RUN_JOBS", "false")
            .env("NEEDSCOPE_SHUTDOWN_GRACE_SECONDS", "2")
            .env_remove("DATABASE_URL")
            .env_remove("NEEDSCOPE_DATABASE_URL")
            .env_remove("NEEDSCOPE_CONFIG")
            .env("NO_COLOR", "1")
            .env("RUST_LOG", "info,tower_http=warn,sqlx=warn,sea_orm=warn")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start needscope serve");
        let stdout = child.stdout.take().expect("server stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = log.clone();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !sent && let Some(address) = listening_address(&line) {
                    let _ = tx.send(address);
                    sent = true;
                }
                lines.lock().expect("lock").push(strip_ansi(&line));
            }
        });
        let address = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says where it listens");
        Server {
            child,
            base: format!("http://{address}"),
            log,
        }
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Its log so far, without terminal colours.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().expect("lock").clone()
    }

    /// SIGKILL: the process ends at once, nothing flushed or closed.
    pub fn kill(mut self) {
        self.kill_now();
    }

    /// [`Server::kill`], keeping the handle (and the log) to read.
    pub fn kill_now(&mut self) {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }

    /// SIGTERM, as an operator stops it, and waits for it to finish.
    pub fn stop(mut self) {
        let terminated = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(terminated.success());
        let status = self.child.wait().expect("wait for the server");
        assert!(status.success(), "the server stopped cleanly: {status}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address in the "Needscope is listening" log line, without terminal colours.
fn listening_address(line: &str) -> Option<String> {
    if !line.contains("Needscope is listening") {
        return None;
    }
    let plain = strip_ansi(line);
    let rest = &plain[plain.find("address=")? + "address=".len()..];
    Some(rest.split_whitespace().next()?.to_owned())
}

fn strip_ansi(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Residents submitting to a server until stopped, recording the token of every submission the
/// server acknowledged.
pub struct Load {
    stop: Arc<AtomicBool>,
    acknowledged: Arc<Mutex<Vec<Uuid>>>,
    tasks: Vec<tokio::task::JoinHandle<Result<(), String>>>,
}

impl Load {
    /// `submitters` residents posting one valid submission after another, each with a new token.
    pub async fn start(base: &str, submitters: usize) -> Load {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let page = client
            .get(format!("{base}{SURVEY}"))
            .send()
            .await
            .expect("GET the survey")
            .text()
            .await
            .expect("survey page");
        let version = hidden_value(&page, "_version");
        let stop = Arc::new(AtomicBool::new(false));
        let acknowledged = Arc::new(Mutex::new(Vec::new()));
        let tasks = (0..submitters)
            .map(|_| {
                let (client, stop, acknowledged) =
                    (client.clone(), stop.clone(), acknowledged.clone());
                let (url, version) = (format!("{base}{SURVEY}"), version.clone());
                tokio::spawn(async move {
                    while !stop.load(Ordering::Relaxed) {
                        let token = Uuid::new_v4();
                        let fields = submission(&version, token);
                        let Ok(response) = client.post(&url).form(&fields).send().await else {
                            // The server is gone (killed): this one was never acknowledged.
                            return Ok(());
                        };
                        match response.status().as_u16() {
                            303 => acknowledged.lock().expect("lock").push(token),
                            // "Busy, try again": never acknowledged, so nothing was promised. A
                            // 2-core test machine under a backup and other builds can say it.
                            503 => tokio::time::sleep(Duration::from_millis(50)).await,
                            status => {
                                if stop.load(Ordering::Relaxed) {
                                    return Ok(());
                                }
                                return Err(format!("a submission got {status}"));
                            }
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        Load {
            stop,
            acknowledged,
            tasks,
        }
    }

    /// The tokens acknowledged so far.
    pub fn acknowledged(&self) -> Vec<Uuid> {
        self.acknowledged.lock().expect("lock").clone()
    }

    /// Waits until at least `count` submissions were acknowledged.
    pub async fn wait_for(&self, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.acknowledged.lock().expect("lock").len() < count {
            assert!(
                Instant::now() < deadline,
                "fewer than {count} submissions acknowledged in time"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Stops the submitters (each finishes the request it is on) and returns every acknowledged
    /// token; a refused submission fails the test.
    pub async fn finish(self) -> Vec<Uuid> {
        self.stop.store(true, Ordering::Relaxed);
        for task in self.tasks {
            if let Err(refused) = task.await.expect("submitter") {
                panic!("{refused}");
            }
        }
        Arc::try_unwrap(self.acknowledged)
            .expect("submitters done")
            .into_inner()
            .expect("lock")
    }
}

/// A valid resident submission with `token`.
pub(crate) fn submission(version: &str, token: Uuid) -> Vec<(&'static str, String)> {
    vec![
        ("_version", version.to_owned()),
        ("_token", token.to_string()),
        ("_lang", "en".into()),
        ("_website", String::new()),
        ("used_online", "no".into()),
        ("not_online_reasons", "prefer_person".into()),
        (
            "last_experience",
            "I could not find how to report a broken streetlight in Spanish.".into(),
        ),
        ("zip", "95116".into()),
    ]
}

pub(crate) fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} on the survey page"))
        + marker.len();
    let end = start + html[start..].find('"').expect("closing quote");
    html[start..end].to_owned()
}

/// `PRAGMA integrity_check` of the SQLite file at `path` and the tokens of its responses.
pub async fn stored_tokens(path: &Path) -> (String, HashSet<Uuid>) {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .expect("open the database");
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .expect("integrity check");
    let tokens: Vec<Uuid> = sqlx::query_scalar("SELECT idempotency_key FROM response")
        .fetch_all(&mut conn)
        .await
        .expect("read the tokens");
    conn.close().await.expect("close");
    (integrity.join("; "), tokens.into_iter().collect())
}
