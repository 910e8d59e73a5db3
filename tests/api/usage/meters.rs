use super::noon;
use landlord_tests::{problem, problem_fields, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_built_in_meters_are_listed_and_the_operator_adds_its_own() {
    let app = spawn_app_at(noon()).await;
    let list = app.get_json("/api/v1/meters", &app.admin_token).await;
    let keys: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "api_requests",
            "devices",
            "microservice_cpu",
            "microservice_memory",
            "root_devices",
            "storage",
            "users"
        ]
    );
    let storage = &list["items"][5];
    assert_eq!(storage["kind"], "gauge");
    assert_eq!(storage["aggregation"], "latest");
    assert_eq!(storage["unit"], "bytes");

    let body = json!({"key": "active_agents", "name": "Active agents", "unit": "agents",
        "aggregation": "unique_count", "property": "agent_id", "kind": "gauge"});
    let response = app.post("/api/v1/meters", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["property"], "agent_id");
    let response = app.post("/api/v1/meters", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(problem(response).await["code"], "key_taken");
    let list = app.get_json("/api/v1/meters", &app.admin_token).await;
    assert_eq!(list["total"], 8);
}

#[tokio::test]
async fn a_unique_count_meter_needs_a_property_and_others_refuse_one() {
    let app = spawn_app_at(noon()).await;
    for (aggregation, property) in [("unique_count", Value::Null), ("sum", json!("user"))] {
        let body = json!({"key": "m", "name": "M", "unit": "u", "aggregation": aggregation,
            "property": property, "kind": "counter"});
        let response = app.post("/api/v1/meters", &app.admin_token, &body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem_fields(&problem(response).await), ["property"]);
    }
    let body = json!({"key": "Bad Key", "name": "M", "unit": "u", "aggregation": "sum",
        "kind": "counter"});
    let response = app.post("/api/v1/meters", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(response).await), ["key"]);
}

#[tokio::test]
async fn only_the_management_tenant_defines_meters() {
    let app = spawn_app_at(noon()).await;
    let acme = app.create_tenant("acme").await;
    let token = app.token_for(&acme).await;
    let body = json!({"key": "m", "name": "M", "unit": "u", "aggregation": "sum",
        "kind": "counter"});
    let response = app.post("/api/v1/meters", &token, &body).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/api/v1/meters", &token).await.status(),
        StatusCode::OK
    );
}
