//! Where deliveries may go: without LANDLORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS, an endpoint
//! cannot point into the server's own network, neither when it is registered or changed
//! nor when a delivery is sent.

use super::{attempts, create_endpoint, wait_deliveries};
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::json;

/// A server that refuses private networks, as a production server does by default.
async fn strict_app() -> TestApp {
    spawn_app_configured(None, |args| args.webhook_allow_private_networks = false).await
}

#[tokio::test]
async fn endpoints_into_private_networks_are_refused_naming_the_url() {
    let app = strict_app().await;
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://127.0.0.1./hook",
        "http://localhost:3000/hook",
        "http://api.localhost/hook",
        "http://[::1]/hook",
        "http://[::ffff:192.168.0.1]/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.7/hook",
        "https://172.20.1.1/hook",
        "http://100.64.0.1/hook",
        "http://224.0.0.1/hook",
        "http://0.0.0.0:8080/hook",
    ] {
        let response = app
            .post(
                "/api/v1/webhook-endpoints",
                &app.admin_token,
                &json!({ "url": url, "event_types": ["*"] }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let problem = problem(response).await;
        assert_eq!(problem_fields(&problem), ["url"], "{url}");
        assert_eq!(problem["errors"][0]["code"], "url_not_allowed", "{url}");
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("webhooks are sent to public addresses only"),
            "{problem}"
        );
    }
    let list = app
        .get_json("/api/v1/webhook-endpoints", &app.admin_token)
        .await;
    assert_eq!(list["total"], 0, "nothing was registered");

    // A public address is fine, and so is changing it to another; a private one is not.
    let (id, _) = create_endpoint(&app, &app.admin_token, "https://203.0.114.9/hook", &["*"]).await;
    let path = format!("/api/v1/webhook-endpoints/{id}");
    let moved = app
        .patch(
            &path,
            &app.admin_token,
            &json!({ "url": "http://192.168.1.20/hook" }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = problem(moved).await;
    assert_eq!(problem["errors"][0]["code"], "url_not_allowed");
    assert_eq!(
        app.get_json(&path, &app.admin_token).await["url"],
        "https://203.0.114.9/hook",
        "the endpoint kept its URL"
    );
}

#[tokio::test]
async fn a_delivery_to_an_address_that_became_private_fails_with_the_reason() {
    let app = strict_app().await;
    let receiver = Receiver::start().await;
    let port = receiver
        .url
        .rsplit(':')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    // Registered while its URL led somewhere public, then (as if its name had been
    // re-pointed, DNS rebinding) leading to loopback: once as an address, once as a name.
    for (n, now) in [
        (1, format!("http://127.0.0.1:{port}/hooks")),
        (2, format!("http://localhost:{port}/hooks")),
    ] {
        let (id, _) =
            create_endpoint(&app, &app.admin_token, "https://203.0.114.9/hook", &["*"]).await;
        app.db
            .write(|conn| {
                use diesel::prelude::*;
                use landlord_persistence::schema::webhook_endpoints::dsl as e;
                diesel::update(e::webhook_endpoints.filter(e::id.eq(id)))
                    .set(e::url.eq(&now))
                    .execute(conn)
                    .map_err(landlord_persistence::StoreError::from)
            })
            .unwrap();
        let sent = app
            .post(
                &format!("/api/v1/webhook-endpoints/{id}/test"),
                &app.admin_token,
                &json!({}),
            )
            .await;
        assert_eq!(sent.status(), StatusCode::ACCEPTED, "{now}");
        let log = wait_deliveries(&app, id, "a refused attempt", |d| {
            d.len() == 1 && attempts(&d[0]) == 1
        })
        .await;
        let attempt = &log[0]["attempts"][0];
        assert_eq!(attempt["response_status"], serde_json::Value::Null, "{now}");
        let error = attempt["error"].as_str().unwrap();
        assert!(error.contains("is a loopback address"), "{n}: {error}");
        assert!(error.contains("public addresses only"), "{n}: {error}");
        assert_eq!(
            log[0]["status"], "pending",
            "retried later, like any failure"
        );
    }
    assert!(
        receiver.received().is_empty(),
        "nothing reached the receiver"
    );
}
