//! Webhooks end to end: endpoints over the API, deliveries to a receiver the test runs,
//! signatures checked with code independent of the server's.

mod addresses;
mod delivery;
mod endpoints;
mod processes;
mod retention;
mod retries;
mod subtree;

use landlord_tests::TestApp;
use landlord_tests::receiver::Received;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Registers an endpoint as `token`; returns its id and secret.
async fn create_endpoint(app: &TestApp, token: &str, url: &str, types: &[&str]) -> (i64, String) {
    let response = app
        .post(
            "/api/v1/webhook-endpoints",
            token,
            &json!({ "url": url, "event_types": types, "description": "test receiver" }),
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (
        body["id"].as_i64().unwrap(),
        body["secret"].as_str().unwrap().to_owned(),
    )
}

async fn deliveries(app: &TestApp, endpoint: i64) -> Value {
    app.get_json(
        &format!("/api/v1/webhook-endpoints/{endpoint}/deliveries"),
        &app.admin_token,
    )
    .await
}

/// Polls the endpoint's deliveries (up to 15 s) until `check` holds; returns the page.
async fn wait_deliveries(
    app: &TestApp,
    endpoint: i64,
    what: &str,
    check: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let mut last = Vec::new();
    for _ in 0..300 {
        last = deliveries(app, endpoint).await["items"]
            .as_array()
            .unwrap()
            .clone();
        if check(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}: {last:?}");
}

/// Moves the server's clock on and signs in again: the admin's token lives an hour of
/// that clock.
async fn advance(app: &mut TestApp, by: chrono::Duration) {
    app.clock.advance(by);
    app.admin_token = app
        .login_ok("management", "admin", landlord_tests::ADMIN_PASSWORD)
        .await;
}

/// How many attempts a delivery has.
fn attempts(delivery: &Value) -> usize {
    delivery["attempts"].as_array().unwrap().len()
}

/// Whether `secret` made one of the request's signatures (checked independently of the
/// server's code, in the support crate).
fn signed_by(secret: &str, request: &Received) -> bool {
    request.signed_by(secret)
}

/// The number of signatures a request carries.
fn signatures(request: &Received) -> usize {
    request.signatures()
}
