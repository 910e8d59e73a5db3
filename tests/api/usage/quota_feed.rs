//! A meter feeding a consumable quota: accepted events consume it (duplicates and events of
//! an earlier period do not), past a hard limit as overage rather than refused, concurrent
//! batches add up exactly; and which meters may name which quotas.

use super::{event, ingest, ingest_as, noon, statuses};
use landlord_tests::{Created, TestApp, problem, problem_fields, spawn_another_app, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn post(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    let response = app.post(path, &app.admin_token, &body).await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A hard consumable quota of `limit` runs and a `sum` meter feeding it.
async fn fed_meter(app: &TestApp, aggregation: &str) {
    let quota = json!({ "key": "workflow_runs", "name": "Workflow runs", "unit": "runs",
        "kind": "consumable", "default_limit": 10, "hard": true });
    let (status, body) = post(app, "/api/v1/quota-definitions", quota).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let meter = json!({ "key": "runs", "name": "Runs", "unit": "runs",
        "aggregation": aggregation, "kind": "counter", "quota": "workflow_runs" });
    let (status, body) = post(app, "/api/v1/meters", meter).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["quota"], "workflow_runs");
}

async fn used(app: &TestApp, tenant: &Created) -> Value {
    let path = format!("/api/v1/tenants/{}/entitlements", tenant.id);
    app.get_json(&path, &app.admin_token).await["quotas"]["workflow_runs"].clone()
}

#[tokio::test]
async fn accepted_events_consume_the_quota_their_meter_feeds() {
    let app = spawn_app_at(noon()).await;
    fed_meter(&app, "sum").await;
    let acme = app.create_tenant("acme").await;
    let t = json!(acme.id);
    let results = ingest(
        &app,
        vec![
            event("a", t.clone(), "runs", json!(2), "2026-03-10T09:00:00Z"),
            event("b", t.clone(), "runs", json!(1.5), "2026-03-09T09:00:00Z"),
            // Of February: counted in the statistics, not against March's quota.
            event("old", t.clone(), "runs", json!(100), "2026-02-27T09:00:00Z"),
        ],
    )
    .await;
    assert_eq!(statuses(&results), ["accepted", "accepted", "accepted"]);
    // 3.5 rounded up: quotas count whole units.
    assert_eq!(used(&app, &acme).await["used"], 4);

    // A duplicate takes nothing; the new event beside it does.
    let results = ingest(
        &app,
        vec![
            event("a", t.clone(), "runs", json!(2), "2026-03-10T09:00:00Z"),
            event("c", t.clone(), "runs", json!(5), "2026-03-10T10:00:00Z"),
        ],
    )
    .await;
    assert_eq!(statuses(&results), ["duplicate", "accepted"]);
    assert_eq!(used(&app, &acme).await["used"], 9);

    // Usage that happened is never refused: past the hard limit it is overage, and the
    // quota's "exceeded" notification is raised.
    let results = ingest(
        &app,
        vec![event(
            "d",
            t.clone(),
            "runs",
            json!(3),
            "2026-03-10T11:00:00Z",
        )],
    )
    .await;
    assert_eq!(statuses(&results), ["accepted"]);
    let quota = used(&app, &acme).await;
    assert_eq!(quota["used"], 12);
    assert_eq!(quota["remaining"], 0);
    let notices = app
        .get_json(
            &format!("/api/v1/tenants/{}/notifications", acme.id),
            &app.admin_token,
        )
        .await;
    let thresholds: Vec<i64> = notices["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["quota"] == "workflow_runs")
        .map(|n| n["threshold"].as_i64().unwrap())
        .collect();
    assert!(thresholds.contains(&100), "{notices}");
    // And the quota now refuses the operator's own consumes.
    let (status, body) = post(
        &app,
        &format!("/api/v1/tenants/{}/quotas/workflow_runs/consume", acme.id),
        json!({ "amount": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "quota_exceeded");
}

#[tokio::test]
async fn a_count_meter_consumes_one_per_event_and_concurrent_batches_over_two_servers_add_up() {
    let app = spawn_app_at(noon()).await;
    fed_meter(&app, "count").await;
    let acme = app.create_tenant("acme").await;
    let batch = |n: usize| {
        (0..50)
            .map(|i| {
                event(
                    &format!("b{n}-{i}"),
                    json!(acme.id),
                    "runs",
                    Value::Null,
                    "2026-03-10T09:00:00Z",
                )
            })
            .collect::<Vec<_>>()
    };
    // Four batches at once over two servers, each of 50 new events and, from the second
    // on, the first batch's events again: 200 taken, never a duplicate counted.
    let other = spawn_another_app(&app).await;
    let sends = (0..4).map(|n| {
        let mut events = batch(n);
        if n > 0 {
            events.extend(batch(0));
        }
        let server = if n % 2 == 0 { &app } else { &other };
        ingest_as(server, &app.admin_token, events)
    });
    futures_util::future::join_all(sends).await;
    assert_eq!(used(&app, &acme).await["used"], 200);
}

#[tokio::test]
async fn a_meter_names_a_quota_it_can_be_measured_against() {
    let app = spawn_app_at(noon()).await;
    let meter = |aggregation: &str, kind: &str, quota: &str| {
        json!({ "key": "m", "name": "M", "unit": "u", "aggregation": aggregation,
            "kind": kind, "quota": quota })
    };
    for (body, code) in [
        (meter("sum", "counter", "nope"), "unknown_quota"),
        (meter("sum", "counter", "Bad Key"), "invalid_key"),
        // A counter feeds only a consumable quota, a gauge compares only with an allocation.
        (meter("sum", "counter", "max_devices"), "invalid_quota"),
        (
            meter("max", "counter", "extra_workflow_triggers"),
            "invalid_quota",
        ),
        (
            meter("latest", "gauge", "extra_workflow_triggers"),
            "invalid_quota",
        ),
    ] {
        let response = app.post("/api/v1/meters", &app.admin_token, &body).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        let problem = problem(response).await;
        assert_eq!(problem_fields(&problem), ["quota"], "{body}");
        assert_eq!(problem["errors"][0]["code"], code, "{body}");
    }
    // A gauge compared with an allocation quota consumes nothing.
    let (status, _) = post(
        &app,
        "/api/v1/meters",
        meter("latest", "gauge", "max_widgets"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let acme = app.create_tenant("acme").await;
    ingest(
        &app,
        vec![event(
            "w",
            json!(acme.id),
            "m",
            json!(4),
            "2026-03-10T09:00:00Z",
        )],
    )
    .await;
    let path = format!("/api/v1/tenants/{}/entitlements", acme.id);
    let quotas = app.get_json(&path, &app.admin_token).await["quotas"].clone();
    assert_eq!(quotas["max_widgets"]["used"], 0);
    // The built-in gauges are compared with the device and disk quotas.
    let meters = app.get_json("/api/v1/meters", &app.admin_token).await;
    let quota_of = |key: &str| {
        meters["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["key"] == key)
            .unwrap()["quota"]
            .clone()
    };
    assert_eq!(quota_of("devices"), "max_devices");
    assert_eq!(quota_of("root_devices"), "max_root_devices");
    assert_eq!(quota_of("storage"), "disk_quota");
    assert_eq!(quota_of("api_requests"), Value::Null);
}
