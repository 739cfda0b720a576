//! `spawn_app()`: a real pakn on a free port with a fresh database, and a client whose every
//! response is checked against `api-spec/openapi.yaml`.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use pakn::clock::{Clock, FixedClock, SystemClock};
use pakn::config::Config;
use pakn::db::{DatabaseUrl, DbPool};
use pakn::startup::{self, ServeSettings};
use serde_json::Value;

use crate::contract;
use crate::mailbox::Mailbox;

/// A clock the test moves forward by hand.
pub struct ManualClock(std::sync::Mutex<chrono::NaiveDateTime>);

impl ManualClock {
    pub fn at(utc: &str) -> Arc<Self> {
        let instant = chrono::NaiveDateTime::parse_from_str(utc, "%Y-%m-%d %H:%M:%S").expect("a UTC instant");
        Arc::new(ManualClock(std::sync::Mutex::new(instant)))
    }

    pub fn advance(&self, by: chrono::TimeDelta) {
        let mut now = self.0.lock().expect("clock");
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now_utc(&self) -> chrono::NaiveDateTime {
        *self.0.lock().expect("clock")
    }
}

/// A database of one test's own, removed when the test ends.
pub enum TestDatabase {
    Sqlite { folder: PathBuf },
    Postgres { server_url: String, name: String },
}

impl TestDatabase {
    /// SQLite in a fresh folder, or a fresh PostgreSQL database when TEST_DATABASE_URL says so.
    pub fn create() -> (Self, String, PathBuf) {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let folder = std::env::temp_dir().join(format!("pakn-test-{id}"));
        match std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty()) {
            Some(server_url) => {
                let name = format!("pakn_test_{id}");
                let mut admin = PgConnection::establish(&server_url)
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL does not connect: {e}"));
                admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create the test database");
                let url = with_database_name(&server_url, &name);
                (TestDatabase::Postgres { server_url, name }, url, folder)
            }
            None => {
                let url = format!("sqlite://{}", folder.join("pakn.db").display());
                (TestDatabase::Sqlite { folder: folder.clone() }, url, folder)
            }
        }
    }
}

/// `postgres://user@host:5432/postgres?x=y` → the same server, database `name`.
fn with_database_name(server_url: &str, name: &str) -> String {
    let (scheme, rest) = server_url.split_once("://").expect("a URL with a scheme");
    let (authority, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let query = tail.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
    format!("{scheme}://{authority}/{name}{query}")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::Sqlite { folder } => {
                let _ = std::fs::remove_dir_all(folder);
            }
            TestDatabase::Postgres { server_url, name } => {
                if let Ok(mut admin) = PgConnection::establish(server_url) {
                    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub pool: DbPool,
    pub config: Config,
    pub context: pakn::service::Context,
    /// The real SMTP server this app delivers to.
    pub mailbox: Mailbox,
    _outbox_worker: pakn::jobs::OutboxWorker,
    client: awc::Client,
    /// Held for its `Drop`: the database goes when the test ends.
    _database: TestDatabase,
}

/// A running pakn on the system clock.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_clock(Arc::new(SystemClock)).await
}

/// A running pakn whose clock reads `utc` ("YYYY-MM-DD HH:MM:SS", UTC) forever.
pub async fn spawn_app_at(utc: &str) -> TestApp {
    let instant = chrono::NaiveDateTime::parse_from_str(utc, "%Y-%m-%d %H:%M:%S").expect("a UTC instant");
    spawn_app_with_clock(Arc::new(FixedClock(instant))).await
}

pub async fn spawn_app_with_clock(clock: Arc<dyn Clock>) -> TestApp {
    spawn_app_with(clock, Mailbox::start()).await
}

/// A running pakn delivering to `mailbox` (which may not be listening yet).
pub async fn spawn_app_with(clock: Arc<dyn Clock>, mailbox: Mailbox) -> TestApp {
    spawn_app_configured(clock, mailbox, &[]).await
}

/// A running pakn with some PAKN_* variables set otherwise than in `test_config`.
pub async fn spawn_app_configured(clock: Arc<dyn Clock>, mailbox: Mailbox, overrides: &[(&str, &str)]) -> TestApp {
    if std::env::var_os("PAKN_TEST_LOG").is_some() {
        pakn::telemetry::init(pakn::config::LogFormat::Pretty);
    }
    let (database, url, folder) = TestDatabase::create();
    let config = test_config_with(&url, &folder, &mailbox.url(), overrides);
    let pool = startup::prepare_database(&config, clock.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    serve(database, config, pool, clock, mailbox)
}

/// A running pakn on a pool that was never checked: for a database that is down.
pub async fn spawn_app_on_pool(pool: DbPool) -> TestApp {
    let (database, url, folder) = TestDatabase::create();
    let mailbox = Mailbox::start();
    let config = test_config(&url, &folder, &mailbox.url());
    serve(database, config, pool, Arc::new(SystemClock), mailbox)
}

pub const TEST_PUBLIC_BASE_URL: &str = "https://pakn.test";

pub fn test_config(database_url: &str, folder: &std::path::Path, smtp_url: &str) -> Config {
    test_config_with(database_url, folder, smtp_url, &[])
}

pub fn test_config_with(
    database_url: &str,
    folder: &std::path::Path,
    smtp_url: &str,
    overrides: &[(&str, &str)],
) -> Config {
    let mut vars = HashMap::from([
        ("PAKN_DATABASE_URL", database_url.to_string()),
        ("PAKN_DATA_DIR", folder.display().to_string()),
        ("PAKN_DB_POOL_SIZE", "3".to_string()),
        ("PAKN_JWT_SECRET", "a test secret that is long enough for HS256".to_string()),
        ("PAKN_SMTP_URL", smtp_url.to_string()),
        ("PAKN_PUBLIC_BASE_URL", TEST_PUBLIC_BASE_URL.to_string()),
        ("PAKN_OUTBOX_POLL_MILLISECONDS", "50".to_string()),
        ("PAKN_MAIL_RETRY_BASE_MILLISECONDS", "100".to_string()),
        ("PAKN_MAIL_MAX_ATTEMPTS", "4".to_string()),
        ("PAKN_PASSWORD_HASH_CONCURRENCY", "2".to_string()),
        ("PAKN_IDENTITY_KEY", "5e".repeat(32)),
        // Tests read the statistics right after changing what they count.
        ("PAKN_PUBLIC_STATS_MAX_AGE_SECONDS", "0".to_string()),
    ]);
    for (name, value) in overrides {
        vars.insert(name, value.to_string());
    }
    Config::from_lookup(|name| vars.get(name).cloned()).expect("a valid test configuration")
}

fn serve(database: TestDatabase, config: Config, pool: DbPool, clock: Arc<dyn Clock>, mailbox: Mailbox) -> TestApp {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("a bound port").port();
    let settings = ServeSettings { workers: 1, blocking_threads_per_worker: 3, ..ServeSettings::from_config(&config) };
    let context = startup::context(&config, pool.clone(), clock).unwrap_or_else(|e| panic!("{e}"));
    let worker = startup::start_outbox_worker(&config, &context).unwrap_or_else(|e| panic!("{e}"));
    let server = startup::serve(listener, context.clone(), settings).expect("the server starts");
    actix_web::rt::spawn(server);
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        pool,
        config,
        context,
        mailbox,
        _outbox_worker: worker,
        client: awc::Client::builder().disable_redirects().finish(),
        _database: database,
    }
}

/// What came back, with the body already read and checked against the contract.
#[derive(Debug)]
pub struct TestResponse {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    /// Asserts a problem+json answer with this status and machine code, and returns its body.
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "body: {}", String::from_utf8_lossy(&self.body));
        assert_eq!(self.content_type(), "application/problem+json");
        let body = self.json();
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["status"], status);
        body
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> TestResponse {
        self.request("GET", path, None, &[]).await
    }

    /// GET with an access token.
    pub async fn get_as(&self, token: &str, path: &str) -> TestResponse {
        let bearer = format!("Bearer {token}");
        self.request("GET", path, None, &[("authorization", &bearer)]).await
    }

    /// Sends JSON, without an access token.
    pub async fn send_json(&self, method: &str, path: &str, body: &Value) -> TestResponse {
        self.request(method, path, Some(body.to_string().into_bytes()), &[("content-type", "application/json")]).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> TestResponse {
        self.send_json("POST", path, body).await
    }

    /// Sends JSON with an access token.
    pub async fn send_json_as(&self, token: &str, method: &str, path: &str, body: &Value) -> TestResponse {
        let bearer = format!("Bearer {token}");
        self.request(
            method,
            path,
            Some(body.to_string().into_bytes()),
            &[("content-type", "application/json"), ("authorization", &bearer)],
        )
        .await
    }

    /// Sends any request; the response must match what the spec promises for it.
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let method_value = awc::http::Method::from_bytes(method.as_bytes()).expect("an HTTP method");
        let mut request = self.client.request(method_value, format!("{}{}", self.address, path));
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        let sent = match body {
            Some(bytes) => request.send_body(bytes).await,
            None => request.send().await,
        };
        let mut response = sent.unwrap_or_else(|e| panic!("{method} {path} failed: {e}"));
        let body = response.body().limit(16 * 1024 * 1024).await.expect("a readable body").to_vec();
        let response = TestResponse { status: response.status().as_u16(), headers: response.headers().clone(), body };
        contract::assert_response_matches_spec(method, path, &response);
        response
    }

    /// Runs `work` on a connection of the app's own database, for checking what is stored.
    pub fn with_connection<T>(&self, work: impl FnOnce(&mut pakn::db::DbConnection) -> T) -> T {
        let mut connection = self.pool.get().expect("a database connection");
        work(&mut connection)
    }
}

/// An unchecked pool pointing at a port where no database listens.
pub fn unreachable_pool() -> DbPool {
    let url = DatabaseUrl::parse("postgres://pakn@127.0.0.1:9/pakn?connect_timeout=1").expect("a URL");
    pakn::db::unchecked_pool(
        &url,
        &pakn::db::PoolSettings {
            size: 1,
            connect_timeout: std::time::Duration::from_millis(500),
            statement_timeout: None,
        },
    )
}

pub const GOOD_PASSWORD: &str = "một mật khẩu đủ dài 2026";

/// A user signed in through the API.
#[derive(Debug, Clone)]
pub struct SignedInUser {
    pub id: String,
    pub email: String,
    pub access_token: String,
    pub refresh_token: String,
}

impl TestApp {
    /// Registers a citizen, follows the e-mailed link, and signs in.
    pub async fn citizen(&self, email: &str) -> SignedInUser {
        self.citizen_named(email, "Nguyễn Văn Dân").await
    }

    pub async fn citizen_named(&self, email: &str, full_name: &str) -> SignedInUser {
        let response = self
            .post_json(
                "/api/v1/auth/register",
                &serde_json::json!({ "email": email, "password": GOOD_PASSWORD, "full_name": full_name }),
            )
            .await;
        assert_eq!(response.status, 202, "{}", String::from_utf8_lossy(&response.body));
        let token = self.mailbox.next_for(email, 0).await.token();
        assert_eq!(
            self.post_json("/api/v1/auth/verify-email", &serde_json::json!({ "token": token })).await.status,
            204
        );
        self.login(email, GOOD_PASSWORD).await
    }

    pub async fn login(&self, email: &str, password: &str) -> SignedInUser {
        let response =
            self.post_json("/api/v1/auth/login", &serde_json::json!({ "email": email, "password": password })).await;
        assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
        let tokens = response.json();
        let access_token = tokens["access_token"].as_str().expect("an access token").to_string();
        let me = self.get_as(&access_token, "/api/v1/me").await.json();
        SignedInUser {
            id: me["id"].as_str().expect("an id").to_string(),
            email: email.to_string(),
            access_token,
            refresh_token: tokens["refresh_token"].as_str().expect("a refresh token").to_string(),
        }
    }

    /// An administrator made the way the first one is: from the command line's use case.
    pub async fn admin(&self) -> SignedInUser {
        let email = format!("admin-{}@hue.gov.vn", uuid::Uuid::new_v4().simple());
        let parsed = pakn::domain::account::Email::parse(&email).expect("an address");
        let hash = pakn::domain::account::PasswordHash::new(
            pakn::security::passwords::hash_now(GOOD_PASSWORD).expect("a hash"),
        );
        let now = self.context.now();
        self.with_connection(|c| pakn::service::accounts::users::create_admin(c, &parsed, "Quản trị viên", hash, now))
            .expect("an administrator");
        self.login(&email, GOOD_PASSWORD).await
    }

    /// The id of the shipped sample agency with `code`.
    pub async fn agency_id(&self, code: &str) -> String {
        let agency = self.with_connection(|c| pakn::db::agencies::find_by_code(c, code)).expect("a query");
        agency.unwrap_or_else(|| panic!("no sample agency {code}")).id.to_string()
    }

    /// An administrator invites someone; they accept and sign in.
    pub async fn staff(&self, admin: &SignedInUser, role: &str, placement: Value) -> SignedInUser {
        let email = format!("{role}-{}@hue.gov.vn", uuid::Uuid::new_v4().simple());
        let mut invitation = serde_json::json!({ "email": email, "full_name": format!("Cán bộ {role}"), "role": role });
        if let (Some(target), Some(fields)) = (invitation.as_object_mut(), placement.as_object()) {
            target.extend(fields.clone());
        }
        let response = self.send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &invitation).await;
        assert_eq!(response.status, 201, "{}", String::from_utf8_lossy(&response.body));
        let token = self.mailbox.next_for(&email, 0).await.token();
        let accepted = self
            .post_json(
                "/api/v1/auth/accept-invitation",
                &serde_json::json!({ "token": token, "password": GOOD_PASSWORD }),
            )
            .await;
        assert_eq!(accepted.status, 204, "{}", String::from_utf8_lossy(&accepted.body));
        self.login(&email, GOOD_PASSWORD).await
    }

    /// An officer of `agency_id` whom the administrator made a reception officer: the one who
    /// may unseal a confidential identity.
    pub async fn reception_officer(&self, admin: &SignedInUser, agency_id: &str) -> SignedInUser {
        let officer = self.staff(admin, "officer", serde_json::json!({ "agency_id": agency_id })).await;
        let path = format!("/api/v1/admin/users/{}", officer.id);
        let granted = self
            .send_json_as(&admin.access_token, "PATCH", &path, &serde_json::json!({ "reception_officer": true }))
            .await;
        assert_eq!(granted.status, 200, "{}", String::from_utf8_lossy(&granted.body));
        officer
    }
}
