//! What receivers get: signed payloads, in order, only for committed changes.

use super::{advance, attempts, create_endpoint, signatures, signed_by, wait_deliveries};
use chrono::Duration;
use landlord_tests::landlord_domain::Clock;
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_test_event_reaches_only_its_endpoint_signed_and_logged() {
    let app = spawn_app().await;
    let (receiver, other) = (Receiver::start().await, Receiver::start().await);
    // Subscribed to nothing a test event is: test events go to their endpoint regardless.
    let (id, secret) =
        create_endpoint(&app, &app.admin_token, &receiver.url, &["tenant.deleted"]).await;
    let (other_id, _) = create_endpoint(&app, &app.admin_token, &other.url, &["*"]).await;
    let sent = app
        .post(
            &format!("/api/v1/webhook-endpoints/{id}/test"),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::ACCEPTED);
    let queued: Value = sent.json().await.unwrap();
    assert_eq!(
        (&queued["status"], &queued["event_type"]),
        (&json!("pending"), &json!("webhook.test"))
    );

    let request = receiver.wait_for(1).await.remove(0);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/hooks")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(signed_by(&secret, &request), "{:?}", request.headers);
    assert_eq!(signatures(&request), 1);
    let body = request.json();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["created_at", "data", "id", "tenant_id", "type"]);
    assert_eq!(body["type"], "webhook.test");
    assert_eq!(body["id"], request.id());
    assert!(request.id().starts_with("evt_"));
    assert_eq!(body["data"]["object"]["endpoint_id"], id);
    assert_eq!(body["data"]["previous_attributes"], Value::Null);
    let timestamp: i64 = request
        .header("webhook-timestamp")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        timestamp,
        app.clock.now().timestamp(),
        "the server's clock signs"
    );

    let log = wait_deliveries(&app, id, "a succeeded delivery", |d| {
        d.len() == 1 && d[0]["status"] == "succeeded"
    })
    .await;
    let delivery = &log[0];
    assert_eq!(delivery["event_id"], request.id());
    assert_eq!(delivery["next_attempt_at"], Value::Null);
    let attempt = &delivery["attempts"][0];
    assert_eq!(attempts(delivery), 1);
    assert_eq!(attempt["response_status"], 200);
    assert_eq!(attempt["error"], Value::Null);
    assert_eq!(attempt["response_body"], "thanks");
    assert!(attempt["latency_ms"].as_i64().unwrap() >= 0);

    let others = app
        .get_json(
            &format!("/api/v1/webhook-endpoints/{other_id}/deliveries"),
            &app.admin_token,
        )
        .await;
    assert_eq!(others["total"], 0);
    assert!(other.received().is_empty());
}

#[tokio::test]
async fn tenant_events_reach_ancestors_endpoints_in_order_even_across_a_retry() {
    let app = spawn_app().await;
    let (receiver, witness) = (Receiver::start().await, Receiver::start().await);
    let (id, secret) = create_endpoint(
        &app,
        &app.admin_token,
        &receiver.url,
        &["tenant.created", "tenant.suspended"],
    )
    .await;
    let (unsubscribed, _) =
        create_endpoint(&app, &app.admin_token, &witness.url, &["user.deleted"]).await;
    receiver.fail_next(1);
    let acme = app.create_tenant("acme").await;
    let first = receiver.wait_for(1).await.remove(0);
    assert_eq!(first.answered, 500);
    let created = first.json();
    assert_eq!(created["type"], "tenant.created");
    assert_eq!(created["tenant_id"], acme.id);
    assert_eq!(created["data"]["object"]["domain"], "acme");
    assert_eq!(created["data"]["object"]["status"], "active");

    let suspended = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", acme.id),
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert_eq!(suspended.status(), StatusCode::OK);
    wait_deliveries(&app, id, "the suspension's delivery", |d| d.len() == 2).await;
    // A test event to another endpoint is claimed after the suspension's delivery exists:
    // once its attempt is recorded (after every send of its batch), a claim has passed over
    // the suspension, which must wait.
    let (probe, _) = create_endpoint(&app, &app.admin_token, &witness.url, &["user.created"]).await;
    app.post(
        &format!("/api/v1/webhook-endpoints/{probe}/test"),
        &app.admin_token,
        &json!({}),
    )
    .await;
    wait_deliveries(&app, probe, "the probe's delivery", |d| {
        d.len() == 1 && d[0]["status"] == "succeeded"
    })
    .await;
    assert_eq!(
        receiver.received().len(),
        1,
        "tenant.suspended waits for tenant.created"
    );

    app.clock.advance(Duration::seconds(6));
    let received = receiver.wait_for(3).await;
    let types: Vec<(String, u16)> = received
        .iter()
        .map(|r| (r.json()["type"].as_str().unwrap().to_owned(), r.answered))
        .collect();
    assert_eq!(
        types,
        [
            ("tenant.created".to_owned(), 500),
            ("tenant.created".to_owned(), 200),
            ("tenant.suspended".to_owned(), 200)
        ]
    );
    assert!(received.iter().all(|r| signed_by(&secret, r)));
    assert_eq!(
        received[0].id(),
        received[1].id(),
        "a retry keeps the event id"
    );
    let suspension = received[2].json();
    assert_eq!(suspension["data"]["object"]["status"], "suspended");
    assert_eq!(
        suspension["data"]["previous_attributes"],
        json!({ "status": "active" })
    );
    let log = app
        .get_json(
            &format!("/api/v1/webhook-endpoints/{unsubscribed}/deliveries"),
            &app.admin_token,
        )
        .await;
    assert_eq!(
        log["total"], 0,
        "an endpoint hears only what it subscribes to"
    );
}

#[tokio::test]
async fn a_rolled_back_change_sends_nothing() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (id, _) = create_endpoint(&app, &app.admin_token, &receiver.url, &["*"]).await;
    app.create_tenant("acme").await;
    let again = json!({
        "domain": "acme", "name": "Acme Again", "admin_username": "owner",
        "admin_email": "owner@acme2.test", "admin_password": "acme-pass-again-1",
    });
    let refused = app.post("/api/v1/tenants", &app.admin_token, &again).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    app.create_tenant("beta").await;
    let log = wait_deliveries(&app, id, "two succeeded deliveries", |d| {
        d.len() == 2 && d.iter().all(|d| d["status"] == "succeeded")
    })
    .await;
    assert!(log.iter().all(|d| d["event_type"] == "tenant.created"));
    // Sorted: events about different tenants may arrive in any order.
    let mut domains: Vec<String> = receiver
        .received()
        .iter()
        .map(|r| {
            r.json()["data"]["object"]["domain"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    domains.sort();
    assert_eq!(
        domains,
        ["acme", "beta"],
        "the refused creation published nothing"
    );
}

#[tokio::test]
async fn during_a_rotation_both_secrets_sign_and_after_a_day_only_the_new_one() {
    let mut app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (id, old) = create_endpoint(&app, &app.admin_token, &receiver.url, &["*"]).await;
    let rotated = app
        .post(
            &format!("/api/v1/webhook-endpoints/{id}/rotate-secret"),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let rotated: Value = rotated.json().await.unwrap();
    let new = rotated["secret"].as_str().unwrap().to_owned();
    assert!(new.starts_with("whsec_") && new != old);
    let expires = chrono::DateTime::parse_from_rfc3339(
        rotated["previous_secret_expires_at"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(expires, app.clock.now() + Duration::hours(24));
    let shown = app
        .get_json(&format!("/api/v1/webhook-endpoints/{id}"), &app.admin_token)
        .await;
    assert_eq!(
        shown["previous_secret_expires_at"],
        rotated["previous_secret_expires_at"]
    );
    assert!(!shown.to_string().contains(&new));

    let test = format!("/api/v1/webhook-endpoints/{id}/test");
    app.post(&test, &app.admin_token, &json!({})).await;
    let during = receiver.wait_for(1).await.remove(0);
    assert_eq!(
        signatures(&during),
        2,
        "{:?}",
        during.header("webhook-signature")
    );
    assert!(signed_by(&old, &during) && signed_by(&new, &during));

    advance(&mut app, Duration::hours(24) + Duration::seconds(1)).await;
    app.post(&test, &app.admin_token, &json!({})).await;
    let after = receiver.wait_for(2).await.remove(1);
    assert_eq!(signatures(&after), 1);
    assert!(signed_by(&new, &after));
    assert!(!signed_by(&old, &after), "the old secret has expired");
}

#[tokio::test]
async fn a_resend_delivers_the_same_event_again_and_a_disabled_endpoint_gets_nothing() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (id, _) = create_endpoint(&app, &app.admin_token, &receiver.url, &["*"]).await;
    app.post(
        &format!("/api/v1/webhook-endpoints/{id}/test"),
        &app.admin_token,
        &json!({}),
    )
    .await;
    let delivered = wait_deliveries(&app, id, "the first delivery", |d| {
        d.len() == 1 && d[0]["status"] == "succeeded"
    })
    .await;
    let delivery = delivered[0]["id"].as_i64().unwrap();
    let resend = format!("/api/v1/webhook-deliveries/{delivery}/resend");
    let response = app.post(&resend, &app.admin_token, &json!({})).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let queued: Value = response.json().await.unwrap();
    assert_eq!(
        (&queued["status"], attempts(&queued)),
        (&json!("pending"), 1)
    );
    let log = wait_deliveries(&app, id, "the resent delivery", |d| {
        d[0]["status"] == "succeeded" && attempts(&d[0]) == 2
    })
    .await;
    assert_eq!(log.len(), 1, "a resend is the same delivery, not a new one");
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].id(), received[1].id());

    let missing = app
        .post(
            "/api/v1/webhook-deliveries/999999/resend",
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    app.patch(
        &format!("/api/v1/webhook-endpoints/{id}"),
        &app.admin_token,
        &json!({ "enabled": false }),
    )
    .await;
    for path in [resend, format!("/api/v1/webhook-endpoints/{id}/test")] {
        let refused = app.post(&path, &app.admin_token, &json!({})).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT, "{path}");
        assert_eq!(problem(refused).await["code"], "endpoint_disabled");
    }
    let witness_receiver = Receiver::start().await;
    let (witness, _) = create_endpoint(&app, &app.admin_token, &witness_receiver.url, &["*"]).await;
    app.create_tenant("quiet").await;
    wait_deliveries(&app, witness, "the witness's delivery", |d| {
        d.len() == 1 && d[0]["status"] == "succeeded"
    })
    .await;
    let log = super::deliveries(&app, id).await;
    assert_eq!(
        log["total"], 1,
        "a disabled endpoint gets no new deliveries"
    );
    assert_eq!(receiver.received().len(), 2);
}
