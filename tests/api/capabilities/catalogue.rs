use super::send;
use landlord_tests::{problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_catalogues_start_with_the_seeded_features_and_quotas() {
    let app = spawn_app().await;
    let (status, features) = send(&app, "GET", "/api/v1/features?per_page=100", &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{features}");
    let keys: Vec<&str> = features["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"contacts") && keys.contains(&"help_center"),
        "{keys:?}"
    );
    let (_, quotas) = send(
        &app,
        "GET",
        "/api/v1/quota-definitions?per_page=100",
        &json!({}),
    )
    .await;
    let quotas = quotas["items"].as_array().unwrap();
    let find = |key: &str| quotas.iter().find(|q| q["key"] == key).unwrap().clone();
    assert_eq!(find("max_agents")["group"], "basic");
    assert_eq!(find("disk_quota")["unit"], "bytes");
    assert_eq!(find("max_audio_video")["kind"], "concurrent");
    assert_eq!(find("extra_workflow_triggers")["kind"], "consumable");
    assert_eq!(find("extra_workflow_triggers")["default_limit"], 1000);
    assert_eq!(find("max_root_devices")["group"], "devices");
    assert_eq!(find("max_devices")["kind"], "allocation");
}

#[tokio::test]
async fn operators_add_features_and_quotas_with_unique_valid_keys() {
    let app = spawn_app().await;
    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/features",
        &json!({ "key": "live_chat", "name": "Live chat", "group": "channels" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["group"], "channels");
    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/features",
        &json!({ "key": "live_chat", "name": "Again" }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "key_taken");
    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/features",
        &json!({ "key": "Bad Key", "name": "" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["key", "name"]);

    let quota = json!({ "key": "api_calls", "name": "API calls", "unit": "calls",
        "kind": "consumable", "default_limit": 10000, "hard": true, "licence_cap": 500000 });
    let (status, body) = send(&app, "POST", "/api/v1/quota-definitions", &quota).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["licence_cap"], 500000);
    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/quota-definitions",
        &json!({ "key": "x", "name": "X", "unit": "u", "kind": "sometimes", "default_limit": 1, "hard": true }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/quota-definitions",
        &json!({ "key": "x", "name": "X", "unit": "u", "kind": "allocation", "default_limit": -2, "hard": true }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["default_limit"]);
}

#[tokio::test]
async fn a_tenant_admin_reads_the_catalogue_but_cannot_change_it() {
    let app = spawn_app().await;
    let tenant = app.create_tenant("acme").await;
    let token = app.token_for(&tenant).await;
    let response = app.get("/api/v1/features", &token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .post(
            "/api/v1/features",
            &token,
            &json!({ "key": "sneaky", "name": "Sneaky" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (_, features) = send(&app, "GET", "/api/v1/features?per_page=100", &json!({})).await;
    assert!(
        features["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["key"] != "sneaky")
    );
}

#[tokio::test]
async fn plans_carry_features_and_quotas_and_refuse_unknown_keys() {
    let app = spawn_app().await;
    let plan = json!({ "code": "pro", "name": "Pro", "currency": "USD", "prices": {"monthly": "20.00"},
        "features": ["contacts"], "quotas": {"max_agents": 25} });
    let (status, body) = send(&app, "POST", "/api/v1/plans", &plan).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["features"], json!(["contacts"]));
    assert_eq!(body["quotas"], json!({"max_agents": 25}));
    let (status, body) = send(
        &app,
        "PATCH",
        "/api/v1/plans/pro",
        &json!({ "features": ["contacts", "help_center"], "quotas": {"max_agents": -1} }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["features"], json!(["contacts", "help_center"]));
    assert_eq!(body["quotas"], json!({"max_agents": -1}));
    let (status, body) = send(
        &app,
        "PATCH",
        "/api/v1/plans/pro",
        &json!({ "features": ["contacts", "teleport"], "quotas": {"nope": 1} }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["features[1]", "quotas.nope"]);
    let (_, body) = send(&app, "GET", "/api/v1/plans/pro", &json!({})).await;
    assert_eq!(
        body["features"],
        json!(["contacts", "help_center"]),
        "unchanged"
    );
}
