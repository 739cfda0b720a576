//! Building the running service: prepare the database, then serve the app on a listener.
//! `main` and the integration tests both start pakn through here.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::ErrorHandlers;
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::clock::Clock;
use crate::config::{Config, Environment};
use crate::db::{self, DbPool};
use crate::error::{ProblemJson, answer_bare_errors};
use crate::http;
use crate::jobs::{self, BackgroundJob, OutboxWorker};
use crate::mail::Mailer;
use crate::security::jwt::TokenKeys;
use crate::security::passwords::PasswordHasherPool;
use crate::security::sealing::Sealer;
use crate::security::{private_files, tokens};
use crate::service::context::Parts;
use crate::service::outbox::DeliveryPolicy;
use crate::service::reference::cache::ReferenceCache;
use crate::service::reference::{calendar, shipped};
use crate::service::throttle::KnownWaits;
use crate::service::{Context, Settings, health};
use crate::storage::LocalFolderStore;

/// Why pakn could not start, in one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Connect(#[from] db::ConnectError),
    #[error("cannot apply the database migrations: {0}")]
    Migrate(db::migrate::MigrationError),
    #[error("cannot install the shipped reference data: {0}")]
    ReferenceData(crate::service::ServiceError),
    #[error("cannot listen on {address}: {source}")]
    Bind { address: String, source: std::io::Error },
    #[error("{0}")]
    Secrets(String),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailSetupError),
    #[error("cannot start the outbox worker: {0}")]
    Worker(std::io::Error),
}

/// A secret from its variable, or in development one generated once and kept in the data folder
/// (so it survives a restart). Production refuses to start without it.
fn secret(config: &Config, given: Option<&String>, variable: &str, file: &str) -> Result<String, StartError> {
    if let Some(secret) = given {
        return Ok(secret.clone());
    }
    if config.environment == Environment::Production {
        return Err(StartError::Secrets(format!("{variable} must be set in production")));
    }
    let path = config.data_dir.join(file);
    if let Ok(secret) = std::fs::read_to_string(&path) {
        let secret = secret.trim().to_string();
        if secret.len() == 64 {
            return Ok(secret);
        }
    }
    let secret = tokens::new_secret();
    write_private_file(&path, &secret)
        .map_err(|e| StartError::Secrets(format!("cannot keep a development secret at {}: {e}", path.display())))?;
    tracing::warn!(path = %path.display(), "{variable} is not set: using a generated development secret");
    Ok(secret)
}

fn write_private_file(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        private_files::create_folder(folder)?;
    }
    std::io::Write::write_all(&mut private_files::create_file(path)?, contents.as_bytes())
}

/// Everything the use cases need, from the configuration and a ready pool.
pub fn context(config: &Config, pool: DbPool, clock: Arc<dyn Clock>) -> Result<Context, StartError> {
    let jwt_secret = secret(config, config.jwt_secret.as_ref(), "PAKN_JWT_SECRET", "jwt-secret")?;
    let keys = TokenKeys::new(jwt_secret.as_bytes()).map_err(|e| StartError::Secrets(e.to_string()))?;
    let identity_key = secret(config, config.identity_key.as_ref(), "PAKN_IDENTITY_KEY", "identity-key")?;
    let sealer = Sealer::from_hex(&identity_key).map_err(|e| StartError::Secrets(e.to_string()))?;
    let hasher =
        PasswordHasherPool::new(config.password_hash_concurrency).map_err(|e| StartError::Secrets(e.to_string()))?;
    let attachments = config.data_dir.join("attachments");
    let files = LocalFolderStore::new(attachments.clone()).map_err(|e| {
        StartError::Secrets(format!("cannot create the attachments folder {}: {e}", attachments.display()))
    })?;
    // Opened as the jobs first ask: a one-off command with a context may never need one.
    let background_pool = db::unchecked_pool(
        &config.database_url,
        &db::PoolSettings {
            size: config.db_background_pool_size,
            connect_timeout: config.db_connect_timeout,
            statement_timeout: Some(config.db_query_timeout),
        },
    );
    Ok(Context::new(Parts {
        pool,
        background_pool,
        clock,
        hasher,
        keys,
        sealer,
        files: Arc::new(files),
        settings: Settings {
            public_base_url: config.public_base_url.clone(),
            mail_max_attempts: config.mail_max_attempts,
            mail_retry_base: config.mail_retry_base,
            identity_storage: config.identity_storage,
            triage_agency_code: config.triage_agency_code.clone(),
            open311_default_unit: config.open311_default_unit.clone(),
            open311_test_endpoint: config.open311_test_endpoint.clone(),
            open311_filings_per_hour: config.open311_filings_per_hour,
            max_attachment_bytes: config.max_attachment_bytes,
            max_attachments: config.max_attachments,
            reminder_working_days: config.reminder_working_days,
            auto_close_days: config.auto_close_days,
            confirmation_days: config.confirmation_days,
            public_stats_minimum: config.public_stats_minimum,
            public_stats_max_age: config.public_stats_max_age,
            open_data_dir: config.data_dir.join("open-data"),
            trusted_proxies: config.trusted_proxies.clone(),
            db_query_timeout: config.db_query_timeout,
        },
        reference: ReferenceCache::default(),
        lookup_waits: KnownWaits::default(),
        public_statistics: Default::default(),
        public_list_totals: Default::default(),
        public_pages: Default::default(),
        public_lists: Default::default(),
    }))
}

/// Starts delivering the outbox over SMTP, or into `data/mail/` when no SMTP server is configured.
pub fn start_outbox_worker(config: &Config, context: &Context) -> Result<OutboxWorker, StartError> {
    let mailer = Mailer::new(config.smtp_url.as_deref(), &config.mail_from, config.data_dir.join("mail"))?;
    let policy = DeliveryPolicy {
        max_attempts: config.mail_max_attempts,
        retry_base: config.mail_retry_base,
        lease: std::time::Duration::from_secs(120),
        batch: 50,
    };
    jobs::start_outbox_worker(context, mailer, policy, config.outbox_poll_interval).map_err(StartError::Worker)
}

/// Starts the deadline sweep: reminders, overdue marking and closing resolved petitions.
pub fn start_deadline_sweep(config: &Config, context: &Context) -> Result<BackgroundJob, StartError> {
    jobs::start_deadline_sweep(context.clone(), config.sweep_interval).map_err(StartError::Worker)
}

/// Starts erasing what is kept only for a time (sent mail's recipients), at the sweep's pace.
pub fn start_retention(config: &Config, context: &Context) -> Result<BackgroundJob, StartError> {
    jobs::start_retention(context.clone(), config.sweep_interval).map_err(StartError::Worker)
}

/// Starts sealing new events into the audit chain and publishing the day's anchor.
pub fn start_audit_sealer(config: &Config, context: &Context) -> Result<BackgroundJob, StartError> {
    jobs::start_audit_sealer(context.clone(), config.audit_seal_interval).map_err(StartError::Worker)
}

/// Starts writing the day's open data.
pub fn start_open_data(config: &Config, context: &Context) -> Result<BackgroundJob, StartError> {
    jobs::start_open_data(context.clone(), config.sweep_interval).map_err(StartError::Worker)
}

/// Connects, applies pending migrations and installs the shipped reference data not yet installed,
/// dated by `clock`; the pool it returns is the serving one, each statement bounded by
/// `PAKN_DB_QUERY_TIMEOUT_SECONDS` on PostgreSQL.
pub fn prepare_database(config: &Config, clock: &dyn Clock) -> Result<DbPool, StartError> {
    prepare(config, clock, Some(config.db_query_timeout))
}

/// The same for the one-off commands an operator runs (`migrate`, `import-admin-units`, `audit
/// verify`, `report` …): their statements may rightly run long on a big database, and the
/// operator is there to stop them.
pub fn prepare_database_for_command(config: &Config, clock: &dyn Clock) -> Result<DbPool, StartError> {
    prepare(config, clock, None)
}

fn prepare(
    config: &Config,
    clock: &dyn Clock,
    statement_timeout: Option<std::time::Duration>,
) -> Result<DbPool, StartError> {
    let settings =
        db::PoolSettings { size: config.db_pool_size, connect_timeout: config.db_connect_timeout, statement_timeout };
    // Migrations may rewrite a big table: they run on a connection of their own, outside the
    // serving limit, and it is closed before serving.
    let mut connection =
        db::establish(&config.database_url, &db::PoolSettings { statement_timeout: None, ..settings })?;
    let applied = db::migrate::run_pending(&mut connection).map_err(StartError::Migrate)?;
    if !applied.is_empty() {
        tracing::info!(migrations = ?applied, "database migrated");
    }
    let installed = shipped::install(&mut connection, clock.now_utc()).map_err(StartError::ReferenceData)?;
    if !installed.is_empty() {
        tracing::info!(data_sets = ?installed, "reference data installed");
    }
    for year in calendar::provisional_years_ahead(&mut connection, clock.today_in_vietnam())
        .map_err(StartError::ReferenceData)?
    {
        tracing::warn!(year, "{}", health::provisional_year_warning(year));
    }
    drop(connection);
    Ok(db::connect_pool(&config.database_url, &settings)?)
}

/// How the HTTP server runs; read from `Config` in production, chosen freely by tests.
#[derive(Debug, Clone, Copy)]
pub struct ServeSettings {
    pub workers: usize,
    pub blocking_threads_per_worker: usize,
    pub max_json_body_bytes: usize,
    pub max_concurrent_uploads: usize,
    pub upload_time_allowed: std::time::Duration,
}

impl ServeSettings {
    pub fn from_config(config: &Config) -> Self {
        // Blocking threads beyond the pool's connections only queue on the pool; measured in
        // DESIGN.md, a small pool with few blocking threads gives the best tail latency.
        let per_worker = (config.db_pool_size as usize).div_ceil(config.workers).max(1);
        ServeSettings {
            workers: config.workers,
            blocking_threads_per_worker: per_worker,
            max_json_body_bytes: config.max_json_body_bytes,
            max_concurrent_uploads: config.max_concurrent_uploads,
            upload_time_allowed: config.upload_time_allowed,
        }
    }
}

/// Starts serving on an already-bound listener (port 0 in tests) and returns the running server.
pub fn serve(listener: TcpListener, context: Context, settings: ServeSettings) -> std::io::Result<Server> {
    let https = context.settings.public_base_url.starts_with("https://");
    let state = web::Data::new(context);
    // One count of uploads for the whole server, not one per worker.
    let uploads =
        web::Data::new(http::UploadLimits::new(settings.max_concurrent_uploads, settings.upload_time_allowed));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(uploads.clone())
            .configure(|config| http::configure(config, settings.max_json_body_bytes))
            .wrap(ErrorHandlers::new().default_handler(answer_bare_errors::<ProblemJson, _>))
            .wrap_fn(move |request, service| http::with_security_headers(request, service, https))
            .wrap_fn(http::with_request_id)
            .wrap(TracingLogger::<http::logging::RouteOnly>::new())
    })
    .workers(settings.workers)
    .worker_max_blocking_threads(settings.blocking_threads_per_worker)
    .listen(listener)?
    .run();
    Ok(server)
}

/// Everything `pakn serve` does: prepare the database, bind the configured address, start the
/// background jobs. The jobs stop when the returned handles are dropped.
pub fn build(
    config: &Config,
    clock: Arc<dyn Clock>,
) -> Result<(Server, std::net::SocketAddr, Vec<BackgroundJob>), StartError> {
    let pool = prepare_database(config, clock.as_ref())?;
    let context = context(config, pool, clock)?;
    let worker = vec![
        start_outbox_worker(config, &context)?,
        start_deadline_sweep(config, &context)?,
        start_retention(config, &context)?,
        start_audit_sealer(config, &context)?,
        start_open_data(config, &context)?,
    ];
    let bind_error = |source| StartError::Bind { address: config.bind.to_string(), source };
    let listener = TcpListener::bind(config.bind).map_err(bind_error)?;
    let address = listener.local_addr().map_err(bind_error)?;
    let server = serve(listener, context, ServeSettings::from_config(config)).map_err(bind_error)?;
    Ok((server, address, worker))
}
