//! Service requests: filed with a key, routed and handled as petitions, read and listed as the
//! public may see them, with the standard's filters and errors.

use serde_json::{Value, json};

use super::{DESCRIPTION, assert_errors_xml, assert_w3c, child_text, children, issue_key, json_of, post_request, xml};
use crate::helpers::spawn_app;
use crate::workflow::{People, done, people};

#[actix_web::test]
async fn a_request_filed_through_open311_is_a_petition_routed_handled_and_followed_like_any_other() {
    let app = spawn_app().await;
    let People { admin, triage_officer, triage_head, .. } = people(&app).await;
    let (_, key) = issue_key(&app, &admin, "Ứng dụng Huế-S").await;
    let filed = post_request(
        &app,
        "json",
        &[
            ("api_key", &key),
            ("jurisdiction_id", "hue.gov.vn"),
            ("service_code", "feedback-environmental_pollution"),
            ("address_id", "19753"),
            ("address_string", "Bờ sông Hương, đường Lê Lợi"),
            ("description", DESCRIPTION),
            ("first_name", "Văn Dân"),
            ("last_name", "Nguyễn"),
            ("email", "dan.open311@example.vn"),
            ("attribute[language]", "en"),
            ("attribute[related_project]", ""),
            ("media_url", "https://photos.example/open311/1.jpg"),
            ("device_id", "ignored-by-pakn"),
        ],
    )
    .await;
    assert_eq!(filed.status, 200, "{}", String::from_utf8_lossy(&filed.body));
    let answer = json_of(&filed);
    let code = answer[0]["service_request_id"].as_str().expect("an id").to_string();
    assert_eq!(answer[0]["account_id"], Value::Null);
    assert!(answer[0]["service_notice"].as_str().unwrap().contains("decides on accepting it"), "{answer}");

    // In pakn it is a petition like any other: routed, on the channel of its client.
    let tracking = pakn::domain::tracking_code::TrackingCode::parse(&code).expect("a tracking code");
    let petition = app
        .with_connection(|c| pakn::db::petitions::find_by_tracking_code(c, &tracking))
        .expect("a query")
        .expect("the petition");
    assert_eq!((petition.channel.as_str(), petition.kind.as_str()), ("open311", "feedback"));
    assert_eq!(
        petition.assigned_agency_id.as_ref().map(std::string::ToString::to_string),
        Some(app.agency_id("hue-ban-tiep-cong-dan").await)
    );
    let public = app.get(&format!("/api/v1/public/petitions/{code}")).await;
    assert_eq!(public.status, 200);
    // The receipt reaches the address the client gave, with the code and no word the filer wrote.
    let receipt = app.mailbox.wait_for_text("dan.open311@example.vn", &code, 1).await;
    assert!(!receipt[0].text().contains("Rác thải") && !receipt[0].text().contains("Nguyễn"), "{}", receipt[0].text());

    // Its status shows through requests/{id}: open, then closed once answered.
    let read = app.get(&format!("/open311/v2/requests/{code}.xml")).await;
    assert_eq!(read.status, 200);
    let document = xml(&read, "service_requests");
    let request = document.root_element().first_element_child().expect("a request");
    assert_eq!(request.tag_name().name(), "request");
    let fields = [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    ];
    assert_eq!(children(request), fields);
    assert_eq!(child_text(request, "status"), Some("open"));
    assert_eq!(child_text(request, "agency_responsible"), Some("Ban Tiếp công dân thành phố Huế"));
    assert_w3c(child_text(request, "requested_datetime").unwrap());
    // Nothing the petitioner wrote or gave leaves through Open311.
    for private in ["description", "media_url", "lat", "long"] {
        assert_eq!(child_text(request, private), None, "{private}");
    }
    let text = String::from_utf8_lossy(&read.body);
    assert!(!text.contains("Nguyễn") && !text.contains("Rác thải") && !text.contains("example.vn"), "{text}");

    let handle = json!({ "id": petition.id.to_string() });
    done(&app, &triage_officer, &handle, "accept", json!({ "complexity": "normal" })).await;
    let followed = json_of(&app.get(&format!("/open311/v2/requests/{code}.json?extensions=true")).await);
    assert_eq!(
        (followed[0]["status"].clone(), followed[0]["detailed_status"].clone()),
        (json!("open"), json!("investigating"))
    );
    assert_w3c(followed[0]["expected_datetime"].as_str().expect("the deadline"));
    let notes: Vec<&str> = followed[0]["notes"].as_array().unwrap().iter().filter_map(|n| n["type"].as_str()).collect();
    assert_eq!(notes, ["filed", "accepted"]);

    let answer = json!({ "outcome": "answered", "answer": "Đã cử đội vệ sinh đến dọn và lắp biển cấm đổ rác." });
    done(&app, &triage_head, &handle, "resolve", answer).await;
    let listed = json_of(&app.get(&format!("/open311/v2/requests.json?service_request_id={code}")).await);
    assert_eq!(
        (listed[0]["status"].clone(), listed[0]["status_notes"].clone()),
        (json!("closed"), json!("Answered by the head of the agency."))
    );
}

#[actix_web::test]
async fn a_bad_submission_is_a_400_naming_each_parameter_and_files_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, key) = issue_key(&app, &admin, "Bảng điều khiển 311").await;
    let good = [
        ("api_key", key.as_str()),
        ("service_code", "proposal-land"),
        ("address_id", "19753"),
        ("description", DESCRIPTION),
    ];
    let with = |changes: &[(&'static str, &'static str)]| {
        let mut pairs: Vec<(&str, &str)> =
            good.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).copied().collect();
        pairs.extend(changes.iter().filter(|(_, v)| !v.is_empty()).copied());
        pairs
    };
    for (changes, mentioning) in [
        (vec![("service_code", "complaint-land")], "service_code"),
        (vec![("service_code", "")], "service_code"),
        (vec![("address_id", "")], "a location is required"),
        (vec![("address_id", "99999")], "address_id"),
        (vec![("address_id", ""), ("lat", "16.46")], "lat and long are sent together"),
        (vec![("description", "")], "description"),
        (vec![("attribute[language]", "fr")], "attribute[language]"),
        (vec![("attribute[colour]", "red")], "attribute[colour]"),
        (vec![("media_url", "javascript:alert(1)")], "media_url"),
        (vec![("email", "not an address")], "email"),
    ] {
        let answer = post_request(&app, "xml", &with(&changes)).await;
        assert_errors_xml(&answer, 400, mentioning);
    }
    let json = post_request(&app, "json", &with(&[("attribute[language]", "fr")])).await;
    assert_eq!(json.status, 400);
    assert_eq!(json_of(&json), json!([{ "code": 400, "description": "attribute[language]: must be one of: vi, en" }]));
    let none = json_of(&app.get("/open311/v2/requests.json").await);
    assert_eq!(none, json!([]), "nothing was filed");
}

#[actix_web::test]
async fn without_a_valid_key_nothing_is_filed_and_a_revoked_key_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (id, key) = issue_key(&app, &admin, "Ứng dụng thử").await;
    let filing = |key: &'static str| {
        vec![("api_key", key), ("service_code", "feedback-land"), ("address_id", "19753"), ("description", DESCRIPTION)]
    };
    assert_errors_xml(&post_request(&app, "xml", &filing("")).await, 403, "api_key");
    assert_errors_xml(&post_request(&app, "xml", &filing("not-a-key")).await, 403, "api_key");

    let listed = app.get_as(&admin.access_token, "/api/v1/admin/open311-keys").await.json();
    assert_eq!(listed["items"][0]["client_name"], "Ứng dụng thử");
    assert!(listed["items"][0].get("api_key").is_none(), "a key is shown once: {listed}");
    let revoked =
        app.send_json_as(&admin.access_token, "DELETE", &format!("/api/v1/admin/open311-keys/{id}"), &json!({})).await;
    assert_eq!(revoked.status, 200, "{}", String::from_utf8_lossy(&revoked.body));
    assert!(revoked.json()["revoked_at"].is_string());
    let key: &'static str = Box::leak(key.into_boxed_str());
    assert_errors_xml(&post_request(&app, "xml", &filing(key)).await, 403, "revoked");

    let citizen = app.citizen("not.an.admin@example.vn").await;
    let refused = app
        .send_json_as(&citizen.access_token, "POST", "/api/v1/admin/open311-keys", &json!({ "client_name": "x" }))
        .await;
    refused.assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn the_request_list_shows_only_public_feedback_and_proposals_with_the_standards_filters() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, key) = issue_key(&app, &admin, "Ứng dụng Huế-S").await;
    let mut codes = Vec::new();
    for service in ["feedback-land", "proposal-land", "feedback-environmental_pollution"] {
        let filed = post_request(
            &app,
            "json",
            &[
                ("api_key", &key),
                ("service_code", service),
                ("lat", "16.4637"),
                ("long", "107.5909"),
                ("description", DESCRIPTION),
            ],
        )
        .await;
        assert_eq!(filed.status, 200, "{}", String::from_utf8_lossy(&filed.body));
        codes.push(json_of(&filed)[0]["service_request_id"].as_str().unwrap().to_string());
    }
    // A citizen's confidential feedback and a complaint never leave through Open311.
    let citizen = app.citizen("rieng.tu@example.vn").await;
    let mut private = crate::petitions::feedback("Bãi rác ven sông");
    private["confidential"] = json!(true);
    let filed = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &private).await;
    assert_eq!(filed.status, 201);
    let hidden = filed.json()["tracking_code"].as_str().unwrap().to_string();

    let all = json_of(&app.get("/open311/v2/requests.json").await);
    let listed: Vec<&str> = all.as_array().unwrap().iter().filter_map(|r| r["service_request_id"].as_str()).collect();
    assert_eq!(listed.len(), 3, "{all}");
    assert!(!listed.contains(&hidden.as_str()));
    assert_errors_xml(&app.get(&format!("/open311/v2/requests/{hidden}.xml")).await, 404, "");

    let land = json_of(&app.get("/open311/v2/requests.json?service_code=proposal-land").await);
    assert_eq!(land.as_array().unwrap().len(), 1);
    let two =
        json_of(&app.get(&format!("/open311/v2/requests.json?service_request_id={},{}", codes[0], codes[2])).await);
    assert_eq!(two.as_array().unwrap().len(), 2);
    let paged = json_of(&app.get("/open311/v2/requests.json?page_size=2&page=2").await);
    assert_eq!(paged.as_array().unwrap().len(), 1);
    // Empty is as if not given (GeoReport v2); otherwise the spec's pattern, found by fuzzing.
    assert_eq!(json_of(&app.get("/open311/v2/requests.json?page=&page_size=").await).as_array().unwrap().len(), 3);
    for bad in ["page=0", "page=01", "page=%202", "page=%2B2", "page_size=1001", "page_size=two"] {
        assert_errors_xml(&app.get(&format!("/open311/v2/requests.xml?{bad}")).await, 400, "whole number");
    }
    let closed = json_of(&app.get("/open311/v2/requests.json?status=closed").await);
    assert_eq!(closed, json!([]));
    let old = json_of(
        &app.get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z").await,
    );
    assert_eq!(old, json!([]));
    assert_errors_xml(
        &app.get("/open311/v2/requests.xml?start_date=2026-01-01&end_date=2026-06-01").await,
        400,
        "90 days",
    );
    assert_errors_xml(&app.get("/open311/v2/requests.xml?status=pending").await, 400, "status");
    assert_errors_xml(&app.get("/open311/v2/requests.xml?start_date=yesterday").await, 400, "start_date");
    assert_errors_xml(&app.get("/open311/v2/tokens/abc123.xml").await, 404, "token");
}

#[actix_web::test]
async fn without_a_default_unit_a_request_placed_only_by_coordinates_asks_for_the_units_code() {
    let clock = std::sync::Arc::new(pakn::clock::SystemClock);
    let no_default = [("PAKN_OPEN311_DEFAULT_UNIT", "none")];
    let app = crate::helpers::spawn_app_configured(clock, crate::mailbox::Mailbox::start(), &no_default).await;
    let admin = app.admin().await;
    let (_, key) = issue_key(&app, &admin, "Ứng dụng bản đồ").await;
    let by_coordinates = [
        ("api_key", key.as_str()),
        ("service_code", "feedback-land"),
        ("lat", "16.4637"),
        ("long", "107.5909"),
        ("description", DESCRIPTION),
    ];
    assert_errors_xml(&post_request(&app, "xml", &by_coordinates).await, 400, "address_id");
    let mut placed = by_coordinates.to_vec();
    placed.push(("address_id", "19753"));
    assert_eq!(post_request(&app, "json", &placed).await.status, 200);
}

#[actix_web::test]
async fn a_key_files_at_most_its_hourly_share_then_waits() {
    let clock = std::sync::Arc::new(pakn::clock::SystemClock);
    let limited = [("PAKN_OPEN311_FILINGS_PER_HOUR", "2")];
    let app = crate::helpers::spawn_app_configured(clock, crate::mailbox::Mailbox::start(), &limited).await;
    let admin = app.admin().await;
    let (_, key) = issue_key(&app, &admin, "Ứng dụng bận rộn").await;
    let (_, other) = issue_key(&app, &admin, "Ứng dụng khác").await;
    let filing = |key: &str| {
        vec![
            ("api_key", key.to_string()),
            ("service_code", "feedback-land".into()),
            ("address_id", "19753".into()),
            ("description", DESCRIPTION.into()),
        ]
    };
    let send = |pairs: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_request(app, "xml", &pairs).await
        }
    };
    assert_eq!(send(filing(&key)).await.status, 200);
    assert_eq!(send(filing(&key)).await.status, 200);
    let third = send(filing(&key)).await;
    assert_errors_xml(&third, 429, "too many");
    assert!(third.header("retry-after").is_some_and(|s| s.parse::<u64>().is_ok_and(|s| s > 0)));
    assert_eq!(send(filing(&other)).await.status, 200, "another client's share is its own");
    let listed = json_of(&app.get("/open311/v2/requests.json").await);
    assert_eq!(listed.as_array().unwrap().len(), 3, "the refused one filed nothing");
}
