//! The embedded migrations of both backends, applied at start-up and by `pakn migrate`.

use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Any key works as long as every pakn process uses the same one.
const MIGRATION_LOCK_KEY: i64 = 0x70616b6e; // "pakn"

pub type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// Applies what is pending and returns the names applied. On PostgreSQL an advisory lock keeps two
/// processes starting together from applying the same migration twice.
pub fn run_pending(connection: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    let applied = match connection {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE)?.iter().map(ToString::to_string).collect(),
        DbConnection::Postgres(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let result =
                c.run_pending_migrations(POSTGRES).map(|versions| versions.iter().map(ToString::to_string).collect());
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            result?
        }
    };
    Ok(applied)
}
