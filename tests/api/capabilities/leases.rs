use super::{entitlements, send, set_limit};
use crate::billing::at;
use landlord_tests::{Created, TestApp, problem_fields, spawn_app, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

const SESSIONS: &str = "max_audio_video";

async fn acquire(app: &TestApp, tenant: &Created, body: Value) -> (StatusCode, Value) {
    let path = format!("/api/v1/tenants/{}/quotas/{SESSIONS}/leases", tenant.id);
    send(app, "POST", &path, &body).await
}

async fn used(app: &TestApp, tenant: &Created) -> Value {
    entitlements(app, tenant).await["quotas"][SESSIONS]["used"].clone()
}

#[tokio::test]
async fn a_lease_holds_its_amount_until_released_and_the_limit_refuses_more() {
    let app = spawn_app_at(at("2026-03-01T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, SESSIONS, json!(3)).await;
    let (status, lease) = acquire(&app, &acme, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{lease}");
    assert_eq!(
        (
            &lease["amount"],
            &lease["expires_at"],
            &lease["used"],
            &lease["limit"],
            &lease["remaining"]
        ),
        (
            &json!(1),
            &json!("2026-03-01T10:01:00Z"),
            &json!(1),
            &json!(3),
            &json!(2)
        )
    );
    let (status, body) = acquire(&app, &acme, json!({"amount": 2, "ttl_seconds": 600})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = acquire(&app, &acme, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "quota_exceeded");
    let path = format!(
        "/api/v1/tenants/{}/quotas/{SESSIONS}/leases/{}",
        acme.id, lease["id"]
    );
    let (status, body) = send(&app, "DELETE", &path, &Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["used"], 2);
    assert_eq!(
        send(&app, "DELETE", &path, &Value::Null).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(used(&app, &acme).await, 2);
}

#[tokio::test]
async fn an_expired_lease_gives_its_amount_back_unless_renewed() {
    let app = spawn_app_at(at("2026-03-01T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, SESSIONS, json!(2)).await;
    let (_, short) = acquire(&app, &acme, json!({"ttl_seconds": 30})).await;
    let (_, renewed) = acquire(&app, &acme, json!({"ttl_seconds": 30})).await;
    app.clock.set(at("2026-03-01T10:00:20Z"));
    let path = format!(
        "/api/v1/tenants/{}/quotas/{SESSIONS}/leases/{}/renew",
        acme.id, renewed["id"]
    );
    let (status, body) = send(&app, "POST", &path, &json!({"ttl_seconds": 120})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["expires_at"], "2026-03-01T10:02:20Z");
    assert_eq!(
        acquire(&app, &acme, json!({})).await.0,
        StatusCode::CONFLICT
    );
    // The unrenewed lease lapses at 10:00:30: the read no longer counts it, and the next
    // acquire takes its place.
    app.clock.set(at("2026-03-01T10:00:30Z"));
    assert_eq!(used(&app, &acme).await, 1);
    let (status, body) = acquire(&app, &acme, json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["used"], 2);
    assert_eq!(used(&app, &acme).await, 2);
    let gone = format!(
        "/api/v1/tenants/{}/quotas/{SESSIONS}/leases/{}/renew",
        acme.id, short["id"]
    );
    assert_eq!(
        send(&app, "POST", &gone, &json!({})).await.0,
        StatusCode::NOT_FOUND
    );
    app.clock.set(at("2026-03-01T10:05:00Z"));
    assert_eq!(used(&app, &acme).await, 0);
}

#[tokio::test]
async fn two_concurrent_acquires_of_the_last_session_give_exactly_one_lease() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, SESSIONS, json!(10)).await;
    acquire(&app, &acme, json!({"amount": 9})).await;
    let (a, b) = tokio::join!(
        acquire(&app, &acme, json!({})),
        acquire(&app, &acme, json!({}))
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{a:?} {b:?}"
    );
    assert_eq!(used(&app, &acme).await, 10);
}

#[tokio::test]
async fn only_concurrent_quotas_are_leased_and_bad_fields_are_named() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}/quotas/max_agents/leases", acme.id);
    let (status, body) = send(&app, "POST", &path, &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "quota_not_concurrent");
    let (status, body) = acquire(&app, &acme, json!({"amount": 0, "ttl_seconds": 3601})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["amount", "ttl_seconds"]);
}

#[tokio::test]
async fn a_service_token_with_quotas_consume_may_hold_leases() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let (status, created) = send(
        &app,
        "POST",
        "/api/v1/service-tokens",
        &json!({"name": "sessions", "scopes": ["quotas:consume"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let token = created["token"].as_str().unwrap();
    let path = format!("/api/v1/tenants/{}/quotas/{SESSIONS}/leases", acme.id);
    let response = app.post(&path, token, &json!({})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let lease: Value = response.json().await.unwrap();
    let release = format!("{path}/{}", lease["id"]);
    assert_eq!(app.delete(&release, token).await.status(), StatusCode::OK);
}
