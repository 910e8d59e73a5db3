//! The operator's external steps, and the built-in steps every tenant records.

use super::{create_step, provisioning};
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn without_external_steps_a_tenant_is_active_at_once_with_its_built_in_steps_recorded() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    assert_eq!(acme.body["status"], "active");
    let pipeline = provisioning(&app, acme.id).await;
    assert_eq!(pipeline["status"], "succeeded", "{pipeline}");
    let steps: Vec<(&str, &str, &str)> = pipeline["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap(),
                s["kind"].as_str().unwrap(),
                s["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("create_admin", "builtin", "succeeded"),
            ("apply_policy", "builtin", "skipped"),
            ("subscribe_applications", "builtin", "skipped"),
            ("start_subscription", "builtin", "skipped"),
        ]
    );
    assert_eq!(pipeline["steps"][0]["attempts"], 1);
    assert!(pipeline["steps"][0]["finished_at"].is_string());
    // Its own administrator may read it too; another tenant's is not found.
    let token = app.token_for(&acme).await;
    let own = app
        .get(&format!("/api/v1/tenants/{}/provisioning", acme.id), &token)
        .await;
    assert_eq!(own.status(), StatusCode::OK);
    let other = app.create_tenant("other").await;
    let response = app
        .get(
            &format!("/api/v1/tenants/{}/provisioning", other.id),
            &token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_management_tenant_adds_lists_changes_and_removes_external_steps() {
    let app = spawn_app().await;
    let (first, secret) =
        create_step(&app, "create-database", "http://127.0.0.1:9/db", json!({})).await;
    assert!(secret.starts_with("whsec_"));
    let (second, _) = create_step(
        &app,
        "seed_data",
        "http://127.0.0.1:9/seed",
        json!({ "timeout_s": 3, "max_attempts": 2 }),
    )
    .await;
    let list = app
        .get_json("/api/v1/provisioning-steps", &app.admin_token)
        .await;
    assert_eq!(list["total"], 2);
    assert_eq!(item_strs(&list, "name"), ["create-database", "seed_data"]);
    assert_eq!(list["items"][0]["timeout_s"], 30);
    assert_eq!(list["items"][0]["max_attempts"], 5);
    assert_eq!(list["items"][1]["timeout_s"], 3);
    assert!(
        list["items"][0].get("secret").is_none(),
        "secrets are never listed"
    );

    let changed: Value = app
        .patch(
            &format!("/api/v1/provisioning-steps/{second}"),
            &app.admin_token,
            &json!({ "position": 0 }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(changed["position"], 0);
    let list = app
        .get_json("/api/v1/provisioning-steps", &app.admin_token)
        .await;
    assert_eq!(item_strs(&list, "name"), ["seed_data", "create-database"]);

    let taken = app
        .post(
            "/api/v1/provisioning-steps",
            &app.admin_token,
            &json!({ "name": "seed_data", "url": "http://127.0.0.1:9/x" }),
        )
        .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let body = problem(taken).await;
    assert_eq!(body["code"], "step_name_taken");
    assert_eq!(problem_fields(&body), ["name"]);

    let deleted = app
        .delete(
            &format!("/api/v1/provisioning-steps/{first}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let again = app
        .delete(
            &format!("/api/v1/provisioning-steps/{first}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_steps_are_refused_naming_each_field() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/provisioning-steps",
            &app.admin_token,
            &json!({
                "name": "Create DB",
                "url": "ftp://example.com",
                "timeout_s": 0,
                "max_attempts": 21,
                "position": -1,
            }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&problem(response).await);
    fields.sort();
    assert_eq!(
        fields,
        ["max_attempts", "name", "position", "timeout_s", "url"]
    );
    let builtin = app
        .post(
            "/api/v1/provisioning-steps",
            &app.admin_token,
            &json!({ "name": "create_admin", "url": "http://127.0.0.1:9/" }),
        )
        .await;
    assert_eq!(builtin.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(builtin).await["errors"][0]["code"], "reserved");
    let unknown = app
        .post(
            "/api/v1/provisioning-steps",
            &app.admin_token,
            &json!({ "name": "a", "url": "http://127.0.0.1:9/", "retries": 3 }),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_the_management_tenant_defines_steps() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let token = app.token_for(&reseller).await;
    let response = app
        .post(
            "/api/v1/provisioning-steps",
            &token,
            &json!({ "name": "db", "url": "http://127.0.0.1:9/" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "management_only");
    let list = app.get("/api/v1/provisioning-steps", &token).await;
    assert_eq!(list.status(), StatusCode::FORBIDDEN);
    let list = app
        .get_json("/api/v1/provisioning-steps", &app.admin_token)
        .await;
    assert_eq!(list["total"], 0, "nothing was stored");
}

#[tokio::test]
async fn a_step_into_a_private_network_is_refused_as_webhooks_are() {
    let app = spawn_app_configured(None, |args| args.webhook_allow_private_networks = false).await;
    let response = app
        .post(
            "/api/v1/provisioning-steps",
            &app.admin_token,
            &json!({ "name": "db", "url": "http://127.0.0.1:8080/db" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = problem(response).await;
    assert_eq!(problem_fields(&body), ["url"]);
    assert_eq!(body["errors"][0]["code"], "url_not_allowed");
}
