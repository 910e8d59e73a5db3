use super::{day_value, event, ingest, ingest_as, noon, statuses, tenant_in, usage};
use landlord_tests::{problem, problem_fields, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

const AT: &str = "2026-03-10T10:00:00Z";

#[tokio::test]
async fn each_event_is_accepted_duplicate_or_rejected_on_its_own() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let id = json!(acme.id);
    let results = ingest(
        &app,
        vec![
            event("e1", id.clone(), "api_requests", json!(5), AT),
            event("e2", json!("acme"), "api_requests", json!(7), AT),
            event("e1", id.clone(), "api_requests", json!(5), AT),
            event("e3", id.clone(), "no_such_meter", json!(1), AT),
            event("e4", json!("nowhere"), "api_requests", json!(1), AT),
            event("e5", json!(999_999), "api_requests", json!(1), AT),
            json!({"id": "e6", "tenant": acme.id, "meter": "api_requests", "timestamp": AT}),
            event("e7", id.clone(), "api_requests", json!("many"), AT),
            event("", id.clone(), "api_requests", json!(1), AT),
            event(&"x".repeat(201), id.clone(), "api_requests", json!(1), AT),
            event(
                "e8",
                id.clone(),
                "api_requests",
                json!(1),
                "2026-02-03T11:59:59Z",
            ),
            event(
                "e9",
                id.clone(),
                "api_requests",
                json!(1),
                "2026-03-10T12:05:01Z",
            ),
            event(
                "e10",
                id.clone(),
                "api_requests",
                json!(1),
                "2026-02-03T12:00:00Z",
            ),
            event(
                "e11",
                id.clone(),
                "api_requests",
                json!(1),
                "2026-03-10T12:05:00Z",
            ),
            json!("not an event"),
        ],
    )
    .await;
    assert_eq!(
        statuses(&results),
        [
            "accepted",
            "accepted",
            "duplicate",
            "rejected:unknown_meter",
            "rejected:unknown_tenant",
            "rejected:unknown_tenant",
            "rejected:missing_value",
            "rejected:invalid_event",
            "rejected:invalid_id",
            "rejected:invalid_id",
            "rejected:too_old",
            "rejected:in_the_future",
            "accepted",
            "accepted",
            "rejected:invalid_event",
        ]
    );
    assert_eq!(results[1]["id"], "e2");
    // A second batch with the same ids counts nothing again.
    let again = ingest(
        &app,
        vec![
            event("e1", id.clone(), "api_requests", json!(5), AT),
            event("e12", id.clone(), "api_requests", json!(100), AT),
        ],
    )
    .await;
    assert_eq!(statuses(&again), ["duplicate", "accepted"]);
    let u = usage(&app, &acme, "2026-02-01", "2026-03-10").await;
    assert_eq!(day_value(&u, "2026-03-10", "api_requests"), 113.0);
    assert_eq!(day_value(&u, "2026-02-03", "api_requests"), 1.0);
    assert_eq!(u["summary"]["values"]["api_requests"], 114.0);
}

#[tokio::test]
async fn a_batch_holds_at_most_a_thousand_events() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let events: Vec<Value> = (0..1001)
        .map(|i| {
            event(
                &format!("e{i}"),
                json!(acme.id),
                "api_requests",
                json!(1),
                AT,
            )
        })
        .collect();
    let response = app
        .post(
            "/api/v1/usage/events",
            &app.admin_token,
            &json!({ "events": events }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(response).await), ["events"]);
    // A full batch is larger than other bodies may be (64 KiB), with an Idempotency-Key too.
    let full = json!({ "events": events[..1000].to_vec() });
    assert!(full.to_string().len() > 64 * 1024);
    let response = app
        .request(
            reqwest::Method::POST,
            "/api/v1/usage/events",
            Some(&app.admin_token),
        )
        .header("Idempotency-Key", "full-batch-1")
        .json(&full)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let results = body["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["status"] == "accepted"));
    let u = usage(&app, &acme, "2026-03-10", "2026-03-10").await;
    assert_eq!(day_value(&u, "2026-03-10", "api_requests"), 1000.0);
}

#[tokio::test]
async fn the_same_events_in_two_concurrent_batches_count_once() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let batch = |offset: usize| -> Vec<Value> {
        (0..300)
            .map(|i| {
                let n = (i + offset) % 300;
                event(
                    &format!("c{n}"),
                    json!(acme.id),
                    "api_requests",
                    json!(1),
                    AT,
                )
            })
            .collect()
    };
    let (a, b) = tokio::join!(ingest(&app, batch(0)), ingest(&app, batch(150)));
    let accepted = a
        .iter()
        .chain(b.iter())
        .filter(|r| r["status"] == "accepted")
        .count();
    let duplicates = a
        .iter()
        .chain(b.iter())
        .filter(|r| r["status"] == "duplicate")
        .count();
    assert_eq!((accepted, duplicates), (300, 300));
    let u = usage(&app, &acme, "2026-03-10", "2026-03-10").await;
    assert_eq!(day_value(&u, "2026-03-10", "api_requests"), 300.0);
}

#[tokio::test]
async fn events_count_for_the_tenant_s_own_day() {
    let app = spawn_app_at(noon()).await;
    let berlin = tenant_in(&app, "berlin", "Europe/Berlin").await;
    let new_york = tenant_in(&app, "newyork", "America/New_York").await;
    let late = "2026-03-09T23:30:00Z";
    let results = ingest(
        &app,
        vec![
            event("b1", json!(berlin.id), "api_requests", json!(1), late),
            event("n1", json!(new_york.id), "api_requests", json!(1), late),
        ],
    )
    .await;
    assert_eq!(statuses(&results), ["accepted", "accepted"]);
    let b = usage(&app, &berlin, "2026-03-09", "2026-03-10").await;
    assert_eq!(day_value(&b, "2026-03-10", "api_requests"), 1.0);
    assert_eq!(day_value(&b, "2026-03-09", "api_requests"), Value::Null);
    let n = usage(&app, &new_york, "2026-03-09", "2026-03-10").await;
    assert_eq!(day_value(&n, "2026-03-09", "api_requests"), 1.0);
    assert_eq!(day_value(&n, "2026-03-10", "api_requests"), Value::Null);
}

#[tokio::test]
async fn gauges_keep_the_latest_reading_and_the_peak() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let id = json!(acme.id);
    // Out of order, over two batches: the 11:00 reading is the day's value.
    ingest(
        &app,
        vec![
            event(
                "s1",
                id.clone(),
                "storage",
                json!(400),
                "2026-03-09T08:00:00Z",
            ),
            event(
                "s2",
                id.clone(),
                "storage",
                json!(300),
                "2026-03-10T11:00:00Z",
            ),
            event(
                "s3",
                id.clone(),
                "storage",
                json!(900),
                "2026-03-10T09:00:00Z",
            ),
        ],
    )
    .await;
    ingest(
        &app,
        vec![event(
            "s4",
            id.clone(),
            "storage",
            json!(500),
            "2026-03-10T10:00:00Z",
        )],
    )
    .await;
    let u = usage(&app, &acme, "2026-03-09", "2026-03-10").await;
    assert_eq!(day_value(&u, "2026-03-10", "storage"), 300.0);
    assert_eq!(u["days"][1]["peaks"]["storage"], 900.0);
    assert_eq!(u["days"][0]["peaks"]["storage"], 400.0);
    // A gauge sums to its last day's value; its peak is the range's highest.
    assert_eq!(u["summary"]["values"]["storage"], 300.0);
    assert_eq!(u["summary"]["peaks"]["storage"], 900.0);
}

#[tokio::test]
async fn a_unique_count_meter_counts_distinct_values_exactly() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let body = json!({"key": "active_users", "name": "Active users", "unit": "users",
        "aggregation": "unique_count", "property": "user", "kind": "counter"});
    assert_eq!(
        app.post("/api/v1/meters", &app.admin_token, &body)
            .await
            .status(),
        StatusCode::CREATED
    );
    let seen = |id: &str, user: Value| {
        json!({"id": id, "tenant": acme.id, "meter": "active_users", "timestamp": AT,
            "properties": {"user": user}})
    };
    let results = ingest(
        &app,
        vec![
            seen("u1", json!("ann")),
            seen("u2", json!("bob")),
            seen("u3", json!("ann")),
            json!({"id": "u4", "tenant": acme.id, "meter": "active_users", "timestamp": AT}),
        ],
    )
    .await;
    assert_eq!(
        statuses(&results),
        [
            "accepted",
            "accepted",
            "accepted",
            "rejected:missing_property"
        ]
    );
    ingest(&app, vec![seen("u5", json!("bob")), seen("u6", json!(7))]).await;
    let u = usage(&app, &acme, "2026-03-10", "2026-03-10").await;
    assert_eq!(day_value(&u, "2026-03-10", "active_users"), 3.0);
}

#[tokio::test]
async fn a_caller_reports_only_for_tenants_it_sees_and_service_tokens_need_usage_write() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let globex = tenant_in(&app, "globex", "UTC").await;
    let token = app.token_for(&acme).await;
    let results = ingest_as(
        &app,
        &token,
        vec![
            event("o1", json!(acme.id), "api_requests", json!(1), AT),
            event("o2", json!(globex.id), "api_requests", json!(1), AT),
            event("o3", json!("globex"), "api_requests", json!(1), AT),
        ],
    )
    .await;
    assert_eq!(
        statuses(&results),
        [
            "accepted",
            "rejected:unknown_tenant",
            "rejected:unknown_tenant"
        ]
    );
    let u = usage(&app, &globex, "2026-03-10", "2026-03-10").await;
    assert_eq!(day_value(&u, "2026-03-10", "api_requests"), Value::Null);

    let mut tokens = Vec::new();
    for scopes in [json!(["usage:write"]), json!(["quotas:consume"])] {
        let response = app
            .post(
                "/api/v1/service-tokens",
                &app.admin_token,
                &json!({"name": "meter", "scopes": scopes}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        tokens.push(body["token"].as_str().unwrap().to_owned());
    }
    let results = ingest_as(
        &app,
        &tokens[0],
        vec![event("t1", json!("globex"), "api_requests", json!(2), AT)],
    )
    .await;
    assert_eq!(statuses(&results), ["accepted"]);
    let response = app
        .post(
            "/api/v1/usage/events",
            &tokens[1],
            &json!({"events": [event("t2", json!("globex"), "api_requests", json!(2), AT)]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
