//! Per-tenant request-rate limits (seed 003): the tenant fields, the queue and the 429 with
//! the injected clock frozen (so the only time that passes is the queued requests' waits),
//! the system default, and one limit shared by two server processes over one database.

use futures_util::future::join_all;
use landlord_tests::*;
use reqwest::{Response, StatusCode};
use serde_json::json;

const ME: &str = "/api/v1/auth/me";

async fn limited(app: &TestApp, domain: &str, requests: i64, queue: i64) -> (Created, String) {
    let tenant = app
        .create_tenant_as(
            &app.admin_token.clone(),
            domain,
            json!({ "limit_http_requests": requests, "limit_http_queue": queue }),
        )
        .await;
    let token = app.token_for(&tenant).await;
    (tenant, token)
}

/// `n` requests at once, spread over `apps` in turn; their statuses, sorted.
async fn burst(apps: &[&TestApp], token: &str, n: usize) -> Vec<Response> {
    join_all((0..n).map(|i| apps[i % apps.len()].get(ME, token))).await
}

fn count(responses: &[Response], status: StatusCode) -> usize {
    responses.iter().filter(|r| r.status() == status).count()
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn the_limits_are_tenant_fields_set_by_the_parent() {
    let app = spawn_app().await;
    let (tenant, token) = limited(&app, "paced", 20, 4).await;
    assert_eq!(tenant.body["limit_http_requests"], 20);
    assert_eq!(tenant.body["limit_http_queue"], 4);
    let unlimited = app.create_tenant("free").await;
    assert!(unlimited.body["limit_http_requests"].is_null());
    assert!(unlimited.body["limit_http_queue"].is_null());

    let path = format!("/api/v1/tenants/{}", tenant.id);
    let back = app
        .patch(
            &path,
            &app.admin_token,
            &json!({ "limit_http_requests": null, "limit_http_queue": -1 }),
        )
        .await;
    assert_eq!(back.status(), StatusCode::OK);
    let back: serde_json::Value = back.json().await.unwrap();
    assert!(
        back["limit_http_requests"].is_null(),
        "null: the system default again"
    );
    assert_eq!(back["limit_http_queue"], -1);

    let bad = app
        .patch(
            &path,
            &app.admin_token,
            &json!({ "limit_http_requests": 0, "limit_http_queue": -2 }),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&problem(bad).await);
    fields.sort();
    assert_eq!(fields, ["limit_http_queue", "limit_http_requests"]);
    let too_fast = app
        .post(
            "/api/v1/tenants",
            &app.admin_token,
            &json!({ "domain": "racer", "name": "Racer", "admin_username": "owner",
                     "admin_email": "owner@racer.test", "admin_password": "racer-pass-1",
                     "limit_http_requests": 100_001 }),
        )
        .await;
    assert_eq!(
        problem_fields(&problem(too_fast).await),
        ["limit_http_requests"]
    );

    // A tenant cannot lift its own limit.
    let own = app
        .patch(&path, &token, &json!({ "limit_http_requests": -1 }))
        .await;
    assert_eq!(own.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem_fields(&problem(own).await), ["limit_http_requests"]);
}

#[tokio::test]
async fn above_the_rate_requests_queue_and_beyond_the_queue_get_429() {
    let app = spawn_app().await;
    // 10 a second, 2 may wait: at one frozen instant, one is served at once, two after
    // 100 and 200 ms, and the others are refused.
    let (_, token) = limited(&app, "paced", 10, 2).await;
    let (_, neighbour) = limited(&app, "neighbour", 10, 0).await;
    let started = std::time::Instant::now();
    let responses = burst(&[&app], &token, 6).await;
    // The queued ones were held until their turn (a lower bound: nothing here is timed).
    assert!(started.elapsed() >= std::time::Duration::from_millis(200));
    assert_eq!(count(&responses, StatusCode::OK), 3);
    assert_eq!(count(&responses, StatusCode::TOO_MANY_REQUESTS), 3);
    let refused = responses
        .into_iter()
        .find(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .unwrap();
    assert_eq!(header(&refused, "retry-after"), "1");
    assert_eq!(header(&refused, "ratelimit-policy"), "\"tenant\";q=10;w=1");
    assert_eq!(header(&refused, "ratelimit"), "\"tenant\";r=0;t=1");
    let body = problem(refused).await;
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(body["status"], 429);

    // The neighbour's own limit is untouched by its neighbour's burst.
    let served = app.get(ME, &neighbour).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(header(&served, "ratelimit"), "\"tenant\";r=0;t=1");
    // An unlimited tenant's answers carry no rate-limit fields.
    let admin = app.get(ME, &app.admin_token).await;
    assert_eq!(admin.status(), StatusCode::OK);
    assert!(admin.headers().get("ratelimit").is_none());

    // A second later the backlog is gone.
    app.clock.advance(chrono::Duration::seconds(1));
    let again = app.get(ME, &token).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(header(&again, "ratelimit"), "\"tenant\";r=2;t=1");
}

#[tokio::test]
async fn the_system_default_applies_where_a_tenant_sets_none_and_minus_one_is_off() {
    let app = spawn_app_configured(None, |args| {
        args.request_limits.limit_http_requests = Some(5);
        args.request_limits.limit_http_queue = Some(0);
    })
    .await;
    let defaulted = app.create_tenant("defaulted").await;
    let token = app.token_for(&defaulted).await;
    let responses = burst(&[&app], &token, 4).await;
    assert_eq!(count(&responses, StatusCode::OK), 1);
    assert_eq!(
        header(&responses[0], "ratelimit-policy"),
        "\"tenant\";q=5;w=1"
    );

    let (_, free) = limited(&app, "free", -1, -1).await;
    let responses = burst(&[&app], &free, 8).await;
    assert_eq!(
        count(&responses, StatusCode::OK),
        8,
        "-1 switches the limit off"
    );
}

#[tokio::test]
async fn two_server_processes_share_one_limit() {
    let first = spawn_app().await;
    let second = spawn_another_app(&first).await;
    // Both processes' clocks are frozen at the same instant: across both, exactly one
    // request is served at once and three after waiting; the rest are refused, as one
    // process alone would decide.
    let (_, token) = limited(&first, "shared", 5, 3).await;
    let responses = burst(&[&first, &second], &token, 12).await;
    assert_eq!(count(&responses, StatusCode::OK), 4);
    assert_eq!(count(&responses, StatusCode::TOO_MANY_REQUESTS), 8);
}

#[tokio::test]
async fn only_the_operator_sets_limits_so_a_reseller_cannot_lift_its_subtenants() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let reseller_token = app.token_for(&reseller).await;
    let refused = app
        .post(
            "/api/v1/tenants",
            &reseller_token,
            &json!({ "domain": "child", "name": "Child", "admin_username": "owner",
                     "admin_email": "owner@child.test", "admin_password": "child-pass-1",
                     "limit_http_requests": -1 }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body = problem(refused).await;
    assert_eq!(body["code"], "management_only");
    assert_eq!(problem_fields(&body), ["limit_http_requests"]);
    let child = app
        .create_tenant_as(&reseller_token, "child", json!({}))
        .await;
    let lift = app
        .patch(
            &format!("/api/v1/tenants/{}", child.id),
            &reseller_token,
            &json!({ "limit_http_queue": 100 }),
        )
        .await;
    assert_eq!(lift.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem_fields(&problem(lift).await), ["limit_http_queue"]);
}

#[tokio::test]
async fn a_service_tokens_requests_count_against_its_tenant() {
    let app = spawn_app().await;
    let (tenant, token) = limited(&app, "paced", 10, 0).await;
    let created = app
        .post(
            "/api/v1/service-tokens",
            &token,
            &json!({ "name": "backend", "scopes": ["entitlements:read"] }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let service: serde_json::Value = created.json().await.unwrap();
    let service = service["token"].as_str().unwrap().to_owned();
    app.clock.advance(chrono::Duration::seconds(1));
    let path = format!("/api/v1/tenants/{}/entitlements", tenant.id);
    let responses = join_all((0..4).map(|_| app.get(&path, &service))).await;
    assert_eq!(count(&responses, StatusCode::OK), 1);
    assert_eq!(count(&responses, StatusCode::TOO_MANY_REQUESTS), 3);
    // The signed-in administrator shares the same limit.
    assert_eq!(
        app.get(ME, &token).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_raised_limit_applies_to_the_next_request() {
    let app = spawn_app().await;
    let (tenant, token) = limited(&app, "paced", 1, 0).await;
    let responses = burst(&[&app], &token, 3).await;
    assert_eq!(count(&responses, StatusCode::OK), 1);
    let raised = app
        .patch(
            &format!("/api/v1/tenants/{}", tenant.id),
            &app.admin_token,
            &json!({ "limit_http_requests": 1000, "limit_http_queue": 10 }),
        )
        .await;
    assert_eq!(raised.status(), StatusCode::OK);
    // Under the old limit the next place was a second away; a changed limit starts afresh.
    let responses = burst(&[&app], &token, 12).await;
    assert_eq!(
        count(&responses, StatusCode::OK),
        11,
        "1 at once and 10 queued"
    );
    assert_eq!(count(&responses, StatusCode::TOO_MANY_REQUESTS), 1);
}
