//! The one connection type that speaks to SQLite or PostgreSQL, and the URL that chooses between them.

use std::path::PathBuf;

use diesel::{PgConnection, SqliteConnection};

/// A connection to whichever backend the configured URL names.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// A parsed `PAKN_DATABASE_URL`: the scheme chooses the backend.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `sqlite://PATH` — a file, created with its folder on first start.
    Sqlite(PathBuf),
    /// `postgres://…` or `postgresql://…`, passed to libpq as written.
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, String> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("names no file (expected sqlite://PATH, e.g. sqlite://./data/pakn.db)".into());
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        Err("must start with sqlite:// or postgres://".into())
    }
}

/// Shown in logs and errors: the password, if any, is replaced.
impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `scheme://user:secret@host` → `scheme://user:***@host`; anything else is returned unchanged.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _secret)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_chooses_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://./data/pakn.db"),
            Ok(DatabaseUrl::Sqlite(PathBuf::from("./data/pakn.db")))
        );
        assert!(matches!(DatabaseUrl::parse("postgresql://db/pakn"), Ok(DatabaseUrl::Postgres(_))));
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        assert!(DatabaseUrl::parse("/var/lib/pakn.db").is_err());
    }

    #[test]
    fn passwords_never_reach_a_log_line() {
        let url = DatabaseUrl::parse("postgres://pakn:s3cret@db:5432/pakn").unwrap();
        assert_eq!(url.to_string(), "postgres://pakn:***@db:5432/pakn");
        assert_eq!(format!("{url:?}"), "postgres://pakn:***@db:5432/pakn");
        assert_eq!(redact_password("postgres://pakn@db/pakn"), "postgres://pakn@db/pakn");
    }
}
