//! The other notices: a password-reset link on request, invoices issued, quota thresholds.

use super::{app_with_sink, emails};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_requested_reset_link_is_mailed_once_and_unknown_accounts_get_the_same_answer() {
    let (app, sink) = app_with_sink().await;
    let acme = app.create_tenant("acme").await;
    let ask = |tenant: &'static str, username: &'static str| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/auth/password-reset-link"))
                .json(&json!({ "tenant": tenant, "username": username }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(ask("acme", "owner").await, StatusCode::ACCEPTED);
    assert_eq!(ask("acme", "nobody").await, StatusCode::ACCEPTED);
    assert_eq!(ask("nowhere", "owner").await, StatusCode::ACCEPTED);
    // Asking again at once mails nothing more.
    assert_eq!(ask("acme", "owner").await, StatusCode::ACCEPTED);
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, vec!["owner@acme.test".to_owned()]);
    assert_eq!(mail.subject, "Reset your acme Ltd password");
    let token = mail.reset_token().unwrap();
    let reset = app
        .client
        .post(app.url("/api/v1/auth/password-reset"))
        .json(&json!({ "token": token, "password": "brand-new-pass-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    app.login_ok("acme", "owner", "brand-new-pass-1").await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(emails(&app, acme.id).await["total"], 1);
    let bad = app
        .client
        .post(app.url("/api/v1/auth/password-reset-link"))
        .json(&json!({ "tenant": "acme" }))
        .send()
        .await
        .unwrap();
    assert!(bad.status().is_client_error());
    let problem = landlord_tests::problem(bad).await;
    assert!(problem.to_string().contains("username"), "{problem}");
    let long = app
        .client
        .post(app.url("/api/v1/auth/password-reset-link"))
        .json(&json!({ "tenant": "acme", "username": "x".repeat(101) }))
        .send()
        .await
        .unwrap();
    assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = landlord_tests::problem(long).await;
    assert_eq!(landlord_tests::problem_fields(&problem), vec!["username"]);
}

#[tokio::test]
async fn issued_invoices_are_mailed_to_the_billing_address_and_drafts_are_not() {
    let (app, sink) = app_with_sink().await;
    let acme = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "acme",
            json!({ "billing_email": "bills@acme.test" }),
        )
        .await;
    let draft = app
        .post(
            "/api/v1/invoices",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "currency": "EUR", "amount": "12.50" }),
        )
        .await;
    assert_eq!(draft.status(), StatusCode::CREATED);
    let draft: serde_json::Value = draft.json().await.unwrap();
    assert_eq!(draft["status"], "draft");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(sink.messages().is_empty());
    let finalized = app
        .post(
            &format!("/api/v1/invoices/{}/finalize", draft["id"]),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(finalized.status(), StatusCode::OK);
    let finalized: serde_json::Value = finalized.json().await.unwrap();
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, vec!["bills@acme.test".to_owned()]);
    let number = finalized["number"].as_str().unwrap();
    assert_eq!(mail.subject, format!("Invoice {number} for acme Ltd"));
    assert!(mail.text().contains("12.50 EUR"), "{}", mail.text());
}

#[tokio::test]
async fn a_quota_threshold_is_mailed_once_to_the_administrator() {
    let (app, sink) = app_with_sink().await;
    let acme = app.create_tenant("acme").await;
    let token = app.admin_token.clone();
    let limit = app
        .patch(
            &format!("/api/v1/tenants/{}/quotas/max_widgets", acme.id),
            &token,
            &json!({ "override": 10 }),
        )
        .await;
    assert_eq!(limit.status(), StatusCode::OK);
    for amount in [8, 1] {
        let consumed = app
            .post(
                &format!("/api/v1/tenants/{}/quotas/max_widgets/consume", acme.id),
                &token,
                &json!({ "amount": amount }),
            )
            .await;
        assert_eq!(consumed.status(), StatusCode::OK);
    }
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, vec!["owner@acme.test".to_owned()]);
    assert_eq!(mail.subject, "acme Ltd: max_widgets reached 80 %");
    assert!(mail.text().contains("8 of 10"), "{}", mail.text());
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(sink.messages().len(), 1);
}
