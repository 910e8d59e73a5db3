//! Usage metering: meters, idempotent event ingestion with per-event outcomes, daily
//! rollups in each tenant's time zone, and a tenant's usage with its summary, on the
//! backend under test.

mod ingest;
mod meters;
mod quota_feed;
mod statistics;
mod table;

use chrono::{DateTime, TimeZone, Utc};
use landlord_tests::{Created, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The tests' "now": 12:00 UTC on 10 March 2026.
pub fn noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()
}

/// A tenant in `zone`.
pub async fn tenant_in(app: &TestApp, domain: &str, zone: &str) -> Created {
    app.create_tenant_as(
        &app.admin_token.clone(),
        domain,
        json!({ "time_zone": zone }),
    )
    .await
}

/// An event as JSON.
pub fn event(id: &str, tenant: Value, meter: &str, value: Value, at: &str) -> Value {
    json!({ "id": id, "tenant": tenant, "meter": meter, "value": value, "timestamp": at })
}

/// Sends a batch as `token`; asserts 200 and answers the results.
pub async fn ingest_as(app: &TestApp, token: &str, events: Vec<Value>) -> Vec<Value> {
    let response = app
        .post("/api/v1/usage/events", token, &json!({ "events": events }))
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body["results"].as_array().unwrap().clone()
}

pub async fn ingest(app: &TestApp, events: Vec<Value>) -> Vec<Value> {
    ingest_as(app, &app.admin_token.clone(), events).await
}

/// Each result's status (with the reason when refused), in order.
pub fn statuses(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .map(|r| match r["reason"].as_str() {
            Some(reason) => format!("{}:{reason}", r["status"].as_str().unwrap()),
            None => r["status"].as_str().unwrap().to_owned(),
        })
        .collect()
}

/// A tenant's usage over `from..=to`.
pub async fn usage(app: &TestApp, tenant: &Created, from: &str, to: &str) -> Value {
    let response = app
        .get(
            &format!("/api/v1/tenants/{}/usage?from={from}&to={to}", tenant.id),
            &app.admin_token,
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// The value of `meter` on `date` in a usage answer.
pub fn day_value(usage: &Value, date: &str, meter: &str) -> Value {
    usage["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .map(|d| d["values"][meter].clone())
        .unwrap_or(Value::Null)
}
