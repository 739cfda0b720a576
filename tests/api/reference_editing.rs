//! Administrators edit agencies, categories and the holiday calendar, and import units over HTTP.

use serde_json::json;

use crate::helpers::spawn_app_at;

const TODAY: &str = "2026-11-26 03:00:00";
const CSV_HEADER: &str = "code,name,level,unit_type,parent_code,valid_from,valid_to,successor_codes,source_note\n";

#[actix_web::test]
async fn an_administrator_creates_an_agency_under_the_city() {
    let app = spawn_app_at(TODAY).await;
    let admin = app.admin().await;
    let city = app.agency_id("hue-ubnd").await;
    let body = json!({
        "code": "hue-so-y-te", "name": "Sở Y tế", "name_en": "Department of Health", "kind": "department",
        "admin_unit_code": "46", "parent_id": city, "head_title": "Giám đốc Sở Y tế", "email": "SYT@hue.gov.vn"
    });
    let created = app.send_json_as(&admin.access_token, "POST", "/api/v1/agencies", &body).await;
    assert_eq!(created.status, 201);
    let agency = created.json();
    assert_eq!(
        (agency["parent"]["code"].as_str(), agency["email"].as_str()),
        (Some("hue-ubnd"), Some("syt@hue.gov.vn"))
    );
    assert_eq!(created.header("location").unwrap(), format!("/api/v1/agencies/{}", agency["id"].as_str().unwrap()));
    app.send_json_as(&admin.access_token, "POST", "/api/v1/agencies", &body).await.assert_problem(409, "conflict");
}

#[actix_web::test]
async fn an_agency_with_bad_fields_is_refused_field_by_field() {
    let app = spawn_app_at(TODAY).await;
    let admin = app.admin().await;
    let body = json!({
        "code": "Bad Code", "name": "", "kind": "ministry", "admin_unit_code": "99999",
        "parent_id": "00000000-0000-4000-8000-000000000000", "head_title": "X", "email": "not-an-email",
        "valid_from": "2026-01-01", "valid_to": "2025-01-01"
    });
    let problem = app
        .send_json_as(&admin.access_token, "POST", "/api/v1/agencies", &body)
        .await
        .assert_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for field in ["code", "name", "kind", "email", "valid_to", "admin_unit_code", "parent_id"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
}

#[actix_web::test]
async fn dissolving_an_agency_names_its_successor_and_removes_it_from_todays_list() {
    let app = spawn_app_at(TODAY).await;
    let admin = app.admin().await;
    let construction = app.agency_id("hue-so-xay-dung").await;
    let city = app.agency_id("hue-ubnd").await;
    let path = format!("/api/v1/agencies/{construction}");
    let dissolved = app
        .send_json_as(
            &admin.access_token,
            "PATCH",
            &path,
            &json!({ "valid_to": "2026-10-31", "successor_id": city, "phone": null }),
        )
        .await
        .json();
    assert_eq!(
        (dissolved["valid_to"].as_str(), dissolved["successor"]["code"].as_str()),
        (Some("2026-10-31"), Some("hue-ubnd"))
    );
    let today = app.get("/api/v1/agencies?kind=department").await.json();
    assert!(today["items"].as_array().unwrap().iter().all(|a| a["code"] != "hue-so-xay-dung"));
    // The city cannot be placed under one of its own departments.
    let cycle = app
        .send_json_as(
            &admin.access_token,
            "PATCH",
            &format!("/api/v1/agencies/{city}"),
            &json!({ "parent_id": construction }),
        )
        .await;
    assert_eq!(cycle.assert_problem(422, "validation_failed")["errors"][0]["field"], "parent_id");
}

#[actix_web::test]
async fn categories_are_added_and_retired_but_never_deleted() {
    let app = spawn_app_at(TODAY).await;
    let admin = app.admin().await;
    let body = json!({ "code": "water_supply", "name_vi": "Cấp nước", "name_en": "Water supply", "sort_order": 65 });
    assert_eq!(app.send_json_as(&admin.access_token, "POST", "/api/v1/categories", &body).await.status, 201);
    app.send_json_as(&admin.access_token, "POST", "/api/v1/categories", &body).await.assert_problem(409, "conflict");
    let listed = app.get("/api/v1/categories").await.json();
    assert_eq!(listed["items"][6]["code"], "water_supply", "placed by its sort order");

    let retired = app
        .send_json_as(&admin.access_token, "PATCH", "/api/v1/categories/water_supply", &json!({ "active": false }))
        .await
        .json();
    assert_eq!(retired["active"], false);
    assert_eq!(app.get("/api/v1/categories").await.json()["total"], 7, "retired categories are not offered");
    assert_eq!(app.get("/api/v1/categories/water_supply").await.json()["name_vi"], "Cấp nước", "but still readable");
    let bad = app
        .send_json_as(
            &admin.access_token,
            "POST",
            "/api/v1/categories",
            &json!({ "code": "Nước", "name_vi": "", "name_en": "x" }),
        )
        .await;
    assert_eq!(bad.assert_problem(422, "validation_failed")["errors"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn a_holiday_is_listed_replaced_and_removed() {
    let app = spawn_app_at(TODAY).await;
    let admin = app.admin().await;
    let day = json!({ "kind": "compensatory_day_off", "name_vi": "Nghỉ bù", "name_en": "Day off in lieu", "source": "Thông báo của Bộ Nội vụ" });
    let listed = app.send_json_as(&admin.access_token, "PUT", "/api/v1/holidays/2026-12-31", &day).await;
    assert_eq!(listed.status, 201);
    assert_eq!(listed.json()["working_day"], false);
    let replaced = app
        .send_json_as(
            &admin.access_token,
            "PUT",
            "/api/v1/holidays/2026-12-31",
            &json!({ "kind": "make_up_working_day", "name_vi": "Làm bù", "name_en": "Make-up day", "source": "x" }),
        )
        .await;
    assert_eq!((replaced.status, replaced.json()["working_day"].as_bool()), (200, Some(true)));
    let year = app.get("/api/v1/holidays?year=2026").await.json();
    assert_eq!(year["items"].as_array().unwrap().last().unwrap()["date"], "2026-12-31");

    let bearer = format!("Bearer {}", admin.access_token);
    assert_eq!(
        app.request("DELETE", "/api/v1/holidays/2026-12-31", None, &[("authorization", &bearer)]).await.status,
        204
    );
    app.request("DELETE", "/api/v1/holidays/2026-12-31", None, &[("authorization", &bearer)])
        .await
        .assert_problem(404, "not_found");
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/holidays/2026-02-30", &day)
        .await
        .assert_problem(404, "not_found");
    let bad_kind = app
        .send_json_as(
            &admin.access_token,
            "PUT",
            "/api/v1/holidays/2026-12-30",
            &json!({ "kind": "party", "name_vi": "a", "name_en": "b", "source": "c" }),
        )
        .await;
    assert_eq!(bad_kind.assert_problem(422, "validation_failed")["errors"][0]["field"], "kind");
}

#[actix_web::test]
async fn units_are_imported_over_http_and_a_bad_file_imports_nothing() {
    let app = spawn_app_at(TODAY).await;
    let admin = app.admin().await;
    let bearer = format!("Bearer {}", admin.access_token);
    let csv = format!(
        "{CSV_HEADER}48,Thành phố Đà Nẵng,province,centrally_run_city,,,,,GSO\n20194,Phường Hải Châu,commune,ward,48,2025-07-01,,,GSO\n"
    );
    let headers = [("authorization", bearer.as_str()), ("content-type", "text/csv; charset=utf-8")];
    let imported = app.request("POST", "/api/v1/admin-units/import", Some(csv.into_bytes()), &headers).await.json();
    assert_eq!((imported["inserted"].as_i64(), imported["updated"].as_i64()), (Some(2), Some(0)));
    assert_eq!(app.get("/api/v1/admin-units/20194").await.json()["name"], "Phường Hải Châu");

    let bad = format!("{CSV_HEADER}49,Quảng Nam,province,province,,,,,\n49001,Xã X,hamlet,commune,49,,,,\n");
    let problem = app
        .request("POST", "/api/v1/admin-units/import", Some(bad.into_bytes()), &headers)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "line 3, level");
    app.get("/api/v1/admin-units/49").await.assert_problem(404, "not_found");

    let json_headers = [("authorization", bearer.as_str()), ("content-type", "application/json")];
    app.request("POST", "/api/v1/admin-units/import", Some(b"{}".to_vec()), &json_headers)
        .await
        .assert_problem(415, "unsupported_media_type");
    let binary = vec![0xff, 0xfe, 0x00, 0x01];
    app.request("POST", "/api/v1/admin-units/import", Some(binary), &headers)
        .await
        .assert_problem(422, "validation_failed");
}
