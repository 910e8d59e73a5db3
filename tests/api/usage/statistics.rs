use super::{event, ingest, noon, tenant_in, usage};
use landlord_tests::{problem, problem_fields, spawn_app_at};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn counters_sum_and_gauges_take_the_last_day_over_a_range() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let id = json!(acme.id);
    let mut events = Vec::new();
    for (day, requests, devices) in [(7, 10, 4), (8, 20, 9), (9, 30, 6)] {
        let at = format!("2026-03-0{day}T10:00:00Z");
        events.push(event(
            &format!("r{day}"),
            id.clone(),
            "api_requests",
            json!(requests),
            &at,
        ));
        events.push(event(
            &format!("d{day}"),
            id.clone(),
            "devices",
            json!(devices),
            &at,
        ));
    }
    ingest(&app, events).await;
    let u = usage(&app, &acme, "2026-03-06", "2026-03-09").await;
    assert_eq!(u["days"].as_array().unwrap().len(), 4);
    assert_eq!(u["days"][0]["date"], "2026-03-06");
    assert_eq!(u["days"][0]["values"], json!({}));
    assert_eq!(u["summary"]["values"]["api_requests"], 60.0);
    assert_eq!(u["summary"]["values"]["devices"], 6.0);
    assert_eq!(u["summary"]["peaks"]["devices"], 9.0);
    assert!(u["summary"]["peaks"].get("api_requests").is_none());
}

#[tokio::test]
async fn the_default_range_is_the_last_30_days_in_the_tenant_s_zone() {
    let app = spawn_app_at(noon()).await;
    // 12:00 UTC is already the 11th in Auckland.
    let kiwi = tenant_in(&app, "kiwi", "Pacific/Auckland").await;
    let u = app
        .get_json(
            &format!("/api/v1/tenants/{}/usage", kiwi.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(u["to"], "2026-03-11");
    assert_eq!(u["from"], "2026-02-10");
    assert_eq!(u["days"].as_array().unwrap().len(), 30);
}

#[tokio::test]
async fn a_bad_range_is_refused_naming_the_parameter() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    for (query, field) in [
        ("from=2026-03-10&to=2026-03-01", "to"),
        ("from=2025-01-01&to=2026-03-01", "from"),
        ("from=yesterday", "from"),
        ("to=2026-13-01", "to"),
    ] {
        let response = app
            .get(
                &format!("/api/v1/tenants/{}/usage?{query}", acme.id),
                &app.admin_token,
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
        assert_eq!(problem_fields(&problem(response).await), [field], "{query}");
    }
}

#[tokio::test]
async fn a_tenant_s_usage_is_hidden_from_its_neighbours() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let globex = tenant_in(&app, "globex", "UTC").await;
    let token = app.token_for(&acme).await;
    let own = app
        .get(&format!("/api/v1/tenants/{}/usage", acme.id), &token)
        .await;
    assert_eq!(own.status(), StatusCode::OK);
    let other = app
        .get(&format!("/api/v1/tenants/{}/usage", globex.id), &token)
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_demo_seed_fills_ninety_days_of_usage() {
    let app = spawn_app_at(noon()).await;
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || landlord_tests::seed_into_at(&db, 3, 7, noon()))
        .await
        .unwrap();
    let page = app
        .get_json(
            "/api/v1/tenants?sort=created_at&per_page=50",
            &app.admin_token,
        )
        .await;
    // The oldest customer has existed for longer than the history.
    let id = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["domain"] != "management")
        .map(|t| t["id"].as_i64().unwrap())
        .min()
        .unwrap();
    let u = app
        .get_json(
            &format!("/api/v1/tenants/{id}/usage?from=2025-12-01&to=2026-03-11"),
            &app.admin_token,
        )
        .await;
    let with_requests = u["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["values"]["api_requests"]
                .as_f64()
                .is_some_and(|v| v > 0.0)
        })
        .count();
    assert!((1..=90).contains(&with_requests), "{with_requests}");
    let storage = u["summary"]["values"]["storage"].as_f64().unwrap();
    assert!(u["summary"]["peaks"]["storage"].as_f64().unwrap() >= storage);
    assert!(u["summary"]["values"]["devices"].as_f64().unwrap() > 0.0);

    // The device simulator (billed by resources, an instance per tenant) has run for every
    // third customer since it was created: its CPU meter has a figure for each of those
    // days in the statistics, not only for the two the usage worker recounts.
    let runner = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"].as_i64().unwrap() % 3 == 0)
        .unwrap();
    let created = chrono::DateTime::parse_from_rfc3339(runner["created_at"].as_str().unwrap())
        .unwrap()
        .date_naive();
    let since = created.max(noon().date_naive() - chrono::Duration::days(89));
    let u = app
        .get_json(
            &format!(
                "/api/v1/tenants/{}/usage?from={since}&to={}",
                runner["id"],
                noon().date_naive()
            ),
            &app.admin_token,
        )
        .await;
    let days = u["days"].as_array().unwrap();
    let with_cpu = days
        .iter()
        .filter(|d| {
            d["values"]["microservice_cpu"]
                .as_f64()
                .is_some_and(|v| v > 0.0)
        })
        .count();
    assert!(days.len() > 2, "the customer is older than two days");
    assert_eq!(with_cpu, days.len(), "{u}");
}

#[tokio::test]
async fn the_server_counts_signed_in_requests_per_caller_s_tenant() {
    let app = spawn_app_at(noon()).await;
    let acme = tenant_in(&app, "acme", "UTC").await;
    let token = app.token_for(&acme).await;
    for _ in 0..5 {
        let response = app
            .get(&format!("/api/v1/tenants/{}/usage", acme.id), &token)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    // The counts reach the rollups within the server's flush interval (2 s).
    let mut counted = 0.0;
    for _ in 0..50 {
        let u = usage(&app, &acme, "2026-03-10", "2026-03-10").await;
        counted = u["summary"]["values"]["api_requests"]
            .as_f64()
            .unwrap_or(0.0);
        if counted >= 5.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(counted, 5.0, "acme's own requests, not the operator's");
}
