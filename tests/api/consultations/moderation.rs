//! Moderation: the agency hides a comment with a reason; the public sees only that one is hidden,
//! the monitor in scope and the agency read its text, author and reason; each author shown to
//! staff is a recorded read of their data.

use serde_json::json;

use super::{cast, public_path, published, send};
use crate::helpers::spawn_app_at;
use crate::petitions::NOW;

#[actix_web::test]
async fn a_hidden_comment_is_only_counted_in_public_and_read_with_its_reason_by_the_monitor() {
    let app = spawn_app_at(NOW).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let comments = format!("{path}/comments");
    let rude = send(&app, &cast.an, "POST", &comments, json!({ "text": "Lời lẽ xúc phạm cán bộ phường." }), 201).await;
    send(&app, &cast.binh, "POST", &comments, json!({ "text": "Ý kiến bình thường về phương án." }), 201).await;
    let hide = format!("{comments}/{}/hide", rude["id"].as_str().unwrap());
    let reason = json!({ "reason": "Xúc phạm cá nhân, vi phạm nội quy." });
    send(&app, &cast.monitor, "POST", &hide, reason.clone(), 403).await;
    send(&app, &cast.officer_elsewhere, "POST", &hide, reason.clone(), 403).await;
    send(&app, &cast.officer, "POST", &hide, json!({ "reason": "" }), 422).await;
    send(&app, &cast.officer, "POST", &hide, reason.clone(), 204).await;
    send(&app, &cast.officer, "POST", &hide, reason, 409).await;

    let page = app.get(&public_path(&path)).await.json();
    assert_eq!((page["counts"]["comments"].as_i64(), page["counts"]["hidden"].as_i64()), (Some(2), Some(1)));
    assert_eq!(page["comments"].as_array().unwrap().len(), 1);
    assert!(!page.to_string().contains("xúc phạm cán bộ"), "the hidden text is not public");
    let support = format!("{comments}/{}/support", rude["id"].as_str().unwrap());
    send(&app, &cast.binh, "POST", &support, json!({}), 404).await;

    app.get_as(&cast.an.access_token, &comments).await.assert_problem(403, "forbidden");
    app.get_as(&cast.monitor_elsewhere.access_token, &comments).await.assert_problem(403, "forbidden");
    for reader in [&cast.monitor, &cast.officer] {
        let listed = app.get_as(&reader.access_token, &comments).await.json();
        let hidden = listed["items"].as_array().unwrap().iter().find(|c| c["id"] == rude["id"]).unwrap().clone();
        assert_eq!(hidden["text"], "Lời lẽ xúc phạm cán bộ phường.");
        assert_eq!(hidden["hidden"]["reason"], "Xúc phạm cá nhân, vi phạm nội quy.");
        assert_eq!(hidden["author_name"], "Trần Thị Ân");
    }
    let reads = app.with_connection(|c| {
        use diesel::prelude::*;
        use pakn::db::schema::personal_data_reads;
        personal_data_reads::table
            .filter(personal_data_reads::user_id.eq(&cast.an.id))
            .filter(personal_data_reads::reader_id.eq(&cast.monitor.id))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    });
    assert_eq!(reads, 1, "the monitor's read of the commenter is in the access log");
}
