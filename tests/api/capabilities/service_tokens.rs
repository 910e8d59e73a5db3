use super::send;
use landlord_tests::{problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn token(app: &landlord_tests::TestApp, scopes: Value) -> (String, i64) {
    let (status, body) = send(
        app,
        "POST",
        "/api/v1/service-tokens",
        &json!({ "name": "cx-backend", "scopes": scopes }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let token = body["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("llst_"), "{token}");
    (token, body["id"].as_i64().unwrap())
}

#[tokio::test]
async fn a_service_token_consumes_and_reads_within_its_scopes_only() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let (consumer, consumer_id) = token(&app, json!(["quotas:consume"])).await;
    let (reader, _) = token(&app, json!(["entitlements:read"])).await;
    let consume = format!("/api/v1/tenants/{}/quotas/max_agents/consume", acme.id);
    let read = format!("/api/v1/tenants/{}/entitlements", acme.id);

    let response = app.post(&consume, &consumer, &json!({ "amount": 1 })).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get(&read, &consumer).await.status(),
        StatusCode::FORBIDDEN
    );
    let response = app.get(&read, &reader).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["quotas"]["max_agents"]["used"], 1);
    let response = app.post(&consume, &reader, &json!({ "amount": 1 })).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Nowhere else: not a session token.
    assert_eq!(
        app.get("/api/v1/tenants", &consumer).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let response = app
        .patch(
            &format!("/api/v1/tenants/{}/quotas/max_agents", acme.id),
            &consumer,
            &json!({ "override": 100 }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // The list never shows a token; a revoked one is refused at once.
    let (_, list) = send(&app, "GET", "/api/v1/service-tokens", &json!({})).await;
    assert_eq!(list["total"], 2);
    assert!(list["items"][0].get("token").is_none(), "{list}");
    let response = app
        .delete(
            &format!("/api/v1/service-tokens/{consumer_id}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app.post(&consume, &consumer, &json!({ "amount": 1 })).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.post(&consume, "llst_not-a-token", &json!({ "amount": 1 }))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_service_token_needs_a_name_and_known_scopes() {
    let app = spawn_app().await;
    let (status, body) = send(
        &app,
        "POST",
        "/api/v1/service-tokens",
        &json!({ "name": " ", "scopes": [] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["name", "scopes"]);
    let (status, _) = send(
        &app,
        "POST",
        "/api/v1/service-tokens",
        &json!({ "name": "x", "scopes": ["tenants:delete"] }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
