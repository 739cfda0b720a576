//! The audit chain: every event sealed in order, the chain verified end to end, a row changed
//! with SQL found at exactly its entry, anchors published and mailed, and a petition's history
//! proved against an anchor with nothing but SHA-256.

use pakn::db::{DatabaseUrl, DbConnection};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{SignedInUser, TestApp, spawn_app_at};
use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::{People, done, people};
use pakn::service::shutdown::Shutdown;

/// A complaint filed and accepted: a few events on the chain.
async fn accepted_complaint(app: &TestApp, p: &People) -> Value {
    let filed = file_as(app, &p.citizen, &complaint()).await;
    done(app, &p.triage_officer, &filed, "accept", json!({ "complexity": "normal" })).await
}

async fn verify(app: &TestApp, user: &SignedInUser) -> Value {
    let response = app.get_as(&user.access_token, "/api/v1/oversight/audit/verify").await;
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

async fn publish_anchor(app: &TestApp, user: &SignedInUser) -> Value {
    let response = app.send_json_as(&user.access_token, "POST", "/api/v1/oversight/audit/anchors", &json!({})).await;
    assert_eq!(response.status, 201, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

/// Runs SQL as the owner of the database would, triggers off: what a tamperer with full access
/// could do.
fn tamper(app: &TestApp, table: &str, sql: &str) {
    app.with_connection(|c| {
        use diesel::connection::SimpleConnection;
        match c {
            DbConnection::Postgres(pg) => pg.batch_execute(&format!(
                "ALTER TABLE {table} DISABLE TRIGGER USER; {sql}; ALTER TABLE {table} ENABLE TRIGGER USER;"
            )),
            DbConnection::Sqlite(sqlite) => {
                sqlite.batch_execute(&format!("DROP TRIGGER {table}_no_update; DROP TRIGGER {table}_no_delete; {sql};"))
            }
        }
    })
    .unwrap();
}

fn position_of(trail: &Value, kind: &str) -> i64 {
    let entry = trail["entries"].as_array().unwrap().iter().find(|e| e["kind"] == kind).unwrap();
    entry["position"].as_i64().unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn bytes_of(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

#[actix_web::test]
async fn every_event_is_sealed_in_order_and_the_chain_verifies_intact() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    accepted_complaint(&app, &p).await;
    let anchor = publish_anchor(&app, &p.admin).await;

    let report = verify(&app, &p.admin).await;
    assert_eq!(report["intact"], true, "{report}");
    assert_eq!(report["first_broken"], Value::Null);
    assert_eq!(report["verified"]["position"], anchor["position"]);
    assert_eq!(report["verified"]["hash"], anchor["hash"]);
    assert_eq!(report["events_logged"], anchor["position"], "every event is on the chain");
    assert_eq!((report["anchors_checked"].as_i64(), report["awaiting_seal"].as_i64()), (Some(1), Some(0)));

    // Nothing sealed since: the head is anchored already.
    let again = app.send_json_as(&p.admin.access_token, "POST", "/api/v1/oversight/audit/anchors", &json!({})).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["position"], anchor["position"]);
}

#[actix_web::test]
async fn the_log_refuses_to_be_updated_or_deleted_through_the_database() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    accepted_complaint(&app, &p).await;
    publish_anchor(&app, &p.admin).await;
    for sql in [
        "UPDATE events SET note = 'rewritten'",
        "DELETE FROM events",
        "UPDATE audit_chain SET hash = digest",
        "DELETE FROM audit_chain",
        "UPDATE audit_anchors SET hash = 'x'",
        "DELETE FROM audit_anchors",
    ] {
        let refused = app.with_connection(|c| {
            use diesel::connection::SimpleConnection;
            c.batch_execute(sql)
        });
        let error = refused.expect_err(sql).to_string();
        assert!(error.contains("append-only"), "{sql}: {error}");
    }
    assert_eq!(verify(&app, &p.admin).await["intact"], true);
}

#[actix_web::test]
async fn an_event_changed_with_sql_breaks_the_chain_at_exactly_its_entry() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let accepted = accepted_complaint(&app, &p).await;
    accepted_complaint(&app, &p).await;
    publish_anchor(&app, &p.admin).await;
    let id = accepted["id"].as_str().unwrap();
    let trail = app.get_as(&p.admin.access_token, &format!("/api/v1/oversight/audit/petitions/{id}")).await.json();
    let position = position_of(&trail, "petition.accepted");

    tamper(
        &app,
        "events",
        &format!("UPDATE events SET note = 'Không thụ lý' WHERE kind = 'petition.accepted' AND subject_id = '{id}'"),
    );

    let report = verify(&app, &p.admin).await;
    assert_eq!(report["intact"], false);
    let broken = &report["first_broken"];
    assert_eq!(broken["problem"], "event_changed", "{report}");
    assert_eq!(broken["position"], position);
    assert_eq!(report["verified"]["position"], position - 1, "everything before it is intact");

    let cli = pakn_audit_verify(&app);
    assert!(!cli.status.success());
    let stderr = String::from_utf8_lossy(&cli.stderr);
    assert!(stderr.contains(&format!("EventChanged at entry {position}")), "{stderr}");
}

fn pakn_audit_verify(app: &TestApp) -> std::process::Output {
    pakn_audit_verify_with(app, &[])
}

fn pakn_audit_verify_with(app: &TestApp, options: &[&str]) -> std::process::Output {
    let database_url = match &app.config.database_url {
        DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        DatabaseUrl::Postgres(url) => url.clone(),
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_pakn"))
        .args(["audit", "verify"])
        .args(options)
        .env("PAKN_DATABASE_URL", database_url)
        .env("PAKN_DATA_DIR", &app.config.data_dir)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the pakn binary runs")
}

#[actix_web::test]
async fn a_rewritten_chain_entry_an_altered_anchor_and_an_event_written_around_pakn_are_each_found() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    accepted_complaint(&app, &p).await;
    let anchor = publish_anchor(&app, &p.admin).await;
    let last = anchor["position"].as_i64().unwrap();

    tamper(
        &app,
        "audit_anchors",
        &format!("UPDATE audit_anchors SET hash = '{}' WHERE position = {last}", "0".repeat(64)),
    );
    let report = verify(&app, &p.admin).await;
    assert_eq!(
        (report["first_broken"]["problem"].as_str(), report["first_broken"]["position"].as_i64()),
        (Some("anchor_mismatch"), Some(last))
    );

    tamper(&app, "audit_chain", "UPDATE audit_chain SET hash = digest WHERE position = 2");
    let report = verify(&app, &p.admin).await;
    assert_eq!(
        (report["first_broken"]["problem"].as_str(), report["first_broken"]["position"].as_i64()),
        (Some("hash_mismatch"), Some(2))
    );

    let fresh = spawn_app_at(NOW).await;
    let q = people(&fresh).await;
    publish_anchor(&fresh, &q.admin).await;
    fresh.with_connection(|c| {
        use diesel::connection::SimpleConnection;
        c.batch_execute(
            "INSERT INTO events (id, occurred_at, actor_id, kind, subject_type, subject_id, data, visibility, note, seq) \
             VALUES ('forged', '2026-11-26 03:00:00', NULL, 'category.created', 'category', 'forged', '{}', 'internal', NULL, 1)",
        )
    })
    .unwrap();
    let report = verify(&fresh, &q.admin).await;
    assert_eq!(
        (report["first_broken"]["problem"].as_str(), report["first_broken"]["event_id"].as_str()),
        (Some("event_outside_chain"), Some("forged"))
    );
}

#[actix_web::test]
async fn a_monitor_in_scope_proves_a_petitions_history_against_the_anchor_with_sha256_alone() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let accepted = accepted_complaint(&app, &p).await;
    let id = accepted["id"].as_str().unwrap();
    let path = format!("/api/v1/oversight/audit/petitions/{id}");
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    publish_anchor(&app, &monitor).await;
    // Events after the anchor are not covered yet.
    done(&app, &p.triage_head, &accepted, "assign", json!({ "assignee_id": p.triage_officer.id })).await;
    app.with_connection(|c| {
        pakn::service::oversight::audit::seal::seal_queued(c, app.context.now(), &Shutdown::default())
    })
    .unwrap();

    let trail = app.get_as(&monitor.access_token, &path).await.json();
    let entries = trail["entries"].as_array().unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["petition.filed", "petition.accepted", "petition.assigned"], "{trail}");
    assert_eq!(trail["unanchored_from"], entries[2]["position"]);
    let segments = trail["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 1);

    // What the monitor does outside pakn: recompute the anchor's hash from the petition's events.
    let segment = &segments[0];
    let from = segment["from_position"].as_i64().unwrap();
    let mut hash = bytes_of(segment["previous_hash"].as_str().unwrap());
    for (offset, digest) in segment["digests"].as_array().unwrap().iter().enumerate() {
        let digest = digest.as_str().unwrap();
        if let Some(own) = entries.iter().find(|e| e["position"].as_i64() == Some(from + offset as i64)) {
            assert_eq!(sha256_hex(own["text"].as_str().unwrap().as_bytes()), digest, "the event's own text");
            assert_eq!(own["digest"], digest);
        }
        hash.extend(bytes_of(digest));
        hash = bytes_of(&sha256_hex(&hash));
    }
    let recomputed: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(recomputed, segment["anchor"]["hash"].as_str().unwrap());

    let elsewhere = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    app.get_as(&elsewhere.access_token, &path).await.assert_problem(404, "not_found");
    app.get_as(&p.citizen.access_token, &path).await.assert_problem(403, "forbidden");
    app.get_as(&p.triage_head.access_token, &path).await.assert_problem(403, "forbidden");
    app.get_as(&p.triage_head.access_token, "/api/v1/oversight/audit/verify").await.assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn anchors_are_public_and_mailed_to_the_monitors_who_subscribed() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let subscription = "/api/v1/oversight/audit/anchor-subscription";
    assert_eq!(app.get_as(&monitor.access_token, subscription).await.json()["subscribed"], false);
    let on = app.send_json_as(&monitor.access_token, "PUT", subscription, &json!({ "subscribed": true })).await;
    assert_eq!(on.json()["subscribed"], true);
    app.send_json_as(&p.citizen.access_token, "PUT", subscription, &json!({ "subscribed": true }))
        .await
        .assert_problem(403, "forbidden");

    accepted_complaint(&app, &p).await;
    let anchor = publish_anchor(&app, &p.admin).await;
    let hash = anchor["hash"].as_str().unwrap();
    let mail = app.mailbox.wait_for_text(&monitor.email, hash, 1).await;
    assert!(mail[0].subject().contains(&anchor["position"].to_string()), "{}", mail[0].subject());

    let listed = app.get("/api/v1/public/audit/anchors").await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json()["items"][0]["hash"], hash);
    assert_eq!(listed.json()["total"], 1);
    app.get("/api/v1/public/audit/anchors?cursor=zz").await.assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn the_sealer_publishes_one_anchor_a_day() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    accepted_complaint(&app, &p).await;
    let publish = || {
        app.with_connection(|c| {
            pakn::service::oversight::audit::anchors::publish_if_due(c, &app.context, &Shutdown::default())
        })
    };
    let first = publish().unwrap().expect("the day's anchor");
    accepted_complaint(&app, &p).await;
    assert_eq!(publish().unwrap(), None, "one a day, however much happened since");
    assert_eq!(app.get("/api/v1/public/audit/anchors").await.json()["total"], 1);
    assert!(first.position > 0);
}

#[actix_web::test]
async fn an_anchor_kept_outside_pakn_finds_a_history_cut_short_with_its_published_anchor() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    accepted_complaint(&app, &p).await;
    let anchor = publish_anchor(&app, &p.admin).await;
    let (last, kept_hash) = (anchor["position"].as_i64().unwrap(), anchor["hash"].as_str().unwrap().to_string());
    let with_kept = |position: i64, hash: &str| {
        format!("/api/v1/oversight/audit/verify?anchor_position={position}&anchor_hash={hash}")
    };
    let intact = app.get_as(&p.admin.access_token, &with_kept(last, &kept_hash)).await.json();
    assert_eq!(intact["intact"], true, "{intact}");
    let wrong = app.get_as(&p.admin.access_token, &with_kept(last, &"ab".repeat(32))).await.json();
    assert_eq!(
        (wrong["first_broken"]["problem"].as_str(), wrong["first_broken"]["position"].as_i64()),
        (Some("kept_anchor_mismatch"), Some(last))
    );
    let half =
        app.get_as(&p.admin.access_token, &format!("/api/v1/oversight/audit/verify?anchor_position={last}")).await;
    assert_eq!(half.assert_problem(422, "validation_failed")["errors"][0]["field"], "anchor_hash");

    // The tamperer removes the last event, its entry and the anchor that covered it: the chain
    // and the published anchors agree with each other again, and only the kept anchor knows.
    let event = app.with_connection(|c| {
        use diesel::prelude::*;
        pakn::db::schema::audit_chain::table
            .filter(pakn::db::schema::audit_chain::position.eq(last))
            .select(pakn::db::schema::audit_chain::event_id)
            .first::<String>(c)
    });
    let event = event.unwrap();
    tamper(&app, "audit_anchors", &format!("DELETE FROM audit_anchors WHERE position = {last}"));
    tamper(&app, "audit_chain", &format!("DELETE FROM audit_chain WHERE position = {last}"));
    tamper(&app, "events", &format!("DELETE FROM events WHERE id = '{event}'"));
    assert_eq!(verify(&app, &p.admin).await["intact"], true, "without the kept anchor nothing shows");
    let cut = app.get_as(&p.admin.access_token, &with_kept(last, &kept_hash)).await.json();
    assert_eq!(
        (cut["first_broken"]["problem"].as_str(), cut["first_broken"]["position"].as_i64()),
        (Some("kept_anchor_mismatch"), Some(last))
    );
    let cli = pakn_audit_verify_with(&app, &["--anchor", &format!("{last}:{kept_hash}")]);
    assert!(!cli.status.success());
    assert!(String::from_utf8_lossy(&cli.stderr).contains("KeptAnchorMismatch"), "{cli:?}");
}
