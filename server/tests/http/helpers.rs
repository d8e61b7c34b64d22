//! `spawn_app`: a migrated database, the app on a random port, an HTTP client that does not follow
//! redirects, and direct database access for assertions.

use std::collections::BTreeMap;

use app::models::survey::{KindDef, SurveyDefinition};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use server::config::Settings;
use server::startup::Application;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    /// `None` for SQLite (the file in the data directory).
    database_url: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// `None` when PostgreSQL is skipped on purpose.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(
        backend: Backend,
        tweak: impl FnOnce(&mut Settings),
    ) -> Option<TestApp> {
        server::telemetry::init();
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(crate::postgres::fresh_database().await?),
        };
        Some(Self::start(database_url, dir, tweak).await)
    }

    /// Another server process on the same PostgreSQL database, with its own data directory.
    pub async fn spawn_beside(&self, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        assert!(
            self.database_url.is_some(),
            "one SQLite file is served by one process"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        Self::start(self.database_url.clone(), dir, tweak).await
    }

    async fn start(
        database_url: Option<String>,
        dir: tempfile::TempDir,
        tweak: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let mut settings = Settings {
            listen: Some("127.0.0.1:0".parse().expect("addr")),
            data_dir: dir.path().join("data"),
            database_url: database_url.clone(),
            // Plain HTTP in tests: a Secure cookie would never come back.
            secure_cookies: false,
            ..Settings::default()
        };
        tweak(&mut settings);
        let app = Application::build(settings.clone())
            .await
            .expect("build the application");
        let addr = app.local_addr().expect("bound address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        let db = Database::connect(settings.database_url())
            .await
            .expect("test connection");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client");
        TestApp {
            base: format!("http://{addr}"),
            client,
            db,
            database_url,
            stop: Some(stop),
            handle: Some(handle),
            _dir: dir,
        }
    }

    /// A fresh client with its own cookie jar (another browser).
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    pub async fn post_form(&self, path: &str, fields: &[(String, String)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(Statement::from_string(backend, sql.to_string()))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get_by_index::<i64>(0).expect("count column")
    }

    /// Stops the server the way SIGTERM does and waits for it to finish cleanly.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.handle.take() {
            Some(handle) => handle.await?,
            None => Ok(()),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The seeded resident survey.
pub fn resident_survey() -> SurveyDefinition {
    migrations::SEED_INSTRUMENTS
        .iter()
        .map(|json| SurveyDefinition::from_json(json).expect("seed parses"))
        .find(|d| d.audience == app::models::Audience::Resident)
        .expect("a resident survey is seeded")
}

/// A valid value for every question of `survey` (conditional ones included, with their condition met).
pub fn valid_answers(survey: &SurveyDefinition) -> BTreeMap<String, Vec<String>> {
    let mut answers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for q in &survey.questions {
        if let Some(cond) = &q.show_if
            && !answers
                .get(&cond.question)
                .is_some_and(|v| v.iter().any(|x| cond.any_of.contains(x)))
        {
            continue;
        }
        let value = match &q.kind {
            KindDef::SingleChoice { options } | KindDef::Language { options } => {
                // Prefer a value that opens a later branch, so follow-ups get exercised too.
                let opener = survey
                    .questions
                    .iter()
                    .filter_map(|later| later.show_if.as_ref())
                    .find_map(|c| (c.question == q.key).then(|| c.any_of[0].clone()));
                opener.unwrap_or_else(|| options[0].value.clone())
            }
            KindDef::MultipleChoice { options } => options[0].value.clone(),
            KindDef::Rating { .. } => {
                let opener = survey
                    .questions
                    .iter()
                    .filter_map(|later| later.show_if.as_ref())
                    .find_map(|c| (c.question == q.key).then(|| c.any_of[0].clone()));
                opener.unwrap_or_else(|| "4".into())
            }
            KindDef::ShortText { .. } => "Library hours".into(),
            KindDef::LongText { .. } => {
                "I could not find how to report a broken streetlight in Spanish.".into()
            }
            KindDef::Number { min, .. } => min.to_string(),
            KindDef::Zip => "95116".into(),
            KindDef::CouncilDistrict => "3".into(),
        };
        answers.insert(q.key.clone(), vec![value]);
    }
    answers
}

/// The value of the first field `name` on a page (`name="…" value="…"`).
pub fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} in:\n{html}"))
        + marker.len();
    let end = start + html[start..].find('"').expect("closing quote");
    html[start..end].to_owned()
}

/// The hidden fields a survey page carries (version, token, language), read from its HTML.
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    ["_version", "_token", "_lang"]
        .iter()
        .map(|name| ((*name).to_string(), hidden_value(html, name)))
        .collect()
}

pub fn form_fields(
    hidden: &[(String, String)],
    answers: &BTreeMap<String, Vec<String>>,
) -> Vec<(String, String)> {
    let mut fields = hidden.to_vec();
    fields.push(("_website".into(), String::new()));
    for (key, values) in answers {
        for value in values {
            fields.push((key.clone(), value.clone()));
        }
    }
    fields
}

/// Runs an async test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = TestApp::spawn(Backend::Sqlite).await {
                    ($body)(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = TestApp::spawn(Backend::Postgres).await {
                    ($body)(app).await;
                }
            }
        }
    };
}

/// [`both_backends!`] with the settings changed by `$tweak` first.
#[macro_export]
macro_rules! both_backends_with {
    ($name:ident, $tweak:expr, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = TestApp::spawn_with(Backend::Sqlite, $tweak).await {
                    ($body)(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = TestApp::spawn_with(Backend::Postgres, $tweak).await {
                    ($body)(app).await;
                }
            }
        }
    };
}
