//! The suspension notice (seed 003), and a service provider suppressing it.

use super::{app_with_sink, emails, wait_emails};
use landlord_tests::ADMIN_PASSWORD;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn suspending_mails_the_administrator_unless_suppressed() {
    let (app, sink) = app_with_sink().await;
    let loud = app.create_tenant("loud").await;
    let quiet = app.create_tenant("quiet").await;

    let response = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", loud.id),
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, vec!["owner@loud.test".to_owned()]);
    assert_eq!(mail.subject, "loud Ltd has been suspended");
    assert!(mail.text().contains("was suspended on"), "{}", mail.text());
    let list = wait_emails(&app, loud.id, |m| m["status"] == "sent").await;
    assert_eq!(list["items"][0]["kind"], "tenant_suspended");

    let response = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", quiet.id),
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD, "notify": false }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "suspended");
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    assert_eq!(sink.messages().len(), 1, "the suppressed notice was sent");
    assert_eq!(emails(&app, quiet.id).await["total"], 0);
}

#[tokio::test]
async fn a_refused_suspension_mails_nothing() {
    let (app, sink) = app_with_sink().await;
    let tenant = app.create_tenant("calm").await;
    // Wrong password: refused before anything changes.
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", tenant.id),
            &app.admin_token,
            &json!({ "password": "not-my-password" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Suspended already: the transition is refused inside the transaction, which rolls back.
    let path = format!("/api/v1/tenants/{}/suspend", tenant.id);
    let body = json!({ "password": ADMIN_PASSWORD, "notify": false });
    assert_eq!(
        app.post(&path, &app.admin_token, &body).await.status(),
        StatusCode::OK
    );
    let again = app
        .post(
            &path,
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    assert!(sink.messages().is_empty());
    assert_eq!(emails(&app, tenant.id).await["total"], 0);
}

#[tokio::test]
async fn notify_must_be_a_boolean() {
    let (app, _sink) = app_with_sink().await;
    let tenant = app.create_tenant("typed").await;
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", tenant.id),
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD, "notify": "yes" }),
        )
        .await;
    assert!(response.status().is_client_error());
    let problem = landlord_tests::problem(response).await;
    assert!(problem.to_string().contains("notify"), "{problem}");
}
