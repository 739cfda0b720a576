//! SQLite locked by another process for longer than pakn's busy timeout (10 s): a filing is
//! answered 503 with `Retry-After` in the problem shape, within a bound, and works once the lock
//! is gone; the database stays sound.

use std::sync::mpsc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, SqliteConnection};

use super::process::{Answer, client, send};
use crate::helpers::{TestApp, spawn_app_at};
use crate::petitions::{NOW, feedback};

#[derive(diesel::QueryableByName)]
struct Check {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

/// `PRAGMA integrity_check` on the SQLite file, from a connection of its own.
pub fn integrity_of(path: &std::path::Path) -> String {
    let mut connection = SqliteConnection::establish(&path.to_string_lossy()).expect("the SQLite file opens");
    let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check").load(&mut connection).expect("a check");
    rows.into_iter().map(|row| row.integrity_check).collect::<Vec<_>>().join("; ")
}

fn sqlite_file(app: &TestApp) -> Option<std::path::PathBuf> {
    match &app.config.database_url {
        pakn::db::DatabaseUrl::Sqlite(path) => Some(path.clone()),
        pakn::db::DatabaseUrl::Postgres(_) => None,
    }
}

/// Files through a client that waits up to 30 s (the app's own client gives up after 5 s, and
/// pakn's busy timeout is 10 s).
async fn file(app: &TestApp, token: &str, title: &str) -> Answer {
    let bearer = format!("Bearer {token}");
    let body = feedback(title).to_string().into_bytes();
    let headers = [("authorization", bearer.as_str()), ("content-type", "application/json")];
    let url = format!("{}/api/v1/petitions", app.address);
    send(&client(), "POST", &url, &headers, Some(body)).await.expect("an answer within 30 s, not a hang")
}

#[actix_web::test]
async fn a_filing_while_another_process_holds_sqlite_past_the_busy_timeout_is_a_503_and_nothing_breaks() {
    let app = spawn_app_at(NOW).await;
    let Some(path) = sqlite_file(&app) else {
        eprintln!("skipped: PostgreSQL has no database-wide write lock to hold");
        return;
    };
    let citizen = app.citizen("khoa@example.vn").await;

    // Another process's connection takes the write lock and keeps it until told to let go.
    let (locked, is_locked) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let holder_path = path.clone();
    let holder = std::thread::spawn(move || {
        let mut other = SqliteConnection::establish(&holder_path.to_string_lossy()).expect("a second connection");
        other.batch_execute("BEGIN EXCLUSIVE").expect("the write lock");
        locked.send(()).expect("the test waits");
        let _ = released.recv_timeout(Duration::from_secs(60));
        other.batch_execute("ROLLBACK").expect("the lock let go");
    });
    is_locked.recv_timeout(Duration::from_secs(10)).expect("the lock taken");

    let refused = file(&app, &citizen.access_token, "Nước sinh hoạt bị cắt không báo trước").await;
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(refused.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("application/problem+json"));
    assert_eq!(refused.json()["code"], "service_unavailable");
    assert!(refused.headers.get("retry-after").is_some(), "{:?}", refused.headers);

    release.send(()).expect("the holder waits");
    holder.join().expect("the holder ends");
    let filed = file(&app, &citizen.access_token, "Nước sinh hoạt bị cắt không báo trước").await;
    assert_eq!(filed.status, 201, "{}", filed.text());
    let mine = app.get_as(&citizen.access_token, "/api/v1/me/petitions").await.json();
    assert_eq!(mine["total"], 1, "the refused filing left nothing behind");
    assert_eq!(integrity_of(&path), "ok");
}
