//! Plans, subscriptions, invoices, payments and dunning, through the API with an injected
//! clock that the tests walk through billing periods.

mod dunning;
mod invoices;
mod periods;
mod plans;
mod proration;
mod revenue;
mod runs;

use chrono::{DateTime, Utc};
use landlord_tests::{Created, TestApp, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&Utc)
}

/// A server whose clock starts at `start`.
pub async fn app_at(start: &str) -> TestApp {
    spawn_app_at(at(start)).await
}

/// Adds a plan to the management catalogue; `prices` like `json!({"monthly": "20.00"})`.
pub async fn plan(
    app: &TestApp,
    code: &str,
    currency: &str,
    prices: Value,
    trial_days: Option<u32>,
) -> Value {
    let mut body = json!({ "code": code, "name": code.to_uppercase(), "currency": currency, "prices": prices });
    if let Some(days) = trial_days {
        body["trial_days"] = json!(days);
    }
    let response = app.post("/api/v1/plans", &app.admin_token, &body).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

pub const CARD_OK: &str = "4242 4242 4242 4242";
pub const CARD_DECLINED: &str = "4000 0000 0000 0002";

pub fn card(number: &str) -> Value {
    json!({ "type": "card", "number": number, "exp_month": 12, "exp_year": 2035 })
}

/// Starts or changes `tenant`'s subscription; asserts success.
pub async fn subscribe(app: &TestApp, tenant: &Created, body: Value) -> Value {
    let response = app
        .put(
            &format!("/api/v1/tenants/{}/subscription", tenant.id),
            &app.admin_token,
            &body,
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

pub async fn subscription(app: &TestApp, tenant: &Created) -> Value {
    app.get_json(
        &format!("/api/v1/tenants/{}/subscription", tenant.id),
        &app.admin_token,
    )
    .await
}

/// Moves the clock to `when` and runs billing as of then.
pub async fn bill(app: &TestApp, when: &str) -> Value {
    app.clock.set(at(when));
    let response = app
        .post("/api/v1/billing/runs", &app.admin_token, &json!({}))
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// The tenant's invoices, oldest first.
pub async fn invoices(app: &TestApp, tenant: &Created) -> Vec<Value> {
    let page = app
        .get_json(
            &format!(
                "/api/v1/invoices?tenant={}&sort=issued_at&per_page=200",
                tenant.id
            ),
            &app.admin_token,
        )
        .await;
    page["items"].as_array().unwrap().clone()
}

pub async fn tenant(app: &TestApp, tenant: &Created) -> Value {
    app.get_json(&format!("/api/v1/tenants/{}", tenant.id), &app.admin_token)
        .await
}
