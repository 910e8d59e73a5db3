use futures_util::future::join_all;
use landlord_domain::sign_in_throttle::ThrottleKey;
use landlord_tests::*;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use std::net::IpAddr;

const WRONG: &str = "wrong-pass-1";

/// A sign-in with extra request headers.
async fn attempt(
    app: &TestApp,
    tenant: &str,
    username: &str,
    password: &str,
    headers: &[(&str, &str)],
) -> Response {
    let mut request = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "tenant": tenant, "username": username, "password": password }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

/// A wrong password (or an unknown name): the status it was answered with.
async fn fail(app: &TestApp, tenant: &str, username: &str) -> StatusCode {
    app.login(tenant, username, WRONG).await.status()
}

fn retry_after(response: &Response) -> Option<i64> {
    response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap())
}

/// The failures stored for a key, read from the database (0 without a record).
fn stored_failures(app: &TestApp, key: &ThrottleKey) -> i32 {
    app.db
        .read(|conn| landlord_persistence::sign_in_throttle::find(conn, key))
        .unwrap()
        .map_or(0, |row| row.failures)
}

fn address(text: &str) -> ThrottleKey {
    ThrottleKey::address(text.parse::<IpAddr>().unwrap())
}

fn seconds(n: i64) -> chrono::Duration {
    chrono::Duration::seconds(n)
}

/// Asserts a 429 too_many_attempts problem with this `Retry-After`, and returns its body.
async fn assert_throttled(response: Response, expected_retry_after: i64) -> Value {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(retry_after(&response), Some(expected_retry_after));
    let problem = problem(response).await;
    assert_eq!(problem["code"], "too_many_attempts");
    assert_eq!(problem["type"], "urn:landlord:problem:too_many_attempts");
    assert_eq!(problem["status"], 429);
    assert!(problem.get("access_token").is_none());
    problem
}

#[tokio::test]
async fn five_failures_make_the_sixth_attempt_wait_even_with_the_right_password() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    for _ in 0..5 {
        assert_eq!(fail(&app, "acme", "owner").await, StatusCode::UNAUTHORIZED);
    }
    let response = app.login("acme", "owner", &acme.password).await;
    let problem = assert_throttled(response, 1).await;
    assert_eq!(
        problem["detail"],
        "too many failed sign-in attempts; try again in 1 second"
    );
    // The refused attempt checked nothing and counts nothing.
    let account = ThrottleKey::account("acme", "owner");
    assert_eq!(stored_failures(&app, &account), 5);
}

#[tokio::test]
async fn after_the_delay_the_right_password_signs_in_and_clears_the_count() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    for _ in 0..5 {
        fail(&app, "acme", "owner").await;
    }
    app.clock.advance(seconds(1));
    app.token_for(&acme).await;
    assert_eq!(
        stored_failures(&app, &ThrottleKey::account("acme", "owner")),
        0
    );
    // A fresh count: five more failures are answered as failures, the sixth waits.
    for _ in 0..5 {
        assert_eq!(fail(&app, "acme", "owner").await, StatusCode::UNAUTHORIZED);
    }
    assert_throttled(app.login("acme", "owner", &acme.password).await, 1).await;
}

#[tokio::test]
async fn each_further_failure_doubles_the_delay_up_to_fifteen_minutes() {
    let app = spawn_app().await;
    app.create_tenant("acme").await;
    for _ in 0..4 {
        fail(&app, "acme", "owner").await;
    }
    for delay in [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900] {
        assert_eq!(fail(&app, "acme", "owner").await, StatusCode::UNAUTHORIZED);
        assert_throttled(app.login("acme", "owner", WRONG).await, delay).await;
        // Partway through, the wait left is what the header says.
        if delay > 1 {
            app.clock.advance(seconds(delay / 2));
            assert_throttled(app.login("acme", "owner", WRONG).await, delay - delay / 2).await;
            app.clock.advance(seconds(delay - delay / 2));
        } else {
            app.clock.advance(seconds(delay));
        }
    }
    assert_eq!(
        stored_failures(&app, &ThrottleKey::account("acme", "owner")),
        16
    );
}

#[tokio::test]
async fn an_unknown_user_or_tenant_is_refused_and_throttled_exactly_like_a_wrong_password() {
    let app = spawn_app().await;
    app.create_tenant("acme").await;
    let mut answers = Vec::new();
    for (tenant, username) in [("acme", "owner"), ("acme", "ghost"), ("nowhere", "owner")] {
        let mut sequence = Vec::new();
        for step in 0..7 {
            // The same request id per step, so that problem bodies can match byte for byte.
            let request_id = format!("probe-{step}");
            let response = attempt(
                &app,
                tenant,
                username,
                WRONG,
                &[("x-request-id", &request_id)],
            )
            .await;
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned())
            };
            let headers = (
                header("content-type"),
                header("www-authenticate"),
                header("retry-after"),
            );
            let status = response.status();
            let body = response.bytes().await.unwrap();
            sequence.push((status, headers, body));
        }
        let statuses: Vec<u16> = sequence.iter().map(|(s, _, _)| s.as_u16()).collect();
        assert_eq!(
            statuses,
            [401, 401, 401, 401, 401, 429, 429],
            "{tenant}/{username}"
        );
        answers.push(sequence);
    }
    assert_eq!(
        answers[0], answers[1],
        "an unknown user answers differently"
    );
    assert_eq!(
        answers[0], answers[2],
        "an unknown tenant answers differently"
    );
    for (tenant, username) in [("acme", "ghost"), ("nowhere", "owner")] {
        let key = ThrottleKey::account(tenant, username);
        assert_eq!(stored_failures(&app, &key), 5);
    }
}

#[tokio::test]
async fn fifty_failures_from_one_address_make_every_username_from_it_wait() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    for n in 0..50 {
        let username = format!("guess-{n}");
        assert_eq!(
            fail(&app, "management", &username).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(stored_failures(&app, &address("127.0.0.1")), 50);
    // Every account is refused from that address, right passwords included.
    assert_throttled(app.login("management", "admin", ADMIN_PASSWORD).await, 1).await;
    assert_throttled(app.login("acme", "owner", &acme.password).await, 1).await;
    assert_eq!(
        stored_failures(&app, &ThrottleKey::account("management", "admin")),
        0
    );
    // After the delay a success is not held against the address.
    app.clock.advance(seconds(1));
    app.login_ok("management", "admin", ADMIN_PASSWORD).await;
    app.token_for(&acme).await;
    assert_eq!(stored_failures(&app, &address("127.0.0.1")), 50);
    // The next failure is the 51st: two seconds.
    assert_eq!(
        fail(&app, "management", "guess-x").await,
        StatusCode::UNAUTHORIZED
    );
    assert_throttled(app.login("acme", "owner", &acme.password).await, 2).await;
}

#[tokio::test]
async fn x_forwarded_for_is_ignored_without_trusted_proxies() {
    let app = spawn_app().await;
    for n in 0..50 {
        let forwarded = format!("198.51.100.{n}");
        let response = attempt(
            &app,
            "management",
            &format!("guess-{n}"),
            WRONG,
            &[("x-forwarded-for", &forwarded)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = attempt(
        &app,
        "management",
        "admin",
        ADMIN_PASSWORD,
        &[("x-forwarded-for", "203.0.113.1")],
    )
    .await;
    assert_throttled(response, 1).await;
    assert_eq!(stored_failures(&app, &address("127.0.0.1")), 50);
    assert_eq!(stored_failures(&app, &address("198.51.100.1")), 0);
}

#[tokio::test]
async fn x_forwarded_for_from_a_trusted_proxy_names_the_client() {
    let app = spawn_app_configured(None, |args| {
        args.trusted_proxies = "127.0.0.0/8, 10.0.0.1".parse().unwrap();
    })
    .await;
    for n in 0..50 {
        let response = attempt(
            &app,
            "management",
            &format!("guess-{n}"),
            WRONG,
            &[("x-forwarded-for", "203.0.113.7")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(stored_failures(&app, &address("203.0.113.7")), 50);
    assert_eq!(stored_failures(&app, &address("127.0.0.1")), 0);
    let from = |forwarded: &'static str| {
        let app = &app;
        async move {
            let headers = [("x-forwarded-for", forwarded)];
            attempt(app, "management", "admin", ADMIN_PASSWORD, &headers).await
        }
    };
    assert_throttled(from("203.0.113.7").await, 1).await;
    // The client cannot hide behind an address it writes itself: the proxy appends the
    // real one, and a further trusted proxy in between changes nothing.
    assert_throttled(from("198.51.100.1, 203.0.113.7").await, 1).await;
    assert_throttled(from("198.51.100.1, 203.0.113.7, 10.0.0.1").await, 1).await;
    // Another client behind the same proxy is not held up.
    assert_eq!(from("203.0.113.8").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_audit_log_records_throttled_attempts_where_their_failures_are_logged() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    for _ in 0..5 {
        fail(&app, "acme", "owner").await;
    }
    let refused = app.login("acme", "owner", &acme.password).await;
    let request_id = refused.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);

    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log", acme.id),
            &app.admin_token,
        )
        .await;
    let entries = log["items"].as_array().unwrap();
    let throttled: Vec<&Value> = entries
        .iter()
        .filter(|e| e["action"] == "auth.login_throttled")
        .collect();
    assert_eq!(throttled.len(), 1, "{log}");
    let entry = throttled[0];
    assert_eq!(entry["outcome"], "failure");
    assert_eq!(entry["actor_username"], "owner");
    assert_eq!(entry["actor_tenant_id"], acme.id);
    assert_eq!(entry["target_type"], "session");
    assert_eq!(entry["request_id"], request_id.as_str());
    assert_eq!(entry["details"]["tenant"], "acme");
    assert_eq!(entry["details"]["limits"], json!(["account"]));
    assert_eq!(entry["details"]["retry_after"], 1);
    assert_eq!(entry["details"]["address"], "127.0.0.1");
    let failed = entries
        .iter()
        .filter(|e| e["action"] == "auth.login_failed")
        .count();
    assert_eq!(failed, 5);

    // An unknown tenant's refusals go to the management tenant's log, like its failures.
    for _ in 0..5 {
        fail(&app, "nowhere", "owner").await;
    }
    assert_eq!(
        fail(&app, "nowhere", "owner").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let log = app
        .get_json("/api/v1/tenants/1/audit-log", &app.admin_token)
        .await;
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "auth.login_throttled")
        .unwrap_or_else(|| panic!("no throttled attempt in {log}"));
    assert_eq!(entry["details"]["tenant"], "nowhere");
    assert_eq!(entry["actor_tenant_id"], Value::Null);
}

#[tokio::test]
async fn twenty_concurrent_wrong_passwords_for_one_account_let_exactly_five_be_checked() {
    let app = spawn_app().await;
    app.create_tenant("acme").await;
    let statuses: Vec<StatusCode> = join_all((0..20).map(|_| fail(&app, "acme", "owner"))).await;
    let count = |status| statuses.iter().filter(|s| **s == status).count();
    assert_eq!(count(StatusCode::UNAUTHORIZED), 5, "{statuses:?}");
    assert_eq!(count(StatusCode::TOO_MANY_REQUESTS), 15, "{statuses:?}");
    assert_eq!(
        stored_failures(&app, &ThrottleKey::account("acme", "owner")),
        5
    );
}

#[tokio::test]
async fn twenty_concurrent_failures_from_one_address_are_all_counted() {
    let app = &spawn_app().await;
    let statuses: Vec<StatusCode> = join_all(
        (0..20).map(|n| async move { fail(app, "management", &format!("guess-{n}")).await }),
    )
    .await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert_eq!(stored_failures(app, &address("127.0.0.1")), 20);
    // And through behaviour: 30 more reach the threshold of 50, and then it waits.
    for n in 20..50 {
        let username = format!("guess-{n}");
        assert_eq!(
            fail(app, "management", &username).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_throttled(app.login("management", "admin", ADMIN_PASSWORD).await, 1).await;
}

#[tokio::test]
async fn two_servers_over_one_database_share_the_count() {
    let first = spawn_app().await;
    first.create_tenant("acme").await;
    let second = first.sibling();
    for _ in 0..3 {
        assert_eq!(
            fail(&first, "acme", "owner").await,
            StatusCode::UNAUTHORIZED
        );
    }
    for _ in 0..2 {
        assert_eq!(
            fail(&second, "acme", "owner").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_throttled(first.login("acme", "owner", WRONG).await, 1).await;
    assert_throttled(second.login("acme", "owner", WRONG).await, 1).await;

    // Concurrent attempts spread over both are still counted one by one.
    first.clock.advance(chrono::Duration::minutes(30));
    let attempts = (0..20).map(|n| {
        let server = if n % 2 == 0 { &first } else { &second };
        fail(server, "acme", "owner")
    });
    let statuses = join_all(attempts).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(checked, 5, "{statuses:?}");
}
