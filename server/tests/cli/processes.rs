//! More than one server: three `needscope serve` processes on one PostgreSQL database, as behind a
//! load balancer. They start at the same moment (migrating the fresh database once between them),
//! store each submission once whichever process takes it, share signed-in sessions and the
//! analysis queue, run a job once and show its progress on every process, and finish the job of a
//! SIGKILLed process once its lease runs out.

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

use crate::load::{SURVEY, Server, hidden_value, submission};
use crate::text;

/// Processes in the cluster.
const PROCESSES: usize = 3;
/// Imported reports the analysis jobs read: enough for a debug-build run of several seconds, so a
/// job is still running when the test looks at it (or kills its process).
const REPORTS: usize = 8000;
const ANALYST: &str = "analyst@city.example";
const PASSWORD: &str = "a long enough password";

/// Three server processes, each with its own data directory, on one fresh database.
struct Cluster {
    servers: Vec<Server>,
    database_url: String,
    db: DatabaseConnection,
    dir: tempfile::TempDir,
}

impl Cluster {
    /// Starts the processes at the same moment, each running analysis jobs under leases of
    /// `lease_seconds`. `None` when PostgreSQL is skipped on purpose.
    async fn start(lease_seconds: u64) -> Option<Cluster> {
        let database_url = crate::postgres::fresh_database().await?;
        let dir = tempfile::tempdir().expect("temp dir");
        let lease = lease_seconds.to_string();
        let env = [
            ("NEEDSCOPE_DATABASE_URL", database_url.as_str()),
            ("NEEDSCOPE_RUN_JOBS", "true"),
            ("NEEDSCOPE_JOB_LEASE_SECONDS", lease.as_str()),
            // Plain HTTP: a Secure cookie would never come back.
            ("NEEDSCOPE_SECURE_COOKIES", "false"),
        ];
        let servers = std::thread::scope(|scope| {
            let starting: Vec<_> = (0..PROCESSES)
                .map(|i| {
                    let data = dir.path().join(format!("data-{i}"));
                    let env = &env;
                    scope.spawn(move || Server::start_with(&data, env))
                })
                .collect();
            // A process that failed to start fails the test; the others are stopped as their
            // handles drop.
            starting
                .into_iter()
                .map(|s| s.join().expect("every process starts"))
                .collect()
        });
        let db = Database::connect(&database_url)
            .await
            .expect("connect to the test database");
        Some(Cluster {
            servers,
            database_url,
            db,
            dir,
        })
    }

    /// `needscope` on the cluster's database, with `stdin` on standard input.
    fn needscope(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_needscope"))
            .args(args)
            .env("NEEDSCOPE_DATA_DIR", self.dir.path().join("cli"))
            .env("NEEDSCOPE_DATABASE_URL", &self.database_url)
            .env_remove("DATABASE_URL")
            .env_remove("NEEDSCOPE_CONFIG")
            .env_remove("NEEDSCOPE_MODEL_DIR")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run needscope");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        let output = child.wait_with_output().expect("needscope finishes");
        assert!(
            output.status.success(),
            "needscope {args:?}: {}",
            text(&output.stderr)
        );
        output
    }

    /// Imports `count` varied 311 reports with `needscope import reports`, for jobs to analyse.
    fn import_reports(&self, count: usize) {
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../analysis/tests/fixtures/civic_needs_small.csv"
        ))
        .expect("fixture");
        let rows: Vec<(String, String)> = csv::Reader::from_reader(fixture.as_bytes())
            .records()
            .map(|r| {
                let r = r.expect("row");
                (r[1].to_owned(), r[2].to_owned())
            })
            .collect();
        let file = self.dir.path().join("reports.csv");
        let mut out = csv::Writer::from_path(&file).expect("reports file");
        out.write_record(["id", "text", "category"])
            .expect("header");
        for i in 0..count {
            // Two fixture texts and a number: every report differs, the themes stay those of the
            // fixture.
            let (first, category) = &rows[i % rows.len()];
            let (second, _) = &rows[(i * 7 + 3) % rows.len()];
            out.write_record([
                format!("r{i}"),
                format!("{first} {second} Case {i}."),
                category.clone(),
            ])
            .expect("row");
        }
        out.flush().expect("write reports");
        let file = file.to_string_lossy();
        let imported = self.needscope(
            &[
                "import",
                "reports",
                "--input",
                &file,
                "--source",
                "sj311",
                "--id-column",
                "id",
                "--text-column",
                "text",
                "--category-column",
                "category",
            ],
            "",
        );
        assert!(
            text(&imported.stdout).contains(&format!("{count} imported")),
            "{}",
            text(&imported.stdout)
        );
    }

    /// An analyst signed in through process `through`: a client whose session cookie every
    /// process receives (they differ by port only).
    async fn analyst(&self, through: usize) -> Client {
        self.needscope(
            &[
                "admin",
                "create",
                "--password-stdin",
                "--role",
                "analyst",
                "--email",
                ANALYST,
                "--name",
                "Ana Lyst",
            ],
            &format!("{PASSWORD}\n"),
        );
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client");
        let base = &self.servers[through].base;
        let response = post_with_csrf(
            &client,
            base,
            "/login",
            "/login",
            &[("email", ANALYST), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "signed in");
        assert_eq!(location(&response), "/staff", "an analyst lands on /staff");
        client
    }

    /// Starts an analysis of the imported reports from the runs page of process `through`;
    /// returns the job's id.
    async fn start_job(&self, client: &Client, through: usize) -> i64 {
        let response = post_with_csrf(
            client,
            &self.servers[through].base,
            "/staff/runs",
            "/staff/runs",
            &[
                ("streams", "reports"),
                ("representation", "classical"),
                ("k", "8"),
            ],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "the run is queued"
        );
        let ids = self
            .numbers("SELECT CAST(id AS BIGINT) FROM analysis_job")
            .await;
        assert_eq!(ids.len(), 1, "one job queued: {ids:?}");
        ids[0]
    }

    /// The rows' only column, as integers.
    async fn numbers(&self, sql: &str) -> Vec<i64> {
        self.db
            .query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .iter()
            .map(|row| row.try_get_by_index::<i64>(0).expect("an integer"))
            .collect()
    }

    async fn count(&self, sql: &str) -> i64 {
        self.numbers(sql).await[0]
    }

    /// Job `id` as stored now.
    async fn job(&self, id: i64) -> Job {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT status, CAST(attempts AS BIGINT) AS attempts, lease_owner, \
                     CAST(run_id AS BIGINT) AS run_id, stage, CAST(done AS BIGINT) AS done, \
                     CAST(total AS BIGINT) AS total, error, \
                     CAST(EXTRACT(EPOCH FROM started_at) AS DOUBLE PRECISION) AS started_at, \
                     CAST(EXTRACT(EPOCH FROM lease_until) AS DOUBLE PRECISION) AS lease_until \
                     FROM analysis_job WHERE id = {id}"
                ),
            ))
            .await
            .expect("read the job")
            .expect("the job exists");
        let get = |column: &str| row.try_get::<Option<String>>("", column).expect(column);
        let number = |column: &str| row.try_get::<Option<i64>>("", column).expect(column);
        let instant = |column: &str| row.try_get::<Option<f64>>("", column).expect(column);
        Job {
            status: get("status").expect("status"),
            attempts: number("attempts").expect("attempts"),
            lease_owner: get("lease_owner"),
            run_id: number("run_id"),
            stage: get("stage"),
            done: number("done").unwrap_or(0),
            total: number("total").unwrap_or(0),
            error: get("error"),
            started_at: instant("started_at"),
            lease_until: instant("lease_until"),
        }
    }

    /// Polls job `id` every `every` until `done` says so; fails after `within`.
    async fn wait_for_job(
        &self,
        id: i64,
        every: Duration,
        within: Duration,
        what: &str,
        done: impl Fn(&Job) -> bool,
    ) -> Job {
        let deadline = Instant::now() + within;
        loop {
            let job = self.job(id).await;
            if done(&job) {
                return job;
            }
            assert!(
                Instant::now() < deadline,
                "{what} within {within:?}; the job is now {job:?}"
            );
            tokio::time::sleep(every).await;
        }
    }

    /// The process whose owner id is `owner` (`host:pid:random`).
    fn holder(&self, owner: &str) -> usize {
        let pid: u32 = owner
            .rsplit(':')
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no process id in the lease owner {owner:?}"));
        self.servers
            .iter()
            .position(|s| s.pid() == pid)
            .unwrap_or_else(|| panic!("the lease owner {owner:?} is none of the processes"))
    }

    /// Log lines of process `i` that contain `needle`.
    fn lines(&self, i: usize, needle: &str) -> Vec<String> {
        self.servers[i]
            .log()
            .into_iter()
            .filter(|l| l.contains(needle))
            .collect()
    }

    /// How many log lines of each process contain `needle`.
    fn tally(&self, needle: &str) -> Vec<usize> {
        (0..PROCESSES)
            .map(|i| self.lines(i, needle).len())
            .collect()
    }

    /// [`Cluster::tally`] once the lines add up to `total`, or after five seconds.
    async fn tally_reaching(&self, needle: &str, total: usize) -> Vec<usize> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let tally = self.tally(needle);
            if tally.iter().sum::<usize>() >= total || Instant::now() > deadline {
                return tally;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every warning and error the processes logged, for the test's output.
    fn report_trouble(&self) {
        for i in 0..PROCESSES {
            for line in self.servers[i].log() {
                if line.contains(" WARN ") || line.contains(" ERROR ") {
                    eprintln!("process {i}: {line}");
                }
            }
        }
    }
}

/// An analysis job row, the columns these tests look at.
#[derive(Debug)]
struct Job {
    status: String,
    attempts: i64,
    lease_owner: Option<String>,
    run_id: Option<i64>,
    stage: Option<String>,
    done: i64,
    total: i64,
    error: Option<String>,
    /// When the latest attempt was claimed, in seconds since 1970.
    started_at: Option<f64>,
    /// Until when its holder has it, in seconds since 1970.
    lease_until: Option<f64>,
}

impl Job {
    fn running(&self) -> bool {
        self.status == "running" && self.lease_owner.is_some()
    }

    fn settled(&self) -> bool {
        !matches!(self.status.as_str(), "queued" | "running")
    }

    /// Its stage and progress within it, as the worker last recorded them.
    fn progress(&self) -> String {
        let stage = self.stage.as_deref().unwrap_or("starting");
        format!("{stage} {}/{}", self.done, self.total)
    }
}

/// POSTs `fields` to `action` with the form token of the page at `page`.
async fn post_with_csrf(
    client: &Client,
    base: &str,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let html = get(client, base, page).await;
    let mut form = vec![("_csrf".to_owned(), hidden_value(&html, "_csrf"))];
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    client
        .post(format!("{base}{action}"))
        .form(&form)
        .send()
        .await
        .expect("POST")
}

/// The page at `path`, which must answer 200.
async fn get(client: &Client, base: &str, path: &str) -> String {
    let response = client
        .get(format!("{base}{path}"))
        .send()
        .await
        .expect("GET");
    let status = response.status();
    let html = response.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "GET {base}{path}: {html}");
    html
}

fn location(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
}

/// Posts a resident submission with `token` to `base` until it is acknowledged (a 503 "busy" is
/// retried, as the page asks), failing on any other answer.
async fn submit(client: &Client, base: &str, version: &str, token: Uuid) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let response = client
            .post(format!("{base}{SURVEY}"))
            .form(&submission(version, token))
            .send()
            .await
            .expect("POST a submission");
        match response.status() {
            StatusCode::SEE_OTHER => return,
            StatusCode::SERVICE_UNAVAILABLE if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            status => panic!(
                "{base} answered a submission with {status}: {}",
                response.text().await.unwrap_or_default()
            ),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_spread_over_three_processes_are_each_stored_exactly_once() {
    let Some(cluster) = Cluster::start(60).await else {
        return;
    };
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let page = get(&client, &cluster.servers[0].base, SURVEY).await;
    let version = hidden_value(&page, "_version");
    let bases: Vec<String> = cluster.servers.iter().map(|s| s.base.clone()).collect();

    // Six residents at once, each submitting 20 times, one process after another; every fifth
    // submission is sent twice at the same moment, to two different processes (a double click
    // that a load balancer spread).
    const RESIDENTS: usize = 6;
    const EACH: usize = 20;
    let residents: Vec<_> = (0..RESIDENTS)
        .map(|r| {
            let (client, bases, version) = (client.clone(), bases.clone(), version.clone());
            tokio::spawn(async move {
                let mut tokens = Vec::new();
                for n in 0..EACH {
                    let token = Uuid::new_v4();
                    let here = &bases[(r + n) % PROCESSES];
                    if n % 5 == 0 {
                        let there = &bases[(r + n + 1) % PROCESSES];
                        tokio::join!(
                            submit(&client, here, &version, token),
                            submit(&client, there, &version, token)
                        );
                    } else {
                        submit(&client, here, &version, token).await;
                    }
                    tokens.push(token);
                }
                tokens
            })
        })
        .collect();
    let mut sent = HashSet::new();
    for resident in residents {
        sent.extend(resident.await.expect("a resident"));
    }
    assert_eq!(sent.len(), RESIDENTS * EACH);

    let stored = cluster.count("SELECT COUNT(*) FROM response").await;
    let distinct = cluster
        .count("SELECT COUNT(DISTINCT idempotency_key) FROM response")
        .await;
    let tokens: HashSet<Uuid> = cluster
        .db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT idempotency_key FROM response",
        ))
        .await
        .expect("read the tokens")
        .iter()
        .map(|row| row.try_get_by_index::<Uuid>(0).expect("a token"))
        .collect();
    // The logs are read from pipes: give the last lines a moment to arrive.
    let doubles = RESIDENTS * EACH / 5;
    let stored_by = cluster.tally_reaching("response stored", sent.len()).await;
    let duplicates_by = cluster
        .tally_reaching("duplicate submission ignored", doubles)
        .await;
    eprintln!(
        "{} submissions ({} sent twice): {stored} stored; stored by process {stored_by:?}, \
         duplicates ignored by process {duplicates_by:?}",
        sent.len(),
        doubles
    );
    cluster.report_trouble();
    assert_eq!(stored, distinct, "no submission is stored twice");
    assert_eq!(
        tokens, sent,
        "every acknowledged submission is stored, nothing else"
    );
    assert!(
        stored_by.iter().all(|&n| n > 0),
        "every process stored some: {stored_by:?}"
    );
    assert_eq!(
        stored_by.iter().sum::<usize>(),
        sent.len(),
        "each submission was stored by one process"
    );
    assert_eq!(
        duplicates_by.iter().sum::<usize>(),
        doubles,
        "each double submission was stored by one process and ignored by the other"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analysis_job_started_through_one_process_runs_once_with_its_progress_on_all_three() {
    // A long lease: nothing here may take the job away from the process running it.
    let Some(cluster) = Cluster::start(60).await else {
        return;
    };
    cluster.import_reports(REPORTS);
    let analyst = cluster.analyst(0).await;
    let id = cluster.start_job(&analyst, 0).await;
    let started = Instant::now();
    let job = cluster
        .wait_for_job(
            id,
            Duration::from_millis(20),
            Duration::from_secs(60),
            "a process claims the job",
            |j| j.running() || j.settled(),
        )
        .await;
    assert!(job.running(), "the job ran too fast to be watched: {job:?}");
    let holder = cluster.holder(job.lease_owner.as_deref().expect("owner"));

    // Every process's runs page shows the job running, with the progress its holder records,
    // while it runs.
    let mut shown: [Option<String>; PROCESSES] = Default::default();
    while shown.iter().any(Option::is_none) {
        for (i, server) in cluster.servers.iter().enumerate() {
            let html = get(&analyst, &server.base, "/staff/runs").await;
            let line = progress_line(&html);
            if html.contains("data-status=\"running\"")
                && !line.is_empty()
                && !line.starts_with("starting")
            {
                shown[i] = Some(line);
            }
        }
        let now = cluster.job(id).await;
        assert!(
            !now.settled() || shown.iter().all(Option::is_some),
            "the job ended before every process had shown its progress ({shown:?}): import \
             more reports; the job is {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("process {holder} runs job {id}; progress as the processes show it: {shown:?}");

    let job = cluster
        .wait_for_job(
            id,
            Duration::from_millis(100),
            Duration::from_secs(300),
            "the job ends",
            Job::settled,
        )
        .await;
    let elapsed = started.elapsed();
    cluster.report_trouble();
    assert_eq!(job.status, "succeeded", "{:?}", job.error);
    assert_eq!(job.attempts, 1, "the job ran once: {job:?}");
    assert_eq!(
        cluster.holder(job.lease_owner.as_deref().expect("owner")),
        holder,
        "the process that claimed it finished it"
    );
    let run = job.run_id.expect("the job names its run");
    assert_eq!(
        cluster
            .numbers("SELECT CAST(id AS BIGINT) FROM analysis_run")
            .await,
        vec![run],
        "exactly one run was logged"
    );
    let started_by = cluster.tally("analysis job started");
    eprintln!(
        "job {id} took {elapsed:?}; \"analysis job started\" logged by process {started_by:?}"
    );
    let mut once = [0; PROCESSES];
    once[holder] = 1;
    assert_eq!(started_by, once, "only the holder worked on the job");
    for server in &cluster.servers {
        let html = get(&analyst, &server.base, "/staff/runs").await;
        assert!(
            html.contains("data-status=\"succeeded\"")
                && html.contains(&format!("/staff/dashboard?run={run}")),
            "{} shows the finished job and its run: {html}",
            server.base
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_whose_process_is_killed_is_finished_by_another_once_its_lease_runs_out() {
    // A short lease, renewed every second: a survivor resumes the job a few seconds after the
    // kill. It leaves a running process over two seconds to renew it on a busy machine (a lease
    // lost there would cost the job its second and last attempt).
    const LEASE: u64 = 4;
    let Some(mut cluster) = Cluster::start(LEASE).await else {
        return;
    };
    cluster.import_reports(REPORTS);
    let analyst = cluster.analyst(0).await;
    let id = cluster.start_job(&analyst, 0).await;
    let claimed = cluster
        .wait_for_job(
            id,
            Duration::from_millis(10),
            Duration::from_secs(60),
            "a process claims the job",
            |j| j.running() || j.settled(),
        )
        .await;
    assert!(
        claimed.running(),
        "the job ran too fast to be killed: {claimed:?}"
    );
    let owner = claimed.lease_owner.clone().expect("owner");
    let victim = cluster.holder(&owner);
    cluster.servers[victim].kill_now();
    let killed = Instant::now();
    let at_kill = cluster.job(id).await;
    assert!(
        at_kill.status == "running" && at_kill.lease_owner.as_deref() == Some(owner.as_str()),
        "the job was still running in the killed process: {at_kill:?}"
    );
    eprintln!(
        "killed process {victim}, which held job {id}, at {}",
        at_kill.progress()
    );

    // A survivor takes it over once the lease has run out, and runs it again from the start.
    let resumed = cluster
        .wait_for_job(
            id,
            Duration::from_millis(50),
            Duration::from_secs(60),
            "another process resumes the job",
            |j| j.attempts == 2 || j.settled(),
        )
        .await;
    let resumed_after = killed.elapsed();
    let job = cluster
        .wait_for_job(
            id,
            Duration::from_millis(100),
            Duration::from_secs(300),
            "the resumed job ends",
            Job::settled,
        )
        .await;
    let done_after = killed.elapsed();
    cluster.report_trouble();
    eprintln!(
        "resumed {resumed_after:?} after the kill ({resumed:?}), ended {done_after:?} after it"
    );
    let (lease_ended, resumed_at) = (
        at_kill.lease_until.expect("a lease"),
        job.started_at.expect("started"),
    );
    assert!(
        resumed_at >= lease_ended,
        "nobody took the job before its lease ran out ({:.1} s before)",
        lease_ended - resumed_at
    );
    assert_eq!(job.status, "succeeded", "{:?}", job.error);
    assert_eq!(job.attempts, 2, "killed once, resumed once: {job:?}");
    let finisher = cluster.holder(job.lease_owner.as_deref().expect("owner"));
    assert_ne!(finisher, victim, "a survivor finished it");
    let run = job.run_id.expect("the job names its run");
    assert_eq!(
        cluster
            .numbers("SELECT CAST(id AS BIGINT) FROM analysis_run")
            .await,
        vec![run],
        "exactly one run was logged"
    );
    // The killed process may have died between claiming the job and saying so.
    let mut started_by = cluster.tally("analysis job started");
    assert!(started_by[victim] <= 1, "{started_by:?}");
    started_by[victim] = 0;
    let mut survivor = vec![0; PROCESSES];
    survivor[finisher] = 1;
    assert_eq!(started_by, survivor, "one survivor worked on the job");
    let taken_back_by = cluster.tally("analysis jobs whose process stopped");
    assert_eq!(
        taken_back_by.iter().sum::<usize>(),
        1,
        "one survivor took the job back: {taken_back_by:?}"
    );
    for (i, server) in cluster.servers.iter().enumerate() {
        if i == victim {
            continue;
        }
        let html = get(&analyst, &server.base, "/staff/runs").await;
        assert!(
            html.contains("data-status=\"succeeded\"")
                && html.contains(&format!("/staff/dashboard?run={run}")),
            "{} shows the finished job and its run: {html}",
            server.base
        );
    }
}

/// The "stage: N%" line of the running job on a runs page.
fn progress_line(html: &str) -> String {
    let Some(at) = html.find("<progress") else {
        return String::new();
    };
    let before = &html[..at];
    let start = before.rfind("<p>").map_or(0, |p| p + "<p>".len());
    // Without the hydration markers between the text nodes.
    let mut line = String::new();
    let mut in_tag = false;
    for c in before[start..].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => line.push(c),
            _ => {}
        }
    }
    line.trim().to_owned()
}
