//! Building the running service: prepare the database, then serve the app on a listener.
//! `main` and the integration tests both start pakn through here.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, ErrorHandlers};
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, DbPool};
use crate::http::{self, AppState};
use crate::service::reference_data;

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
}

/// Connects, applies pending migrations and installs the shipped reference data not yet installed.
pub fn prepare_database(config: &Config) -> Result<DbPool, StartError> {
    let pool = db::connect_pool(&config.database_url, config.db_pool_size, config.db_connect_timeout)?;
    let mut connection = pool.get().map_err(db::ConnectError::Pool)?;
    let applied = db::migrate::run_pending(&mut connection).map_err(StartError::Migrate)?;
    if !applied.is_empty() {
        tracing::info!(migrations = ?applied, "database migrated");
    }
    let installed = reference_data::install(&mut connection).map_err(StartError::ReferenceData)?;
    if !installed.is_empty() {
        tracing::info!(data_sets = ?installed, "reference data installed");
    }
    Ok(pool)
}

/// How the HTTP server runs; read from `Config` in production, chosen freely by tests.
#[derive(Debug, Clone, Copy)]
pub struct ServeSettings {
    pub workers: usize,
    pub blocking_threads_per_worker: usize,
    pub max_json_body_bytes: usize,
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
        }
    }
}

/// Starts serving on an already-bound listener (port 0 in tests) and returns the running server.
pub fn serve(
    listener: TcpListener,
    pool: DbPool,
    clock: Arc<dyn Clock>,
    settings: ServeSettings,
) -> std::io::Result<Server> {
    let state = web::Data::new(AppState { pool, clock });
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .configure(|config| http::configure(config, settings.max_json_body_bytes))
            .wrap(ErrorHandlers::new().default_handler(http::problem_for_bare_errors))
            .wrap(DefaultHeaders::new().add(("X-Content-Type-Options", "nosniff")))
            .wrap_fn(http::with_request_id)
            .wrap(TracingLogger::default())
    })
    .workers(settings.workers)
    .worker_max_blocking_threads(settings.blocking_threads_per_worker)
    .listen(listener)?
    .run();
    Ok(server)
}

/// Prepares the database and binds the configured address: everything `pakn serve` does.
pub fn build(config: &Config, clock: Arc<dyn Clock>) -> Result<(Server, std::net::SocketAddr), StartError> {
    let pool = prepare_database(config)?;
    let bind_error = |source| StartError::Bind { address: config.bind.to_string(), source };
    let listener = TcpListener::bind(config.bind).map_err(bind_error)?;
    let address = listener.local_addr().map_err(bind_error)?;
    let server = serve(listener, pool, clock, ServeSettings::from_config(config)).map_err(bind_error)?;
    Ok((server, address))
}
