//! Opening connections (with the SQLite settings pakn depends on, and the libpq limits that keep a
//! hung or unreachable PostgreSQL from holding a thread forever) and the r2d2 pool over them.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};

use super::{DatabaseUrl, DbConnection};
use crate::security::private_files;

pub type DbPool = r2d2::Pool<Manager>;
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// Why a connection could not be opened, worded for the operator who must fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot create the database folder {folder}: {source}")]
    Folder { folder: String, source: std::io::Error },
    #[error("cannot open the database {url}: {}", one_line(source))]
    Open { url: String, source: diesel::ConnectionError },
    #[error("cannot prepare the database {url}: {}", one_line(source))]
    Setup { url: String, source: diesel::result::Error },
    #[error("{0}")]
    Pool(#[from] r2d2::Error),
}

/// libpq's messages span lines ("…failed: Connection refused\n\tIs the server running…"); an
/// operator's error is one line.
fn one_line(error: &dyn std::fmt::Display) -> String {
    error.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
}

// WAL lets readers work while one writer commits; FULL sync keeps an acknowledged petition through a
// power cut; the busy timeout makes concurrent writers wait instead of failing with "database is locked".
// `batch_execute` because `execute` would run only the first statement.
// The busy timeout comes first: switching the journal mode needs a lock another connection may hold.
const SQLITE_SETTINGS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// The pool's size and how long its connections may wait.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub size: u32,
    /// How long a caller waits for a free connection, and libpq for a new one to open
    /// (`connect_timeout`, which covers the whole start-up and authentication exchange).
    pub connect_timeout: Duration,
    /// PostgreSQL's `statement_timeout` for the sessions pakn opens: the server cancels a
    /// statement running longer (stuck on a lock, a plan gone wrong), which frees the server and
    /// the thread waiting on it. `None` leaves the server's own setting (one-off commands).
    pub statement_timeout: Option<Duration>,
}

/// What libpq is told unless the URL (or libpq's own environment variable, where it has one)
/// already says. Keepalives find a peer that vanished while pakn waits for an answer (no RST, no
/// FIN: a partition, a host gone) in about 15 + 3 × 5 s; `tcp_user_timeout` drops a connection
/// whose sent query stays unacknowledged 30 s. Neither fires on a healthy but slow server (its
/// kernel acknowledges both), which `statement_timeout` bounds instead. The server ends a
/// transaction left idle a minute (pakn's never pause between statements that long), so a pakn cut
/// off mid-transaction does not hold row locks other processes wait on.
fn libpq_defaults(settings: &PoolSettings) -> Vec<(&'static str, Option<&'static str>, String)> {
    // libpq reads connect_timeout in whole seconds and treats anything under 2 as 2.
    let connect = settings.connect_timeout.as_millis().div_ceil(1000).max(2);
    let mut defaults = vec![
        ("connect_timeout", Some("PGCONNECT_TIMEOUT"), connect.to_string()),
        ("keepalives", None, "1".into()),
        ("keepalives_idle", None, "15".into()),
        ("keepalives_interval", None, "5".into()),
        ("keepalives_count", None, "3".into()),
        ("tcp_user_timeout", None, "30000".into()),
    ];
    if let Some(statement) = settings.statement_timeout {
        // Percent-encoded: libpq decodes URI parameters. `?options=` (even empty) opts out.
        defaults.push((
            "options",
            Some("PGOPTIONS"),
            format!(
                "-c%20statement_timeout%3D{}%20-c%20idle_in_transaction_session_timeout%3D60000",
                statement.as_millis()
            ),
        ));
    }
    defaults
}

/// `url` with each of [`libpq_defaults`] the operator did not set appended as a URI parameter.
fn with_libpq_defaults(url: &str, settings: &PoolSettings, in_environment: impl Fn(&str) -> bool) -> String {
    let given: Vec<&str> = url
        .split_once('?')
        .map(|(_, query)| query.split('&').map(|pair| pair.split_once('=').map_or(pair, |(key, _)| key)).collect())
        .unwrap_or_default();
    let mut url = url.to_string();
    for (key, variable, value) in libpq_defaults(settings) {
        if given.contains(&key) || variable.is_some_and(&in_environment) {
            continue;
        }
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&format!("{key}={value}"));
    }
    url
}

/// Opens one connection, choosing the backend from the URL ourselves: the derive's own `establish`
/// hides the real cause behind "Invalid connection url for multiconnection".
pub fn establish(url: &DatabaseUrl, settings: &PoolSettings) -> Result<DbConnection, ConnectError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                private_files::create_folder(folder)
                    .map_err(|source| ConnectError::Folder { folder: folder.display().to_string(), source })?;
            }
            let path_text = path.to_string_lossy();
            let mut connection = SqliteConnection::establish(&path_text)
                .map_err(|source| ConnectError::Open { url: url.to_string(), source })?;
            connection
                .batch_execute(SQLITE_SETTINGS)
                .map_err(|source| ConnectError::Setup { url: url.to_string(), source })?;
            // SQLite creates the database and its journal files with the process's umask: they
            // hold every petition, so only pakn's own user may read them.
            for suffix in ["", "-wal", "-shm"] {
                let file = std::path::PathBuf::from(format!("{path_text}{suffix}"));
                private_files::make_file_private(&file)
                    .map_err(|source| ConnectError::Folder { folder: file.display().to_string(), source })?;
            }
            Ok(DbConnection::Sqlite(connection))
        }
        DatabaseUrl::Postgres(text) => {
            PgConnection::establish(&with_libpq_defaults(text, settings, |name| std::env::var_os(name).is_some()))
                .map(DbConnection::Postgres)
                .map_err(|source| ConnectError::Open { url: url.to_string(), source })
        }
    }
}

/// The r2d2 manager: opens connections with [`establish`] and checks them with a trivial query.
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
    settings: PoolSettings,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConnection, ConnectError> {
        establish(&self.url, &self.settings)
    }

    fn is_valid(&self, connection: &mut DbConnection) -> Result<(), ConnectError> {
        connection.batch_execute("SELECT 1").map_err(|source| ConnectError::Setup { url: self.url.to_string(), source })
    }

    /// A connection comes back to the pool only when the work holding it returns, that is once
    /// libpq has its answer or its error: never mid-query, however long past its caller's deadline
    /// (`Context::run`). One whose transaction could not be closed (a failed rollback leaves
    /// diesel's transaction manager broken) is dropped rather than handed to the next caller; one
    /// whose socket died is caught by `is_valid` at the next checkout.
    fn has_broken(&self, connection: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        connection.is_broken()
    }
}

/// Builds the pool after opening one connection directly, so that a wrong URL or an unreachable
/// server is reported with its real cause at once rather than as a pool time-out. The pool then
/// fills itself in the background.
pub fn connect_pool(url: &DatabaseUrl, settings: &PoolSettings) -> Result<DbPool, ConnectError> {
    drop(establish(url, settings)?);
    Ok(builder(url, settings).build_unchecked(Manager { url: url.clone(), settings: *settings }))
}

/// A pool that opens connections only when asked for one; nothing is checked up front.
pub fn unchecked_pool(url: &DatabaseUrl, settings: &PoolSettings) -> DbPool {
    builder(url, settings).min_idle(Some(0)).build_unchecked(Manager { url: url.clone(), settings: *settings })
}

fn builder(url: &DatabaseUrl, settings: &PoolSettings) -> r2d2::Builder<Manager> {
    // A PostgreSQL connection is checked before each use: one the server or the network dropped
    // is replaced rather than handed to a request. A SQLite connection is a file handle in this
    // process that nothing outside can break; checking it cost every request a statement.
    let check_before_use = matches!(url, DatabaseUrl::Postgres(_));
    r2d2::Pool::builder()
        .max_size(settings.size)
        .connection_timeout(settings.connect_timeout)
        .test_on_check_out(check_before_use)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(statement_timeout: Option<Duration>) -> PoolSettings {
        PoolSettings { size: 4, connect_timeout: Duration::from_millis(500), statement_timeout }
    }

    #[test]
    fn a_url_that_says_nothing_gets_every_limit() {
        let url = with_libpq_defaults("postgres://pakn@db/pakn", &settings(Some(Duration::from_secs(15))), |_| false);
        assert_eq!(
            url,
            "postgres://pakn@db/pakn?connect_timeout=2&keepalives=1&keepalives_idle=15&keepalives_interval=5\
             &keepalives_count=3&tcp_user_timeout=30000&options=-c%20statement_timeout%3D15000\
             %20-c%20idle_in_transaction_session_timeout%3D60000"
        );
    }

    #[test]
    fn what_the_operator_set_in_the_url_or_environment_is_left_alone() {
        let url = with_libpq_defaults(
            "postgresql://pakn:secret@db:5432/pakn?sslmode=require&connect_timeout=10&options=",
            &settings(Some(Duration::from_secs(15))),
            |variable| variable == "PGCONNECT_TIMEOUT",
        );
        assert!(url.starts_with("postgresql://pakn:secret@db:5432/pakn?sslmode=require&connect_timeout=10&options=&"));
        assert_eq!(url.matches("connect_timeout=").count(), 1);
        assert_eq!(url.matches("options=").count(), 1, "{url}");
        assert!(url.contains("&tcp_user_timeout=30000"));
    }

    #[test]
    fn one_off_commands_keep_the_servers_statement_timeout() {
        let url = with_libpq_defaults("postgres://db/pakn", &settings(None), |_| false);
        assert!(!url.contains("options="), "{url}");
        assert!(url.contains("connect_timeout=2"));
    }
}
