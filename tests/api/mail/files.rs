//! Without `LANDLORD_SMTP_URL` every mail is written as an `.eml` file into the data
//! directory: a first run shows what would be sent.

use super::{create, tenant_body, wait_emails};
use landlord_tests::spawn_app;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn without_an_smtp_server_mails_are_written_into_the_data_directory() {
    let app = spawn_app().await;
    let (status, body) = create(
        &app,
        tenant_body("filed", json!({ "admin_notification": "activation_link" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let list = wait_emails(&app, body["id"].as_i64().unwrap(), |m| {
        m["status"] == "sent"
    })
    .await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let path = app.data_dir().join("mail").join(format!("{id:08}.eml"));
    let eml = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(eml.contains("To: owner@filed.test"), "{eml}");
    assert!(
        eml.contains("Subject: Activate your filed Ltd account"),
        "{eml}"
    );
    assert!(eml.contains("multipart/alternative"), "{eml}");
    assert!(eml.contains("text/html"), "{eml}");
}
