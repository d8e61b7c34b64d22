//! Configuration in layers: built-in defaults, then an optional TOML file (`needscope.toml` in the
//! working directory, or the file named by `--config` / `NEEDSCOPE_CONFIG`), then environment
//! variables `NEEDSCOPE_*` and `DATABASE_URL`. Secrets (the database URL's password) are never logged.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use app::store::SentenceModel;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::routes::client::{ClientKeys, IpRange};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on. Default: the Leptos site address (127.0.0.1:3000).
    pub listen: Option<SocketAddr>,
    /// Where the SQLite database (and future uploads) live. Created if missing.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`. Default: `sqlite://<data_dir>/needscope.db`.
    pub database_url: Option<String>,
    /// The built site (`target/site` after `cargo leptos build`). Default: Leptos' own setting.
    pub site_root: Option<PathBuf>,
    /// Database connection pool size.
    pub max_connections: u32,
    /// Survey submissions accepted per client per minute (the limit is per IP address, held in
    /// memory only; no address is stored).
    pub submissions_per_minute: u32,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// The TCP peer is one trusted reverse proxy, whatever its address: the client is the
    /// rightmost `X-Forwarded-For` entry (the one that proxy appended).
    pub trust_forwarded_for: bool,
    /// Addresses and ranges (`10.0.0.0/8`) of trusted reverse proxies: `X-Forwarded-For` is read
    /// only from these peers, from the right, skipping these addresses.
    pub trusted_proxies: Vec<IpRange>,
    /// Seconds to let in-flight requests finish after SIGTERM / Ctrl-C.
    pub shutdown_grace_seconds: u64,
    /// Local sentence-transformers model directory for the theme analysis (sentence embeddings);
    /// without one, analysis runs use TF-IDF + LSA.
    pub model_dir: Option<PathBuf>,
    /// Mark the session cookie `Secure` (sent over HTTPS only). Keep on in production; turn off
    /// only to sign in over plain HTTP on a machine of your own.
    pub secure_cookies: bool,
    /// The address residents reach the site at, such as `https://survey.example.gov`: survey
    /// answers are accepted only from pages there. Without it, from pages on the host the request
    /// was sent to (its `Host` header). Set it when the reverse proxy does not pass `Host` on.
    pub public_url: Option<String>,
    /// Hours of inactivity after which a staff session ends.
    pub session_hours: i64,
    /// Sign-in attempts allowed per e-mail address from one client address per minute (and four
    /// times as many per hour); four times as many per client address per minute.
    pub login_attempts_per_minute: u32,
    /// Sign-in attempts allowed per e-mail address from all client addresses together per hour.
    pub login_attempts_per_account_per_hour: u32,
    /// Run queued analysis jobs in this process (on PostgreSQL several processes may: each job
    /// runs in one of them). Turn off on processes that should only serve pages.
    pub run_jobs: bool,
    /// On PostgreSQL, keep the sign-in and submission allowances in the database, so that every
    /// server process spends the same ones. A single-process PostgreSQL installation may keep
    /// them in memory instead (faster; ignored on SQLite, where they are always in memory).
    pub shared_rate_limits: bool,
    /// How long a process holds an analysis job without renewing its lease (it renews every
    /// third of this while it runs). When a process dies, another one resumes its job this long
    /// after the last renewal (PostgreSQL with several processes).
    pub job_lease_seconds: u64,
    /// Largest interview-notes file a partner may upload, in megabytes.
    pub notes_max_megabytes: u64,
    /// Most interview-notes documents one account may hold.
    pub notes_max_documents: u64,
    /// Uploaded documents read at once (each on a thread of its own); more wait their turn.
    pub notes_parse_workers: usize,
    /// Seconds one uploaded document may take to read (and to wait for a free reader) before it
    /// is refused as too large or complex.
    pub notes_parse_seconds: u64,
    /// The licence the open data of published results is under, as its SPDX id: `CC-BY-4.0`
    /// (default), `CC0-1.0`, `ODC-PDDL-1.0`, `ODC-By-1.0`, `ODbL-1.0` or `CC-BY-SA-4.0`.
    pub open_data_license: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: None,
            data_dir: PathBuf::from("data"),
            database_url: None,
            site_root: None,
            max_connections: 10,
            submissions_per_minute: 10,
            max_body_bytes: 256 * 1024,
            trust_forwarded_for: false,
            trusted_proxies: Vec::new(),
            shutdown_grace_seconds: 20,
            model_dir: None,
            secure_cookies: true,
            public_url: None,
            session_hours: 8,
            login_attempts_per_minute: 5,
            login_attempts_per_account_per_hour: 100,
            run_jobs: true,
            shared_rate_limits: true,
            job_lease_seconds: 60,
            notes_max_megabytes: 10,
            notes_max_documents: 200,
            notes_parse_workers: 2,
            notes_parse_seconds: 20,
            open_data_license: crate::routes::public_results::DEFAULT_LICENSE.to_owned(),
        }
    }
}

/// Every setting, as environment variables spell them after `NEEDSCOPE_`.
const KEYS: [&str; 24] = [
    "listen",
    "data_dir",
    "database_url",
    "site_root",
    "max_connections",
    "submissions_per_minute",
    "max_body_bytes",
    "trust_forwarded_for",
    "trusted_proxies",
    "shutdown_grace_seconds",
    "model_dir",
    "secure_cookies",
    "public_url",
    "session_hours",
    "login_attempts_per_minute",
    "login_attempts_per_account_per_hour",
    "run_jobs",
    "shared_rate_limits",
    "job_lease_seconds",
    "notes_max_megabytes",
    "notes_max_documents",
    "notes_parse_workers",
    "notes_parse_seconds",
    "open_data_license",
];

impl Settings {
    /// The sentence model and the embedding cache, when `model_dir` is set.
    pub fn sentence_model(&self) -> Option<SentenceModel> {
        self.model_dir.clone().map(|dir| SentenceModel {
            dir,
            cache_file: crate::embedding_store::path(&self.data_dir),
        })
    }

    /// Loads the layers. `file` overrides the default `needscope.toml` lookup.
    pub fn load(file: Option<&Path>) -> Result<Settings, Box<figment::Error>> {
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("NEEDSCOPE_CONFIG").map(PathBuf::from));
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None => figment = figment.merge(Toml::file("needscope.toml")),
        }
        figment
            // Only the known keys: other NEEDSCOPE_* variables (the test scripts' own) are not settings.
            .merge(Env::prefixed("NEEDSCOPE_").only(&KEYS))
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database_url".into()),
            )
            .extract()
            .map_err(Box::new)
    }

    /// The database to use: `database_url`, else an SQLite file in `data_dir`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("needscope.db").display()
            ),
        }
    }

    /// The reader of uploaded notes these settings describe.
    pub fn note_reader(&self) -> crate::notes::NoteReader {
        crate::notes::NoteReader::new(
            self.notes_parse_workers,
            std::time::Duration::from_secs(self.notes_parse_seconds),
        )
    }

    /// How rate limits tell clients apart (which peers are trusted proxies).
    pub fn client_keys(&self) -> ClientKeys {
        ClientKeys::new(self.trust_forwarded_for, self.trusted_proxies.clone())
    }

    /// `database_url()` with any password replaced, for logs.
    pub fn database_url_redacted(&self) -> String {
        redact_url(&self.database_url())
    }
}

fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_an_sqlite_file_in_the_data_dir() {
        let s = Settings::default();
        assert_eq!(s.database_url(), "sqlite://data/needscope.db?mode=rwc");
    }

    #[test]
    fn file_then_environment_override_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "needscope.toml",
                "data_dir = \"/srv/ns\"\nsubmissions_per_minute = 3\n",
            )?;
            jail.set_env("NEEDSCOPE_SUBMISSIONS_PER_MINUTE", "7");
            jail.set_env("DATABASE_URL", "postgres://ns:secret@db/needscope");
            jail.set_env("NEEDSCOPE_SOMETHING_ELSE", "ignored");
            let s = Settings::load(None).map_err(|e| *e)?;
            assert_eq!(s.data_dir, PathBuf::from("/srv/ns"));
            assert_eq!(s.submissions_per_minute, 7);
            assert_eq!(s.database_url(), "postgres://ns:secret@db/needscope");
            assert_eq!(s.database_url_redacted(), "postgres://ns:***@db/needscope");
            Ok(())
        });
    }

    #[test]
    fn trusted_proxies_are_address_ranges() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "needscope.toml",
                "trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\n",
            )?;
            let s = Settings::load(None).map_err(|e| *e)?;
            let ranges: Vec<String> = s.trusted_proxies.iter().map(|r| r.to_string()).collect();
            assert_eq!(ranges, ["127.0.0.1/32", "10.0.0.0/8"]);
            jail.set_env("NEEDSCOPE_TRUSTED_PROXIES", "[\"fd00::/8\"]");
            let s = Settings::load(None).map_err(|e| *e)?;
            assert_eq!(s.trusted_proxies[0].to_string(), "fd00::/8");
            jail.set_env("NEEDSCOPE_TRUSTED_PROXIES", "[\"10.0.0.0/40\"]");
            assert!(Settings::load(None).is_err(), "a bad range stops start-up");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_are_errors() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("needscope.toml", "data_dri = \"x\"\n")?;
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }
}
