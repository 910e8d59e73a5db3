//! Capabilities: the feature and quota catalogues, plans' features and quotas, tenants'
//! overrides and entitlements, atomic consumption, and licence and hierarchy caps, on the
//! backend under test.

mod alerts;
mod catalogue;
mod consume;
mod entitlements;
mod hierarchy_caps;
mod leases;
mod licence_caps;
mod service_tokens;
mod top_ups;

use landlord_tests::{Created, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Sends `body` to `path` as the management admin and answers status and JSON body.
pub async fn send(app: &TestApp, method: &str, path: &str, body: &Value) -> (StatusCode, Value) {
    let token = app.admin_token.clone();
    let response = match method {
        "POST" => app.post(path, &token, body).await,
        "PATCH" => app.patch(path, &token, body).await,
        "DELETE" => app.delete(path, &token).await,
        _ => app.get(path, &token).await,
    };
    let status = response.status();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Sets `tenant`'s override of quota `key`; asserts success.
pub async fn set_limit(app: &TestApp, tenant: &Created, key: &str, limit: Value) -> Value {
    let (status, body) = send(
        app,
        "PATCH",
        &format!("/api/v1/tenants/{}/quotas/{key}", tenant.id),
        &json!({ "override": limit }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Sets `tenant`'s override of quota `key` as the management admin; answers status and body.
pub async fn override_of(
    app: &TestApp,
    tenant: &Created,
    key: &str,
    limit: Value,
) -> (StatusCode, Value) {
    send(
        app,
        "PATCH",
        &format!("/api/v1/tenants/{}/quotas/{key}", tenant.id),
        &json!({ "override": limit }),
    )
    .await
}

pub async fn consume(
    app: &TestApp,
    tenant: &Created,
    key: &str,
    amount: i64,
) -> (StatusCode, Value) {
    send(
        app,
        "POST",
        &format!("/api/v1/tenants/{}/quotas/{key}/consume", tenant.id),
        &json!({ "amount": amount }),
    )
    .await
}

pub async fn entitlements(app: &TestApp, tenant: &Created) -> Value {
    app.get_json(
        &format!("/api/v1/tenants/{}/entitlements", tenant.id),
        &app.admin_token,
    )
    .await
}

/// The types of `tenant`'s outbox events, newest first, read from the database.
pub fn event_types(app: &TestApp, tenant: &Created) -> Vec<String> {
    app.db
        .read(|c| landlord_persistence::events::for_tenant(c, tenant.id, 1000))
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect()
}
