//! Idempotency-Key on mutations: Stripe's semantics, stored in the database.

use landlord_tests::*;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

fn tenant_body(domain: &str) -> Value {
    json!({
        "domain": domain, "name": "Acme", "type": "company",
        "admin_username": "owner", "admin_email": "owner@acme.test", "admin_password": "owner-pass-1",
    })
}

async fn post_with_key(
    app: &TestApp,
    token: &str,
    path: &str,
    key: &str,
    body: &Value,
) -> Response {
    app.request(Method::POST, path, Some(token))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_retry_with_the_same_key_replays_the_first_answer_and_creates_nothing_more() {
    let app = spawn_app().await;
    let first = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "create-acme-1",
        &tenant_body("acme"),
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let location = first.headers()["location"].clone();
    let first_body: Value = first.json().await.unwrap();
    let stored = app.stored_tenant_count();

    let retry = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "create-acme-1",
        &tenant_body("acme"),
    )
    .await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(retry.headers()["location"], location);
    assert!(
        retry.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let retry_body: Value = retry.json().await.unwrap();
    assert_eq!(retry_body, first_body);
    assert_eq!(
        app.stored_tenant_count(),
        stored,
        "the retry created nothing"
    );
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let first = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "k-1",
        &tenant_body("acme"),
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let stored = app.stored_tenant_count();
    let other = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "k-1",
        &tenant_body("globex"),
    )
    .await;
    assert_eq!(other.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = problem(other).await;
    assert_eq!(problem["code"], "idempotency_key_reused");
    assert_eq!(problem_fields(&problem), vec!["Idempotency-Key"]);
    assert_eq!(app.stored_tenant_count(), stored);

    // Another path with the same key is another request too.
    let user = json!({ "username": "u1", "email": "u1@x.test", "role": "viewer", "password": "user-pass-1" });
    let response = post_with_key(&app, &app.admin_token, "/api/v1/users", "k-1", &user).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn two_requests_with_one_key_at_the_same_moment_create_one_tenant() {
    let app = spawn_app().await;
    let before = app.stored_tenant_count();
    let body = tenant_body("racer");
    let attempts =
        (0..6).map(|_| post_with_key(&app, &app.admin_token, "/api/v1/tenants", "race-1", &body));
    let responses = futures_util::future::join_all(attempts).await;
    let mut created = 0;
    for response in responses {
        let status = response.status();
        let replayed = response.headers().get("idempotent-replayed").is_some();
        let body: Value = response.json().await.unwrap();
        match status {
            StatusCode::CREATED if !replayed => created += 1,
            StatusCode::CREATED => assert_eq!(body["domain"], "racer"),
            StatusCode::CONFLICT => assert_eq!(body["code"], "idempotency_key_in_use"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1, "exactly one request ran the change");
    assert_eq!(app.stored_tenant_count(), before + 1);
}

#[tokio::test]
async fn keys_belong_to_the_user_who_sent_them() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token,
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let reseller_token = app.token_for(&reseller).await;
    let a = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "shared",
        &tenant_body("one"),
    )
    .await;
    assert_eq!(a.status(), StatusCode::CREATED);
    let b = post_with_key(
        &app,
        &reseller_token,
        "/api/v1/tenants",
        "shared",
        &tenant_body("two"),
    )
    .await;
    assert_eq!(
        b.status(),
        StatusCode::CREATED,
        "another user's key is another key"
    );
    assert!(b.headers().get("idempotent-replayed").is_none());
}

#[tokio::test]
async fn a_request_that_failed_releases_its_key_so_a_corrected_retry_runs() {
    let app = spawn_app().await;
    app.create_tenant("taken").await;
    let failed = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "k-fail",
        &tenant_body("taken"),
    )
    .await;
    assert_eq!(failed.status(), StatusCode::CONFLICT);
    assert_eq!(problem(failed).await["code"], "domain_taken");
    let retry = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "k-fail",
        &tenant_body("fresh"),
    )
    .await;
    assert_eq!(retry.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn keys_are_kept_for_a_day_then_forgotten() {
    let app = spawn_app().await;
    let first = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "daily",
        &tenant_body("day-one"),
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    app.clock.advance(chrono::Duration::hours(23));
    let token = app.login_ok("management", "admin", ADMIN_PASSWORD).await;
    let replay = post_with_key(
        &app,
        &token,
        "/api/v1/tenants",
        "daily",
        &tenant_body("day-one"),
    )
    .await;
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    app.clock.advance(chrono::Duration::hours(2));
    let token = app.login_ok("management", "admin", ADMIN_PASSWORD).await;
    let fresh = post_with_key(
        &app,
        &token,
        "/api/v1/tenants",
        "daily",
        &tenant_body("day-two"),
    )
    .await;
    assert_eq!(fresh.status(), StatusCode::CREATED);
    assert!(fresh.headers().get("idempotent-replayed").is_none());
}

#[tokio::test]
async fn deletes_and_patches_replay_too() {
    let app = spawn_app().await;
    let tenant = app.create_tenant("editable").await;
    let path = format!("/api/v1/tenants/{}", tenant.id);
    let patch = || {
        app.request(Method::PATCH, &path, Some(&app.admin_token))
            .header("Idempotency-Key", "rename")
            .json(&json!({ "name": "Renamed" }))
            .send()
    };
    assert_eq!(patch().await.unwrap().status(), StatusCode::OK);
    assert_eq!(
        patch().await.unwrap().headers()["idempotent-replayed"],
        "true"
    );
    let delete = || {
        app.request(Method::DELETE, &path, Some(&app.admin_token))
            .header("Idempotency-Key", "remove")
            .send()
    };
    assert_eq!(delete().await.unwrap().status(), StatusCode::NO_CONTENT);
    let again = delete().await.unwrap();
    assert_eq!(
        again.status(),
        StatusCode::NO_CONTENT,
        "not 404: the first answer is replayed"
    );
    assert_eq!(again.headers()["idempotent-replayed"], "true");
}

#[tokio::test]
async fn a_malformed_key_is_refused_naming_the_header() {
    let app = spawn_app().await;
    let before = app.stored_tenant_count();
    let long = "k".repeat(256);
    for key in [long.as_str(), "has space"] {
        let response = post_with_key(
            &app,
            &app.admin_token,
            "/api/v1/tenants",
            key,
            &tenant_body("nope"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            problem_fields(&problem(response).await),
            vec!["Idempotency-Key"]
        );
    }
    assert_eq!(app.stored_tenant_count(), before);
}

#[tokio::test]
async fn a_claim_and_its_change_commit_together() {
    // The change marks its key committed in its own transaction: a stored tenant always has
    // a committed-or-completed key, never a running one.
    let app = spawn_app().await;
    let response = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/tenants",
        "atomic",
        &tenant_body("atomic"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let state: String = app
        .db
        .read(|conn| {
            use diesel::prelude::*;
            use landlord_persistence::schema::idempotency_keys::dsl as k;
            k::idempotency_keys
                .filter(k::idempotency_key.eq("atomic"))
                .select(k::state)
                .first::<String>(conn)
                .map_err(landlord_persistence::StoreError::from)
        })
        .unwrap();
    assert_eq!(state, "completed");
}

/// Webhook endpoints go through the same claim as every other change: a retry of a
/// registration replays its answer (the same secret) and registers nothing more.
#[tokio::test]
async fn a_retried_webhook_registration_registers_one_endpoint() {
    let app = spawn_app().await;
    let body = json!({ "url": "https://hooks.example.com/one", "event_types": ["*"] });
    let first = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/webhook-endpoints",
        "register-1",
        &body,
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let retry = post_with_key(
        &app,
        &app.admin_token,
        "/api/v1/webhook-endpoints",
        "register-1",
        &body,
    )
    .await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(retry, first, "the same endpoint and secret");
    let list = app
        .get_json("/api/v1/webhook-endpoints", &app.admin_token)
        .await;
    assert_eq!(list["total"], 1, "{list}");
}
