//! Applications: the catalogue, tenants' subscriptions (default ones at creation), and
//! microservices' instance reports with the status they amount to, on the backend under
//! test.

mod billing;
mod catalogue;
mod instances;
mod subscriptions;
mod usage;

use landlord_tests::{Created, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Creates an application as `token`'s user; asserts 201 and answers it.
pub async fn create_as(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app.post("/api/v1/applications", token, &body).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

pub async fn create(app: &TestApp, body: Value) -> Value {
    create_as(app, &app.admin_token.clone(), body).await
}

/// A web application.
pub fn web(key: &str) -> Value {
    json!({ "key": key, "name": format!("{key} app"), "type": "web" })
}

/// A microservice billed by resources with the given isolation.
pub fn microservice(key: &str, isolation: &str) -> Value {
    json!({ "key": key, "name": format!("{key} service"), "type": "microservice",
        "billing_mode": "resources", "isolation": isolation,
        "cpu_millicores": 2000, "memory_mb": 2048 })
}

/// `tenant`'s applications as `token`'s user.
pub async fn tenant_applications_as(app: &TestApp, token: &str, tenant: i64) -> Value {
    let response = app
        .get(&format!("/api/v1/tenants/{tenant}/applications"), token)
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

pub async fn tenant_applications(app: &TestApp, tenant: &Created) -> Value {
    tenant_applications_as(app, &app.admin_token.clone(), tenant.id).await
}

/// The keys of a list of applications (`available`) or subscriptions (`subscribed`).
pub fn keys(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a.get("application")
                .unwrap_or(a)
                .get("key")
                .and_then(Value::as_str)
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The subscription of `key` in a tenant's applications.
pub fn subscription<'a>(applications: &'a Value, key: &str) -> &'a Value {
    applications["subscribed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["application"]["key"] == key)
        .unwrap_or_else(|| panic!("{key} is not subscribed: {applications}"))
}

/// `tenant`'s audit records about applications, oldest first: `(action, target_id, details)`.
pub async fn application_audit(app: &TestApp, tenant: i64) -> Vec<(String, String, Value)> {
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{tenant}/audit-log?per_page=200"),
            &app.admin_token,
        )
        .await;
    let mut entries: Vec<(String, String, Value)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["target_type"] == "application")
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["target_id"].as_str().unwrap_or_default().to_owned(),
                e["details"].clone(),
            )
        })
        .collect();
    entries.reverse();
    entries
}

/// The types of `tenant`'s outbox events, newest first, read from the database.
pub fn event_types(app: &TestApp, tenant: i64) -> Vec<String> {
    app.db
        .read(|c| landlord_persistence::events::for_tenant(c, tenant, 1000))
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect()
}

/// A reseller: a tenant of the management tenant allowed subtenants, and its admin's token.
pub async fn reseller(app: &TestApp, domain: &str) -> (Created, String) {
    let tenant = app
        .create_tenant_as(
            &app.admin_token.clone(),
            domain,
            json!({ "allow_subtenants": true }),
        )
        .await;
    let token = app.token_for(&tenant).await;
    (tenant, token)
}
