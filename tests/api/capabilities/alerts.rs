use super::{consume, event_types, send, set_limit};
use crate::billing::at;
use landlord_tests::{Created, TestApp, spawn_app, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn notifications(app: &TestApp, tenant: &Created) -> Value {
    app.get_json(
        &format!("/api/v1/tenants/{}/notifications", tenant.id),
        &app.admin_token,
    )
    .await
}

fn count(types: &[String], wanted: &str) -> usize {
    types.iter().filter(|t| *t == wanted).count()
}

#[tokio::test]
async fn thresholds_fire_once_as_usage_crosses_them_and_not_again_after_a_release() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_widgets", json!(10)).await;
    consume(&app, &acme, "max_widgets", 7).await;
    assert_eq!(notifications(&app, &acme).await["total"], 0);
    consume(&app, &acme, "max_widgets", 1).await;
    let page = notifications(&app, &acme).await;
    assert_eq!(page["total"], 1, "{page}");
    let first = &page["items"][0];
    assert_eq!(
        (&first["kind"], &first["quota"], &first["threshold"]),
        (
            &json!("quota.threshold_reached"),
            &json!("max_widgets"),
            &json!(80)
        )
    );
    assert_eq!(
        (
            &first["used"],
            &first["limit"],
            &first["period"],
            &first["read_at"]
        ),
        (&json!(8), &json!(10), &Value::Null, &Value::Null)
    );
    consume(&app, &acme, "max_widgets", 2).await;
    let page = notifications(&app, &acme).await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"][0]["kind"], "quota.exceeded");
    assert_eq!(page["items"][0]["threshold"], 100);
    // Falling back below and crossing again fires nothing more.
    let path = format!("/api/v1/tenants/{}/quotas/max_widgets/release", acme.id);
    send(&app, "POST", &path, &json!({"amount": 6})).await;
    consume(&app, &acme, "max_widgets", 6).await;
    assert_eq!(notifications(&app, &acme).await["total"], 2);
    let types = event_types(&app, &acme);
    assert_eq!(count(&types, "quota.threshold_reached"), 1);
    assert_eq!(count(&types, "quota.exceeded"), 1);
    let event = app
        .db
        .read(|c| landlord_persistence::events::for_tenant(c, acme.id, 1000))
        .unwrap()
        .into_iter()
        .find(|e| e.event_type == "quota.threshold_reached")
        .unwrap();
    let payload: Value = serde_json::from_str(&event.payload).unwrap();
    let object = &payload["data"]["object"];
    assert_eq!(
        (
            &object["quota"],
            &object["threshold"],
            &object["used"],
            &object["limit"]
        ),
        (&json!("max_widgets"), &json!(80), &json!(8), &json!(10))
    );
}

#[tokio::test]
async fn a_soft_limit_fires_exceeded_as_overage_begins_and_a_new_period_fires_again() {
    let app = spawn_app_at(at("2026-01-15T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "extra_workflow_triggers", json!(10)).await;
    consume(&app, &acme, "extra_workflow_triggers", 10).await;
    let page = notifications(&app, &acme).await;
    assert_eq!(page["total"], 2, "{page}");
    assert_eq!(page["items"][0]["period"], "2026-01");
    app.clock.set(at("2026-02-01T00:00:00Z"));
    consume(&app, &acme, "extra_workflow_triggers", 9).await;
    let page = notifications(&app, &acme).await;
    assert_eq!(page["total"], 3);
    assert_eq!(
        (&page["items"][0]["threshold"], &page["items"][0]["period"]),
        (&json!(80), &json!("2026-02"))
    );
    // disk_quota is soft: usage goes past the limit and `quota.exceeded` fires once.
    set_limit(&app, &acme, "disk_quota", json!(100)).await;
    consume(&app, &acme, "disk_quota", 150).await;
    consume(&app, &acme, "disk_quota", 10).await;
    let types = event_types(&app, &acme);
    assert_eq!(count(&types, "quota.exceeded"), 2);
}

#[tokio::test]
async fn concurrent_consumes_crossing_a_threshold_notify_exactly_once() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_devices", json!(10)).await;
    consume(&app, &acme, "max_devices", 7).await;
    let (token, path) = (
        &app.admin_token,
        &format!("/api/v1/tenants/{}/quotas/max_devices/consume", acme.id),
    );
    let app_ref = &app;
    let calls = (0..12).map(|_| async move {
        app_ref
            .post(path, token, &json!({"amount": 1}))
            .await
            .status()
    });
    let statuses = futures_util::future::join_all(calls).await;
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(ok, 3, "{statuses:?}");
    let page = notifications(&app, &acme).await;
    assert_eq!(page["total"], 2, "{page}");
    let types = event_types(&app, &acme);
    assert_eq!(count(&types, "quota.threshold_reached"), 1);
    assert_eq!(count(&types, "quota.exceeded"), 1);
}

#[tokio::test]
async fn alert_events_are_in_the_catalogue_and_a_notification_can_be_marked_read() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/webhook-endpoints",
            &app.admin_token,
            &json!({ "url": "https://hooks.example.com/quota",
                     "event_types": ["quota.threshold_reached", "quota.exceeded", "quota.topped_up"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_widgets", json!(1)).await;
    consume(&app, &acme, "max_widgets", 1).await;
    let id = notifications(&app, &acme).await["items"][0]["id"].clone();
    let path = format!("/api/v1/tenants/{}/notifications/{id}/read", acme.id);
    let (status, body) = send(&app, "POST", &path, &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["read_at"].is_string());
    let path = format!("/api/v1/tenants/{}/notifications/999999/read", acme.id);
    assert_eq!(
        send(&app, "POST", &path, &json!({})).await.0,
        StatusCode::NOT_FOUND
    );
}

/// The thresholds of `page`'s notifications for `quota`, oldest first.
fn thresholds_fired(page: &Value, quota: &str) -> Vec<i64> {
    let mut fired: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["quota"] == quota)
        .map(|n| n["threshold"].as_i64().unwrap())
        .collect();
    fired.reverse();
    fired
}

#[tokio::test]
async fn each_quota_has_its_own_thresholds_beyond_the_limit_too() {
    let app = spawn_app().await;
    let quota = json!({ "key": "exports", "name": "Exports", "unit": "exports",
        "kind": "allocation", "default_limit": 10, "hard": false, "thresholds": [150, 50] });
    let (status, body) = send(&app, "POST", "/api/v1/quota-definitions", &quota).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["thresholds"], json!([50, 150]), "kept ascending");
    let acme = app.create_tenant("acme").await;
    consume(&app, &acme, "exports", 5).await;
    assert_eq!(
        thresholds_fired(&notifications(&app, &acme).await, "exports"),
        [50]
    );
    // 100 % is not one of this quota's thresholds; 150 % of a soft limit is.
    consume(&app, &acme, "exports", 5).await;
    assert_eq!(
        thresholds_fired(&notifications(&app, &acme).await, "exports"),
        [50]
    );
    consume(&app, &acme, "exports", 5).await;
    let page = notifications(&app, &acme).await;
    assert_eq!(thresholds_fired(&page, "exports"), [50, 150]);
    assert_eq!(page["items"][0]["kind"], "quota.exceeded");

    // Changed later: the new thresholds fire from the next consume; fired ones stay fired.
    let path = "/api/v1/quota-definitions/exports";
    let (status, body) = send(&app, "PATCH", path, &json!({ "thresholds": [50, 160] })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["thresholds"], json!([50, 160]));
    assert_eq!(
        body["licence_cap"],
        Value::Null,
        "the licence number stays as it was"
    );
    consume(&app, &acme, "exports", 1).await;
    assert_eq!(
        thresholds_fired(&notifications(&app, &acme).await, "exports"),
        [50, 150, 160]
    );
    // None at all: no alerts.
    let (status, _) = send(&app, "PATCH", path, &json!({ "thresholds": [] })).await;
    assert_eq!(status, StatusCode::OK);
    let other = app.create_tenant("other").await;
    consume(&app, &other, "exports", 10).await;
    assert_eq!(notifications(&app, &other).await["total"], 0);
    // The seeded catalogue keeps the defaults.
    let catalogue = app
        .get_json("/api/v1/quota-definitions?per_page=100", &app.admin_token)
        .await;
    let widgets = catalogue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["key"] == "max_widgets")
        .unwrap()
        .clone();
    assert_eq!(widgets["thresholds"], json!([80, 100]));
}

#[tokio::test]
async fn bad_thresholds_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let quota = |thresholds: Value| {
        json!({ "key": "exports", "name": "Exports", "unit": "exports",
            "kind": "allocation", "default_limit": 10, "hard": true, "thresholds": thresholds })
    };
    let eleven: Vec<i64> = (1..=11).collect();
    for bad in [json!([0]), json!([1001]), json!([80, 80]), json!(eleven)] {
        let (status, body) = send(
            &app,
            "POST",
            "/api/v1/quota-definitions",
            &quota(bad.clone()),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        assert_eq!(
            landlord_tests::problem_fields(&body),
            ["thresholds"],
            "{bad}"
        );
        assert_eq!(body["errors"][0]["code"], "invalid_thresholds");
        let (status, body) = send(
            &app,
            "PATCH",
            "/api/v1/quota-definitions/max_widgets",
            &json!({ "thresholds": bad }),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(landlord_tests::problem_fields(&body), ["thresholds"]);
    }
    // A change must change something.
    let (status, body) = send(
        &app,
        "PATCH",
        "/api/v1/quota-definitions/max_widgets",
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(landlord_tests::problem_fields(&body), ["licence_cap"]);
}

#[tokio::test]
async fn null_thresholds_are_not_a_change_and_integral_floats_are_integers() {
    let app = spawn_app().await;
    let body = json!({ "licence_cap": null, "thresholds": null });
    let (status, body) = send(
        &app,
        "PATCH",
        "/api/v1/quota-definitions/max_widgets",
        &body,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}
