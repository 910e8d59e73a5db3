//! Registering, reading, changing and deleting endpoints; who may; bad input.

use super::create_endpoint;
use base64::Engine;
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn an_endpoint_answers_its_secret_once_and_is_listed_without_it() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/webhook-endpoints",
            &app.admin_token,
            &json!({ "url": "https://hooks.example.com/landlord", "event_types": ["tenant.created", "tenant.deleted"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap();
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    assert!((24..=32).contains(&key.len()), "{} bytes", key.len());
    assert_eq!(created["enabled"], true);
    assert_eq!(created["description"], Value::Null);
    assert_eq!(created["disabled_reason"], Value::Null);
    assert_eq!(
        created["event_types"],
        json!(["tenant.created", "tenant.deleted"])
    );
    assert_eq!(
        location,
        format!("/api/v1/webhook-endpoints/{}", created["id"])
    );

    let one = app.get_json(&location, &app.admin_token).await;
    assert_eq!(one["url"], "https://hooks.example.com/landlord");
    assert!(one.get("secret").is_none(), "{one}");
    let list = app
        .get_json("/api/v1/webhook-endpoints", &app.admin_token)
        .await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["total_exact"], true);
    assert_eq!(
        (list["page"].clone(), list["per_page"].clone()),
        (json!(1), json!(50))
    );
    assert!(list["items"][0].get("secret").is_none());
    assert!(
        !list.to_string().contains(secret),
        "the secret never shows again"
    );

    let updated = app
        .patch(
            &location,
            &app.admin_token,
            &json!({ "description": "CRM sync", "enabled": false, "event_types": ["*"] }),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    let updated: Value = updated.json().await.unwrap();
    assert_eq!(
        (
            &updated["description"],
            &updated["enabled"],
            &updated["event_types"]
        ),
        (&json!("CRM sync"), &json!(false), &json!(["*"]))
    );
    let cleared: Value = app
        .patch(&location, &app.admin_token, &json!({ "description": null }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["description"], Value::Null);

    assert_eq!(
        app.delete(&location, &app.admin_token).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&location, &app.admin_token).await.status(),
        StatusCode::NOT_FOUND
    );
    let management = app.get_json("/api/v1/auth/me", &app.admin_token).await["tenant"]["id"]
        .as_i64()
        .unwrap();
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{management}/audit-log"),
            &app.admin_token,
        )
        .await;
    let actions = item_strs(&log, "action");
    for action in [
        "webhook_endpoint.created",
        "webhook_endpoint.updated",
        "webhook_endpoint.deleted",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(
        !log.to_string().contains(secret),
        "the audit log keeps no secret"
    );
}

#[tokio::test]
async fn bad_urls_and_event_types_are_refused_naming_the_field() {
    let app = spawn_app().await;
    for (body, field) in [
        (
            json!({ "url": "ftp://example.com/x", "event_types": ["*"] }),
            "url",
        ),
        (
            json!({ "url": "example.com/hook", "event_types": ["*"] }),
            "url",
        ),
        (
            json!({ "url": "https://example.com", "event_types": ["tenant.exploded"] }),
            "event_types",
        ),
        (
            json!({ "url": "https://example.com", "event_types": ["*", "tenant.created"] }),
            "event_types",
        ),
        (
            json!({ "url": "https://example.com", "event_types": [] }),
            "event_types",
        ),
        (json!({ "url": "https://example.com" }), "event_types"),
        (
            json!({ "url": "https://example.com", "event_types": ["*"], "secret": "mine" }),
            "secret",
        ),
    ] {
        let response = app
            .post("/api/v1/webhook-endpoints", &app.admin_token, &body)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        let problem = problem(response).await;
        assert_eq!(problem["code"], "validation_failed");
        assert_eq!(problem_fields(&problem), [field], "{body}");
    }
    let both = app
        .post(
            "/api/v1/webhook-endpoints",
            &app.admin_token,
            &json!({ "url": "mailto:x@example.com", "event_types": ["nope"] }),
        )
        .await;
    assert_eq!(problem_fields(&problem(both).await), ["url", "event_types"]);

    let (id, _) = create_endpoint(&app, &app.admin_token, "https://example.com/ok", &["*"]).await;
    let path = format!("/api/v1/webhook-endpoints/{id}");
    let response = app
        .patch(
            &path,
            &app.admin_token,
            &json!({ "url": "gopher://example.com" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(response).await), ["url"]);
    let stored = app.get_json(&path, &app.admin_token).await;
    assert_eq!(stored["url"], "https://example.com/ok", "nothing changed");
}

#[tokio::test]
async fn tenants_without_subtenants_and_roles_without_the_permission_are_refused() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let token = app.token_for(&acme).await;
    let body = json!({ "url": "https://acme.example.com/hooks", "event_types": ["*"] });
    let response = app.post("/api/v1/webhook-endpoints", &token, &body).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "subtenants_not_allowed");

    let viewer = json!({ "username": "watcher", "email": "w@landlord.test", "role": "viewer", "password": "viewer-pass-1" });
    assert_eq!(
        app.post("/api/v1/users", &app.admin_token, &viewer)
            .await
            .status(),
        StatusCode::CREATED
    );
    let viewer = app.login_ok("management", "watcher", "viewer-pass-1").await;
    let response = app.post("/api/v1/webhook-endpoints", &viewer, &body).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "missing_permission");
    assert_eq!(
        app.get("/api/v1/webhook-endpoints", &viewer).await.status(),
        StatusCode::OK,
        "a viewer may read"
    );
    let list = app
        .get_json("/api/v1/webhook-endpoints", &app.admin_token)
        .await;
    assert_eq!(list["total"], 0, "nothing was stored");
}

#[tokio::test]
async fn another_tenants_endpoints_and_deliveries_are_not_found() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let reseller_token = app.token_for(&reseller).await;
    let (theirs, _) = create_endpoint(
        &app,
        &reseller_token,
        "https://reseller.example.com/h",
        &["*"],
    )
    .await;
    let receiver = landlord_tests::receiver::Receiver::start().await;
    let (ours, _) = create_endpoint(&app, &app.admin_token, &receiver.url, &["*"]).await;
    let sent = app
        .post(
            &format!("/api/v1/webhook-endpoints/{ours}/test"),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::ACCEPTED);
    let delivery = sent.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    for (token, id) in [(&reseller_token, ours), (&app.admin_token, theirs)] {
        let base = format!("/api/v1/webhook-endpoints/{id}");
        let answers = [
            app.get(&base, token).await.status(),
            app.patch(&base, token, &json!({ "enabled": false }))
                .await
                .status(),
            app.post(&format!("{base}/rotate-secret"), token, &json!({}))
                .await
                .status(),
            app.post(&format!("{base}/test"), token, &json!({}))
                .await
                .status(),
            app.get(&format!("{base}/deliveries"), token).await.status(),
            app.delete(&base, token).await.status(),
        ];
        assert!(
            answers.iter().all(|s| *s == StatusCode::NOT_FOUND),
            "{answers:?}"
        );
    }
    let resend = app
        .post(
            &format!("/api/v1/webhook-deliveries/{delivery}/resend"),
            &reseller_token,
            &json!({}),
        )
        .await;
    assert_eq!(resend.status(), StatusCode::NOT_FOUND);
    let list = app
        .get_json("/api/v1/webhook-endpoints", &reseller_token)
        .await;
    assert_eq!(item_ints(&list, "id"), [theirs], "each lists only its own");
    let still = app
        .get_json(
            &format!("/api/v1/webhook-endpoints/{ours}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(still["enabled"], true, "the refused PATCH changed nothing");
}
