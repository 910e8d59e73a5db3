//! Provisioning end to end: external steps over the API, called at a receiver the test
//! runs, the pipeline read back while it runs, with time from the injected clock.

mod crash;
mod pipeline;
mod processes;
mod retry;
mod steps;

use landlord_tests::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Adds an external step as the management admin; returns its id and secret.
async fn create_step(app: &TestApp, name: &str, url: &str, extra: Value) -> (i64, String) {
    let mut body = json!({ "name": name, "url": url });
    if let (Some(obj), Value::Object(more)) = (body.as_object_mut(), extra) {
        obj.extend(more);
    }
    let response = app
        .post("/api/v1/provisioning-steps", &app.admin_token, &body)
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (
        body["id"].as_i64().unwrap(),
        body["secret"].as_str().unwrap().to_owned(),
    )
}

async fn provisioning(app: &TestApp, tenant: i64) -> Value {
    app.get_json(
        &format!("/api/v1/tenants/{tenant}/provisioning"),
        &app.admin_token,
    )
    .await
}

/// Polls the tenant's pipeline (up to 15 s) until `check` holds; returns it.
async fn wait_provisioning(
    app: &TestApp,
    tenant: i64,
    what: &str,
    check: impl Fn(&Value) -> bool,
) -> Value {
    let mut last = Value::Null;
    for _ in 0..300 {
        last = provisioning(app, tenant).await;
        if check(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}: {last}");
}

/// The pipeline's step called `name`.
fn step<'a>(pipeline: &'a Value, name: &str) -> &'a Value {
    pipeline["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name} in {pipeline}"))
}

async fn tenant_status(app: &TestApp, tenant: i64) -> String {
    app.get_json(&format!("/api/v1/tenants/{tenant}"), &app.admin_token)
        .await["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Moves the server's clock on and signs in again: the admin's token lives an hour of
/// that clock.
async fn advance(app: &mut TestApp, by: chrono::Duration) {
    app.clock.advance(by);
    app.admin_token = app
        .login_ok("management", "admin", landlord_tests::ADMIN_PASSWORD)
        .await;
}
