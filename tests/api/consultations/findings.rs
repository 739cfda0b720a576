//! Findings on a consultation: a monitor in scope records what they found about how it is run,
//! draft or published; the agency, the monitors in scope and administrators read them with the
//! consultation's and the agency's findings, and the overseers' listing counts them.

use serde_json::json;

use super::{cast, drafted, land_plan, published, send};
use crate::helpers::spawn_app_at;
use crate::petitions::NOW;

const FINDINGS: &str = "/api/v1/oversight/findings";

#[actix_web::test]
async fn a_monitor_in_scope_records_a_finding_on_a_consultation_which_its_agency_reads() {
    let app = spawn_app_at(NOW).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let finding = json!({
        "consultation_id": id,
        "severity": "medium",
        "text": "Chưa tổ chức đối thoại với các hộ có đất bị thu hồi như luật định.",
    });
    send(&app, &cast.monitor_elsewhere, "POST", FINDINGS, finding.clone(), 403).await;
    send(&app, &cast.officer, "POST", FINDINGS, finding.clone(), 403).await;
    send(&app, &cast.an, "POST", FINDINGS, finding.clone(), 403).await;
    let made = send(&app, &cast.monitor, "POST", FINDINGS, finding.clone(), 201).await;
    assert_eq!(
        (&made["consultation_id"], &made["agency_id"], &made["petition_id"]),
        (&json!(id), &json!(null), &json!(null))
    );
    assert_eq!(made["oversight_body"], "fatherland_front");

    let of_consultation = format!("{FINDINGS}?consultation_id={id}");
    for reader in [&cast.monitor, &cast.head, &cast.officer, &cast.admin] {
        let listed = app.get_as(&reader.access_token, &of_consultation).await.json();
        assert_eq!((listed["total"].as_i64(), &listed["items"][0]["id"]), (Some(1), &made["id"]));
    }
    app.get_as(&cast.monitor_elsewhere.access_token, &of_consultation).await.assert_problem(403, "forbidden");
    app.get_as(&cast.an.access_token, &of_consultation).await.assert_problem(403, "forbidden");
    let of_agency = app.get_as(&cast.head.access_token, &format!("{FINDINGS}?agency_id={}", cast.ward)).await.json();
    assert_eq!(of_agency["items"][0]["id"], made["id"], "the agency's findings include its consultations'");
    let one = format!("{FINDINGS}/{}", made["id"].as_str().unwrap());
    assert_eq!(app.get_as(&cast.officer.access_token, &one).await.json()["consultation_id"], json!(id));
    app.get_as(&cast.monitor_elsewhere.access_token, &one).await.assert_problem(404, "not_found");

    let overseen = app.get_as(&cast.monitor.access_token, "/api/v1/oversight/consultations").await.json();
    assert_eq!(overseen["items"][0]["findings"], 1, "the overseers' listing counts them: {overseen}");
}

#[actix_web::test]
async fn a_finding_names_one_consultation_that_exists_and_a_drafts_findings_stay_unknown_to_outsiders() {
    let app = spawn_app_at(NOW).await;
    let cast = cast(&app).await;
    let draft = drafted(&app, &cast.officer, land_plan()).await;
    let id = draft.rsplit('/').next().unwrap().to_string();
    let text = "Dự thảo chưa nêu rõ số hộ bị ảnh hưởng trong từng tổ dân phố.";
    let on_draft = json!({ "consultation_id": id, "severity": "low", "text": text });
    send(&app, &cast.monitor, "POST", FINDINGS, on_draft, 201).await;
    let of_draft = format!("{FINDINGS}?consultation_id={id}");
    app.get_as(&cast.an.access_token, &of_draft).await.assert_problem(404, "not_found");
    assert_eq!(app.get_as(&cast.head.access_token, &of_draft).await.json()["total"], 1);

    let nowhere = json!({ "consultation_id": uuid::Uuid::new_v4(), "severity": "low", "text": text });
    let refused = send(&app, &cast.monitor, "POST", FINDINGS, nowhere, 422).await;
    assert_eq!(refused["errors"][0]["field"], "consultation_id");
    let two = json!({ "consultation_id": id, "agency_id": cast.ward, "severity": "low", "text": text });
    assert_eq!(send(&app, &cast.monitor, "POST", FINDINGS, two, 422).await["errors"][0]["field"], "agency_id");
    let with_period = json!({ "consultation_id": id, "period_from": "2026-10-01", "period_to": "2026-10-31", "severity": "low", "text": text });
    send(&app, &cast.monitor, "POST", FINDINGS, with_period, 422).await;
}
