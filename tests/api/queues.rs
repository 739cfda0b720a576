//! An agency's queue (filters, deadline order, stable pages, a total, search over common and rare
//! words), its dashboard, and moving the open petitions of a dissolved agency or unit to its successor.

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp, spawn_app_at};
use crate::petitions::{NOW, file_as};
use crate::workflow::{complaint_against, done, people, read};

async fn queue(app: &TestApp, user: &SignedInUser, query: &str) -> Value {
    let response = app.get_as(&user.access_token, &format!("/api/v1/petitions?{query}")).await;
    assert_eq!(response.status, 200, "{query}: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn an_agency_queue_filters_sorts_by_deadline_and_pages_stably() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    let mut elsewhere = complaint_against(&p.ward);
    elsewhere["location"] = json!({ "admin_unit_code": "19900" });
    let in_thuan_an = file_as(&app, &p.citizen, &elsewhere).await;
    let assigned = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    done(&app, &p.ward_officer, &assigned, "accept", json!({ "complexity": "normal" })).await;
    done(&app, &p.ward_head, &assigned, "assign", json!({ "assignee_id": p.ward_officer.id })).await;

    let all = queue(&app, &p.ward_officer, "").await;
    assert_eq!(all["total"], 3);
    let by_deadline = queue(&app, &p.ward_officer, "sort=deadline").await;
    let dues: Vec<&str> =
        by_deadline["items"].as_array().unwrap().iter().map(|i| i["next_due"].as_str().unwrap()).collect();
    assert_eq!(dues, ["2026-12-07", "2026-12-07", "2026-12-28"]);
    assert_eq!(by_deadline["items"][2]["id"], assigned["id"]);

    let mut paged = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = queue(&app, &p.ward_officer, &format!("sort=deadline&limit=1{cursor}")).await;
        assert_eq!(page["total"], 3);
        paged.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(paged, ids(&by_deadline), "pages follow the same order, each petition once");

    assert_eq!(ids(&queue(&app, &p.ward_officer, "assignee=me").await), [assigned["id"].as_str().unwrap()]);
    assert_eq!(ids(&queue(&app, &p.ward_officer, "admin_unit=19900").await), [in_thuan_an["id"].as_str().unwrap()]);
    assert_eq!(queue(&app, &p.ward_officer, "admin_unit=46").await["total"], 3, "the city contains both wards");
    assert_eq!(queue(&app, &p.ward_officer, "due_before=2026-12-08").await["total"], 2);
    assert_eq!(queue(&app, &p.ward_officer, "due_before=2026-12-07").await["total"], 0);
    assert_eq!(queue(&app, &p.ward_officer, "overdue=true").await["total"], 0);
    assert_eq!(queue(&app, &p.ward_officer, "category=compensation_resettlement&kind=complaint").await["total"], 3);
    assert_eq!(queue(&app, &p.ward_officer, "status=received").await["total"], 2);
    assert_eq!(queue(&app, &p.triage_officer, "").await["total"], 0, "another agency's queue is its own");
    assert_eq!(ids(&queue(&app, &p.citizen, "sort=deadline&limit=1").await).len(), 1);

    let bad = app
        .get_as(
            &p.ward_officer.access_token,
            "/api/v1/petitions?sort=soonest&overdue=maybe&due_before=tomorrow&assignee=x",
        )
        .await;
    let problem = bad.assert_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["assignee", "overdue", "due_before", "sort"]);
    let filed_cursor = queue(&app, &p.ward_officer, "limit=1").await["next_cursor"].as_str().unwrap().to_string();
    app.get_as(&p.ward_officer.access_token, &format!("/api/v1/petitions?sort=deadline&cursor={filed_cursor}"))
        .await
        .assert_problem(422, "validation_failed");

    let dashboard_path = format!("/api/v1/agencies/{}/dashboard", p.ward);
    let dashboard = app.get_as(&p.ward_head.access_token, &dashboard_path).await.json();
    assert_eq!(dashboard["by_status"], json!({ "received": 2, "in_progress": 1 }));
    assert_eq!((dashboard["total"].as_i64(), dashboard["overdue"].as_i64()), (Some(3), Some(0)));
    assert_eq!(dashboard["week_ends"], "2026-11-29");
    assert_eq!(dashboard["average_days_to_resolve"], Value::Null);
    done(
        &app,
        &p.ward_head,
        &assigned,
        "resolve",
        json!({ "outcome": "rejected", "answer": "Khiếu nại không có cơ sở." }),
    )
    .await;
    let after = app.get_as(&p.ward_head.access_token, &dashboard_path).await.json();
    assert_eq!((after["resolved"].as_i64(), after["average_days_to_resolve"].as_f64()), (Some(1), Some(0.0)));
}

#[actix_web::test]
async fn an_administrator_moves_a_dissolved_agencys_open_petitions_to_its_successor() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let successor = app.agency_id("ubnd-xa-phu-vang").await;
    let open = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    let decided = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    done(&app, &p.ward_officer, &decided, "accept", json!({ "complexity": "normal" })).await;
    done(
        &app,
        &p.ward_head,
        &decided,
        "resolve",
        json!({ "outcome": "rejected", "answer": "Khiếu nại không có cơ sở." }),
    )
    .await;

    let path = "/api/v1/admin/reassign";
    let token = &p.admin.access_token;
    for bad in [
        json!({ "from_agency": p.ward, "to_agency": p.ward }),
        json!({ "from_agency": p.ward, "to_agency": "00000000-0000-4000-8000-000000000000" }),
        json!({ "from_agency": "not-an-id", "to_agency": successor }),
    ] {
        app.send_json_as(token, "POST", path, &bad).await.assert_problem(422, "validation_failed");
    }
    assert_eq!(read(&app, &p.admin, &open).await["version"], 1, "nothing moved");

    let moved = app.send_json_as(token, "POST", path, &json!({ "from_agency": p.ward, "to_agency": successor })).await;
    assert_eq!(moved.status, 200);
    assert_eq!(moved.json()["moved"], 1);
    let now = read(&app, &p.admin, &open).await;
    assert_eq!(now["assigned_agency"]["id"], successor.as_str());
    assert_eq!(now["deadlines"]["acceptance"]["due"], "2026-12-07", "the deadline runs on");
    assert!(now["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "petition.reassigned"));
    assert!(now["routing_basis"].as_str().unwrap().starts_with("moved to "), "{}", now["routing_basis"]);
    assert_eq!(read(&app, &p.admin, &decided).await["assigned_agency"]["id"], p.ward.as_str(), "decided ones stay");
}

#[actix_web::test]
async fn an_administrator_moves_a_merged_units_open_petitions_to_the_unit_that_succeeded_it() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let phu_xuan_monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19753" })).await;
    let mut in_thuan_an = complaint_against(&p.ward);
    in_thuan_an["location"] = json!({ "admin_unit_code": "19900" });
    let open = file_as(&app, &p.citizen, &in_thuan_an).await;
    assert_eq!(queue(&app, &phu_xuan_monitor, "").await["total"], 0);

    let path = "/api/v1/admin/reassign-unit";
    let token = &p.admin.access_token;
    for bad in
        [json!({ "from_unit": "19900", "to_unit": "19900" }), json!({ "from_unit": "19900", "to_unit": "00000" })]
    {
        app.send_json_as(token, "POST", path, &bad).await.assert_problem(422, "validation_failed");
    }
    let moved = app.send_json_as(token, "POST", path, &json!({ "from_unit": "19900", "to_unit": "19753" })).await;
    assert_eq!((moved.status, moved.json()["moved"].as_i64()), (200, Some(1)));
    let now = read(&app, &p.admin, &open).await;
    assert_eq!(
        (now["admin_unit"]["code"].as_str(), now["assigned_agency"]["id"].as_str()),
        (Some("19753"), Some(p.ward.as_str()))
    );
    assert!(now["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "petition.unit_reassigned"));
    assert_eq!(queue(&app, &phu_xuan_monitor, "").await["total"], 1, "the successor's monitor now sees it");
}

/// `count` petitions straight into the database (a queue long enough to matter), all titled
/// "Phản ánh công viên số N" and waiting in `agency`'s queue.
fn seed_queue(app: &TestApp, agency: &str, count: usize) {
    use pakn::db::petitions::{self, NewPetitionRow};
    let now = chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M:%S").expect("an instant");
    app.with_connection(|c| {
        pakn::db::transaction(c, |c| -> diesel::QueryResult<()> {
            for n in 0..count {
                let id = uuid::Uuid::new_v4().to_string();
                let mut random = [0u8; pakn::domain::tracking_code::DATA_SYMBOLS];
                random.copy_from_slice(&uuid::Uuid::new_v4().as_bytes()[..pakn::domain::tracking_code::DATA_SYMBOLS]);
                let code = pakn::domain::tracking_code::TrackingCode::from_random(random).to_string();
                let title = format!("Phản ánh công viên số {n}");
                petitions::insert_row(
                    c,
                    &NewPetitionRow {
                        id: &id,
                        tracking_code: &code,
                        kind: "feedback",
                        category_code: "infrastructure_urban_order",
                        title: &title,
                        description: "Cây xanh trong công viên bị chặt phá, ghế đá hư hỏng nhiều tháng.",
                        search_text: &pakn::domain::search::fold(&title),
                        admin_unit_code: "19753",
                        admin_unit_path: "46/19753/",
                        address: None,
                        latitude: None,
                        longitude: None,
                        related_project: None,
                        decision_reference: None,
                        decision_date: None,
                        confidential: false,
                        language: "vi",
                        channel: "web",
                        status: "received",
                        petitioner_id: None,
                        filed_by_id: None,
                        assigned_agency_id: Some(agency),
                        received_at: now,
                        acceptance_due: Some(now.date()),
                        created_at: now,
                        updated_at: now,
                        version: 1,
                        respondent_agency_id: None,
                        denounced_agency_id: None,
                        round: "first",
                        appeal_of_id: None,
                        next_due: Some(now.date()),
                        next_sweep_on: None,
                        denounced_position: None,
                        routing_basis: None,
                        reached_agency_at: None,
                    },
                )?;
            }
            Ok(())
        })
    })
    .expect("seeded petitions");
}

#[actix_web::test]
async fn a_word_in_a_thousand_petitions_and_a_word_in_one_are_both_found() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    // More than the trigram table is asked about on SQLite: the scope's own rows answer.
    seed_queue(&app, &p.triage, 1001);
    file_as(&app, &p.citizen, &crate::petitions::feedback("Đèn đường hỏng ở ngõ 7")).await;
    assert_eq!(queue(&app, &p.triage_officer, "q=cong%20vien").await["total"], 1001);
    assert_eq!(queue(&app, &p.triage_officer, "q=cong%20vien%20so%20100").await["total"], 2, "100 and 1000");
    assert_eq!(queue(&app, &p.triage_officer, "q=ngo%207").await["total"], 1);
    assert_eq!(queue(&app, &p.admin, "q=cong%20vien&limit=5").await["total"], 1001);
    assert_eq!(queue(&app, &p.ward_officer, "q=cong%20vien").await["total"], 0, "another agency's rows");
}

#[actix_web::test]
async fn a_dashboard_of_no_agency_is_not_found() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    for id in ["00000000-0000-4000-8000-000000000000", "not-an-id", "%27%20OR%201=1"] {
        let path = format!("/api/v1/agencies/{id}/dashboard");
        app.get_as(&admin.access_token, &path).await.assert_problem(404, "not_found");
    }
}
