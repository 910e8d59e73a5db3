//! The all-tenants usage statistics table and its CSV export.

use super::{event, ingest, noon, tenant_in};
use landlord_tests::{problem, problem_fields, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn table(app: &landlord_tests::TestApp, query: &str) -> Value {
    let response = app
        .get(
            &format!("/api/v1/usage/statistics?{query}"),
            &app.admin_token,
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn domains(page: &Value) -> Vec<&str> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap())
        .collect()
}

/// acme (UTC): 10 + 20 requests, devices 4 then 9 then 6. kiwi (Auckland): 500 requests on
/// the evening of the 9th UTC, which is already the 10th there. globex: nothing.
async fn three_tenants(app: &landlord_tests::TestApp) {
    let acme = tenant_in(app, "acme", "UTC").await;
    let kiwi = tenant_in(app, "kiwi", "Pacific/Auckland").await;
    tenant_in(app, "globex", "UTC").await;
    let (a, k) = (json!(acme.id), json!(kiwi.id));
    ingest(
        app,
        vec![
            event(
                "r7",
                a.clone(),
                "api_requests",
                json!(10),
                "2026-03-07T10:00:00Z",
            ),
            event(
                "r8",
                a.clone(),
                "api_requests",
                json!(20),
                "2026-03-08T10:00:00Z",
            ),
            event("d7", a.clone(), "devices", json!(4), "2026-03-07T10:00:00Z"),
            event("d8", a.clone(), "devices", json!(9), "2026-03-08T10:00:00Z"),
            event("d9", a, "devices", json!(6), "2026-03-09T10:00:00Z"),
            event("k9", k, "api_requests", json!(500), "2026-03-09T20:00:00Z"),
        ],
    )
    .await;
}

#[tokio::test]
async fn each_tenant_s_figures_over_the_range_in_its_own_days() {
    let app = spawn_app_at(noon()).await;
    three_tenants(&app).await;
    let page = table(&app, "from=2026-03-07&to=2026-03-09&sort=domain").await;
    assert_eq!(domains(&page), ["acme", "globex", "kiwi"]);
    assert_eq!(page["total"], 3);
    let columns: Vec<&str> = page["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for wanted in [
        "id",
        "parent_id",
        "created_at",
        "api_requests",
        "devices",
        "peak_devices",
    ] {
        assert!(columns.contains(&wanted), "{wanted} in {columns:?}");
    }
    assert!(
        !columns.contains(&"peak_api_requests"),
        "a counter has no peak"
    );
    let acme = &page["rows"][0];
    assert_eq!(acme["values"]["api_requests"], 30.0);
    assert_eq!(acme["values"]["devices"], 6.0, "a gauge's last day");
    assert_eq!(acme["peaks"]["devices"], 9.0);
    assert_eq!(acme["trend"], json!([10.0, 20.0, 0.0]));
    assert!(acme["parent_id"].as_i64().is_some(), "{acme}");
    // kiwi's 500 fell on the 10th in Auckland: outside a range ending on the 9th.
    let kiwi = &page["rows"][2];
    assert!(kiwi["values"].get("api_requests").is_none(), "{kiwi}");
    let to_10th = table(&app, "from=2026-03-07&to=2026-03-10&sort=-api_requests").await;
    assert_eq!(domains(&to_10th), ["kiwi", "acme", "globex"]);
    assert_eq!(to_10th["rows"][0]["values"]["api_requests"], 500.0);
}

#[tokio::test]
async fn any_column_sorts_filters_and_pages() {
    let app = spawn_app_at(noon()).await;
    three_tenants(&app).await;
    let range = "from=2026-03-01&to=2026-03-10";
    let by_peak = table(&app, &format!("{range}&sort=-peak_devices")).await;
    assert_eq!(domains(&by_peak)[0], "acme");
    let busy = table(&app, &format!("{range}&filter=api_requests%3E%3D30")).await;
    assert_eq!(domains(&busy), ["acme", "kiwi"]);
    let named = table(&app, &format!("{range}&filter=domain~K,api_requests%3E100")).await;
    assert_eq!(domains(&named), ["kiwi"]);
    let quiet = table(&app, &format!("{range}&filter=api_requests%3D0")).await;
    assert_eq!(domains(&quiet), ["globex"], "no events counts as 0");
    let second = table(&app, &format!("{range}&sort=domain&limit=1&offset=1")).await;
    assert_eq!(domains(&second), ["globex"]);
    assert_eq!(second["total"], 3);
    assert_eq!(second["limit"], 1);
    let devices = table(&app, &format!("{range}&sort=domain&trend=devices&limit=1")).await;
    let trend = devices["rows"][0]["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 10);
    assert_eq!(trend[7], 9.0, "the 8th");
}

#[tokio::test]
async fn the_export_writes_the_chosen_columns_in_the_table_s_order() {
    let app = spawn_app_at(noon()).await;
    three_tenants(&app).await;
    let response = app
        .get(
            "/api/v1/usage/statistics/export?from=2026-03-07&to=2026-03-09&sort=-api_requests\
             &columns=domain,api_requests,peak_devices,devices",
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("usage-statistics-2026-03-10.csv")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "domain,api_requests,peak_devices,devices");
    assert_eq!(lines[1], "acme,30,9,6");
    // Counters without events are 0, gauges without a reading empty; ties by id.
    assert_eq!(lines[2..], ["kiwi,0,,", "globex,0,,"]);
    let everything = app
        .get("/api/v1/usage/statistics/export", &app.admin_token)
        .await
        .text()
        .await
        .unwrap();
    assert!(everything.starts_with("id,domain,name,status,parent_id,created_at,"));
}

#[tokio::test]
async fn a_tenant_sees_only_its_own_subtree() {
    let app = spawn_app_at(noon()).await;
    three_tenants(&app).await;
    let acme = app.create_tenant("leaf").await;
    let token = app.token_for(&acme).await;
    let own = app
        .get_json("/api/v1/usage/statistics?include_self=true", &token)
        .await;
    assert_eq!(domains(&own), ["leaf"]);
    let below = app.get_json("/api/v1/usage/statistics", &token).await;
    assert_eq!(below["total"], 0);
}

#[tokio::test]
async fn bad_parameters_are_named() {
    let app = spawn_app_at(noon()).await;
    for (query, field) in [
        ("sort=colour", "sort"),
        ("sort=peak_api_requests", "sort"),
        ("filter=api_requests", "filter"),
        ("filter=api_requests%3Elots", "filter"),
        ("filter=name~a,colour%3D1", "filter"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("trend=colour", "trend"),
        ("from=2026-03-10&to=2026-03-01", "to"),
        ("colour=red", "colour"),
    ] {
        let response = app
            .get(
                &format!("/api/v1/usage/statistics?{query}"),
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
    let response = app
        .get(
            "/api/v1/usage/statistics/export?columns=domain,domain",
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(response).await), ["columns"]);
}
