//! The real `pakn serve` as its own process on a free port, configured through `PAKN_*` like an
//! operator would, and a plain HTTP client that reports a lost connection instead of panicking.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use serde_json::{Value, json};

use crate::helpers::GOOD_PASSWORD;
use crate::mailbox::Mailbox;
use crate::petitions::feedback;

/// A `pakn serve` process; killed when dropped if it still runs.
pub struct Pakn {
    child: Child,
    pub address: String,
    log: PathBuf,
}

impl Pakn {
    /// Starts pakn on `database_url` with its data in `folder`, mailing through `mailbox`, and
    /// waits (at most a minute) until it answers `/health/live`.
    pub async fn start(database_url: &str, folder: &Path, mailbox: &Mailbox) -> Pakn {
        Pakn::start_with(database_url, folder, mailbox, &[]).await
    }

    /// The same, with some `PAKN_*` variables set otherwise (faster sweeps, a shorter wait for a
    /// connection).
    pub async fn start_with(database_url: &str, folder: &Path, mailbox: &Mailbox, settings: &[(&str, &str)]) -> Pakn {
        std::fs::create_dir_all(folder).expect("the data folder");
        let port = Mailbox::free_port();
        let log_path = folder.join(format!("pakn-{port}.log"));
        let log = std::fs::File::create(&log_path).expect("a log file");
        let child = Command::new(env!("CARGO_BIN_EXE_pakn"))
            .arg("serve")
            .env("PAKN_DATABASE_URL", database_url)
            .env("PAKN_DATA_DIR", folder)
            .env("PAKN_BIND", format!("127.0.0.1:{port}"))
            .env("PAKN_JWT_SECRET", "a test secret that is long enough for HS256")
            .env("PAKN_IDENTITY_KEY", "5e".repeat(32))
            .env("PAKN_SMTP_URL", mailbox.url())
            .env("PAKN_PUBLIC_BASE_URL", crate::helpers::TEST_PUBLIC_BASE_URL)
            .env("PAKN_OUTBOX_POLL_MILLISECONDS", "50")
            .env("PAKN_PASSWORD_HASH_CONCURRENCY", "2")
            .env("RUST_LOG", "info")
            .envs(settings.iter().copied())
            .stdout(log.try_clone().expect("the log again"))
            .stderr(log)
            .spawn()
            .expect("the pakn binary runs");
        let pakn = Pakn { child, address: format!("http://127.0.0.1:{port}"), log: log_path };
        let client = client();
        let started = Instant::now();
        while !matches!(send(&client, "GET", &format!("{}/health/live", pakn.address), &[], None).await, Ok(a) if a.status == 200)
        {
            assert!(started.elapsed() < Duration::from_secs(60), "pakn did not start within a minute");
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
        pakn
    }

    /// What the process wrote to its standard error.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn signal(&self, name: &str) {
        let sent = Command::new("kill").args([name, &self.child.id().to_string()]).status().expect("kill runs");
        assert!(sent.success(), "kill {name}");
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&self) {
        self.signal("-KILL");
    }

    /// SIGTERM: the operator's (and systemd's, and Docker's) polite stop.
    pub fn terminate(&self) {
        self.signal("-TERM");
    }

    /// How the process ended, waiting at most `bound` for it.
    pub async fn exit_within(&mut self, bound: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the process") {
                return status;
            }
            assert!(started.elapsed() < bound, "pakn still runs after {bound:?}");
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Pakn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn client() -> awc::Client {
    awc::Client::builder().timeout(Duration::from_secs(30)).disable_redirects().finish()
}

/// An answer that arrived whole.
pub struct Answer {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request; `Err` when the connection failed or broke before the whole answer came.
pub async fn send(
    client: &awc::Client,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Result<Answer, String> {
    let method = awc::http::Method::from_bytes(method.as_bytes()).expect("a method");
    let mut request = client.request(method, url);
    for (name, value) in headers {
        request = request.insert_header((*name, *value));
    }
    let sent = match body {
        Some(bytes) => request.send_body(bytes).await,
        None => request.send().await,
    };
    let mut response = sent.map_err(|e| e.to_string())?;
    let body = response.body().limit(1024 * 1024).await.map_err(|e| e.to_string())?.to_vec();
    Ok(Answer { status: response.status().as_u16(), headers: response.headers().clone(), body })
}

/// One JSON request to `pakn`, as `token` when given.
pub async fn call(
    pakn: &Pakn,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    extra: &[(&str, &str)],
) -> Answer {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let mut headers: Vec<(&str, &str)> = vec![("content-type", "application/json")];
    if let Some(bearer) = &bearer {
        headers.push(("authorization", bearer));
    }
    headers.extend_from_slice(extra);
    let url = format!("{}{path}", pakn.address);
    let body = body.map(|b| b.to_string().into_bytes());
    send(&client(), method, &url, &headers, body).await.unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// Files a feedback titled `title` under its own `Idempotency-Key`, as a mobile app that retries
/// would; `Err` when the connection failed or broke, which is what a fault may do to a filing.
pub async fn file(client: &awc::Client, address: &str, token: &str, key: &str, title: &str) -> Result<Answer, String> {
    let bearer = format!("Bearer {token}");
    let headers = [("authorization", bearer.as_str()), ("content-type", "application/json"), ("idempotency-key", key)];
    let body = feedback(title).to_string().into_bytes();
    send(client, "POST", &format!("{address}/api/v1/petitions"), &headers, Some(body)).await
}

/// What `work` gave and how long it took: under a fault the bound on an answer is under test.
pub async fn timed<T>(work: impl Future<Output = T>) -> (T, Duration) {
    let asked = Instant::now();
    let answer = work.await;
    (answer, asked.elapsed())
}

/// 503, `Retry-After`, problem+json with the stable code: what tells a client to try again
/// rather than give up.
pub fn assert_unavailable(answer: &Answer, what: &str) {
    assert_eq!(answer.status, 503, "{what}: {}", answer.text());
    let content_type = answer.headers.get("content-type").and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("application/problem+json"), "{what}");
    assert_eq!(answer.json()["code"], "service_unavailable", "{what}");
    assert!(answer.headers.contains_key("retry-after"), "{what}: {:?}", answer.headers);
}

/// Registers `email`, follows the e-mailed link and signs in; the access token.
pub async fn citizen(pakn: &Pakn, mailbox: &Mailbox, email: &str) -> String {
    let client = client();
    let post = |path: &str, body: Value| {
        let url = format!("{}{path}", pakn.address);
        let client = &client;
        async move {
            let headers = [("content-type", "application/json")];
            send(client, "POST", &url, &headers, Some(body.to_string().into_bytes())).await.expect("an answer")
        }
    };
    let registered = post(
        "/api/v1/auth/register",
        json!({ "email": email, "password": GOOD_PASSWORD, "full_name": "Trần Thị Dân" }),
    )
    .await;
    assert_eq!(registered.status, 202, "{}", registered.text());
    let token = mailbox.next_for(email, 0).await.token();
    assert_eq!(post("/api/v1/auth/verify-email", json!({ "token": token })).await.status, 204);
    let tokens = post("/api/v1/auth/login", json!({ "email": email, "password": GOOD_PASSWORD })).await;
    assert_eq!(tokens.status, 200, "{}", tokens.text());
    tokens.json()["access_token"].as_str().expect("a token").to_string()
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// `SELECT COUNT(*) AS n …` straight on the database, from a connection of the test's own.
pub fn count(database_url: &str, sql: &str) -> i64 {
    let query = diesel::sql_query(sql);
    match database_url.strip_prefix("sqlite://") {
        Some(path) => {
            let mut connection = sqlite(path);
            query.get_result::<Count>(&mut connection).expect("a count").n
        }
        None => {
            let mut connection = PgConnection::establish(database_url).expect("the PostgreSQL database");
            query.get_result::<Count>(&mut connection).expect("a count").n
        }
    }
}

/// Runs one statement straight on the database (what days passing would have done to a row).
pub fn execute(database_url: &str, sql: &str) -> usize {
    let query = diesel::sql_query(sql);
    match database_url.strip_prefix("sqlite://") {
        Some(path) => query.execute(&mut sqlite(path)),
        None => query.execute(&mut PgConnection::establish(database_url).expect("the PostgreSQL database")),
    }
    .expect("the statement runs")
}

#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    v: String,
}

/// `SELECT … AS v` (one text column) straight on the database.
pub fn texts(database_url: &str, sql: &str) -> Vec<String> {
    let query = diesel::sql_query(sql);
    let rows: Vec<Text> = match database_url.strip_prefix("sqlite://") {
        Some(path) => query.load(&mut sqlite(path)),
        None => query.load(&mut PgConnection::establish(database_url).expect("the PostgreSQL database")),
    }
    .expect("rows");
    rows.into_iter().map(|row| row.v).collect()
}

/// A connection of the test's own to the SQLite file that waits, as pakn's do, while a pakn
/// process holds the write lock.
fn sqlite(path: &str) -> SqliteConnection {
    use diesel::connection::SimpleConnection;
    let mut connection = SqliteConnection::establish(path).expect("the SQLite file");
    connection.batch_execute("PRAGMA busy_timeout = 10000").expect("a busy timeout");
    connection
}

/// The SQLite file behind `database_url`, if it is one.
pub fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    database_url.strip_prefix("sqlite://").map(PathBuf::from)
}
