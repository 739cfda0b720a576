//! Opening connections (with the SQLite settings pakn depends on) and the r2d2 pool over them.

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

/// Opens one connection, choosing the backend from the URL ourselves: the derive's own `establish`
/// hides the real cause behind "Invalid connection url for multiconnection".
pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, ConnectError> {
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
        DatabaseUrl::Postgres(text) => PgConnection::establish(text)
            .map(DbConnection::Postgres)
            .map_err(|source| ConnectError::Open { url: url.to_string(), source }),
    }
}

/// The r2d2 manager: opens connections with [`establish`] and checks them with a trivial query.
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConnection, ConnectError> {
        establish(&self.url)
    }

    fn is_valid(&self, connection: &mut DbConnection) -> Result<(), ConnectError> {
        connection.batch_execute("SELECT 1").map_err(|source| ConnectError::Setup { url: self.url.to_string(), source })
    }

    fn has_broken(&self, _connection: &mut DbConnection) -> bool {
        false
    }
}

/// Builds the pool after opening one connection directly, so that a wrong URL or an unreachable
/// server is reported with its real cause at once rather than as a pool time-out. The pool then
/// fills itself in the background.
pub fn connect_pool(url: &DatabaseUrl, size: u32, timeout: Duration) -> Result<DbPool, ConnectError> {
    drop(establish(url)?);
    Ok(builder(url, size, timeout).build_unchecked(Manager { url: url.clone() }))
}

/// A pool that opens connections only when asked for one; nothing is checked up front.
pub fn unchecked_pool(url: &DatabaseUrl, size: u32, timeout: Duration) -> DbPool {
    builder(url, size, timeout).min_idle(Some(0)).build_unchecked(Manager { url: url.clone() })
}

fn builder(url: &DatabaseUrl, size: u32, timeout: Duration) -> r2d2::Builder<Manager> {
    // A PostgreSQL connection is checked before each use: one the server or the network dropped
    // is replaced rather than handed to a request. A SQLite connection is a file handle in this
    // process that nothing outside can break; checking it cost every request a statement.
    let check_before_use = matches!(url, DatabaseUrl::Postgres(_));
    r2d2::Pool::builder().max_size(size).connection_timeout(timeout).test_on_check_out(check_before_use)
}
