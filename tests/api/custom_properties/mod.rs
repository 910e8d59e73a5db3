//! Custom properties (seed 003): the library, a tenant's typed values, and the values as
//! columns of the usage statistics and its export, on the backend under test.

mod filter;

use landlord_tests::{TestApp, problem, problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn create_property(app: &TestApp, body: Value) -> Value {
    let response = app
        .post("/api/v1/custom-properties", &app.admin_token, &body)
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

/// `seats` (number, default 5), `vip` (boolean) and `renewal` (date) beside the predefined
/// `external_reference`.
async fn library(app: &TestApp) {
    create_property(
        app,
        json!({"key": "seats", "name": "Seats", "type": "number", "default": 5}),
    )
    .await;
    create_property(app, json!({"key": "vip", "name": "VIP", "type": "boolean"})).await;
    create_property(
        app,
        json!({"key": "renewal", "name": "Renewal", "type": "date", "description": "Contract renewal"}),
    )
    .await;
}

/// The newest entry of `action` in `tenant`'s audit log.
async fn audit_entry(app: &TestApp, tenant: i64, action: &str) -> Value {
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{tenant}/audit-log?per_page=100"),
            &app.admin_token,
        )
        .await;
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == action)
        .unwrap_or_else(|| panic!("{action} in {log}"))
        .clone()
}

async fn patch_tenant(app: &TestApp, id: i64, body: Value) -> reqwest::Response {
    app.patch(&format!("/api/v1/tenants/{id}"), &app.admin_token, &body)
        .await
}

#[tokio::test]
async fn the_library_starts_with_external_reference_and_takes_typed_properties() {
    let app = spawn_app().await;
    let all = app
        .get_json("/api/v1/custom-properties", &app.admin_token)
        .await;
    assert_eq!(all[0]["key"], "external_reference");
    assert_eq!(all[0]["type"], "text");
    assert_eq!(all[0]["tenants_count"], 0);

    let seats = create_property(
        &app,
        json!({"key": "seats", "name": " Seats ", "type": "number", "default": 5}),
    )
    .await;
    assert_eq!(seats["name"], "Seats");
    assert_eq!(seats["default"], 5);
    let keys: Vec<String> = app
        .get_json("/api/v1/custom-properties", &app.admin_token)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(keys, ["external_reference", "seats"]);

    let taken = app
        .post(
            "/api/v1/custom-properties",
            &app.admin_token,
            &json!({"key": "seats", "name": "Again", "type": "text"}),
        )
        .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(problem(taken).await["code"], "key_taken");

    let bad = app
        .post(
            "/api/v1/custom-properties",
            &app.admin_token,
            &json!({"key": "Bad-Key", "name": "", "type": "date", "default": "tomorrow"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields = problem_fields(&problem(bad).await);
    assert_eq!(fields, ["key", "name", "default"]);

    let renamed = app
        .patch(
            "/api/v1/custom-properties/seats",
            &app.admin_token,
            &json!({"name": "Licensed seats", "default": null}),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["name"], "Licensed seats");
    assert_eq!(renamed["default"], Value::Null);
    assert_eq!(renamed["type"], "number", "the type stays");
    let wrong_default = app
        .patch(
            "/api/v1/custom-properties/seats",
            &app.admin_token,
            &json!({"default": "five"}),
        )
        .await;
    assert_eq!(wrong_default.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(wrong_default).await), ["default"]);
    let missing = app
        .get("/api/v1/custom-properties/colour", &app.admin_token)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let management = app.get_json("/api/v1/auth/me", &app.admin_token).await["tenant"]["id"]
        .as_i64()
        .unwrap();
    let entry = audit_entry(&app, management, "custom_property.updated").await;
    assert_eq!(entry["details"]["after"]["name"], "Licensed seats");
    assert_eq!(entry["details"]["before"]["name"], "Seats");
}

#[tokio::test]
async fn only_the_management_tenant_keeps_the_library() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({"allow_subtenants": true}),
        )
        .await;
    let token = app.token_for(&reseller).await;
    let listed = app.get("/api/v1/custom-properties", &token).await;
    assert_eq!(
        listed.status(),
        StatusCode::OK,
        "everyone who reads tenants reads it"
    );
    let refused = app
        .post(
            "/api/v1/custom-properties",
            &token,
            &json!({"key": "region", "name": "Region", "type": "text"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(refused).await["code"], "management_only");
    let refused = app
        .delete("/api/v1/custom-properties/external_reference", &token)
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_tenant_s_values_are_typed_start_from_defaults_and_are_set_by_its_parent() {
    let app = spawn_app().await;
    library(&app).await;
    let acme = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "acme",
            json!({"custom_properties": {"external_reference": "ERP-1001", "vip": true}}),
        )
        .await;
    assert_eq!(
        acme.body["custom_properties"],
        json!({"external_reference": "ERP-1001", "vip": true, "seats": 5}),
        "the default fills what was not given"
    );

    let changed = patch_tenant(
        &app,
        acme.id,
        json!({"custom_properties": {"seats": 12.5, "vip": null, "renewal": "2027-01-31"}}),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(
        changed["custom_properties"],
        json!({"external_reference": "ERP-1001", "seats": 12.5, "renewal": "2027-01-31"})
    );
    let read = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(read["custom_properties"], changed["custom_properties"]);

    let bad = patch_tenant(
        &app,
        acme.id,
        json!({"custom_properties": {"seats": "many", "renewal": "2027-02-30", "colour": "red"}}),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad = problem(bad).await;
    assert_eq!(
        problem_fields(&bad),
        [
            "custom_properties.colour",
            "custom_properties.renewal",
            "custom_properties.seats"
        ]
    );
    assert_eq!(bad["errors"][0]["code"], "unknown_property");
    let unchanged = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(
        unchanged["custom_properties"], changed["custom_properties"],
        "nothing of a refused change is stored"
    );

    let own = app.token_for(&acme).await;
    let refused = app
        .patch(
            &format!("/api/v1/tenants/{}", acme.id),
            &own,
            &json!({"custom_properties": {"seats": 100}}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = problem(refused).await;
    assert_eq!(refused["code"], "own_tenant");
    assert_eq!(problem_fields(&refused), ["custom_properties"]);

    let entry = audit_entry(&app, acme.id, "tenant.updated").await;
    let details = &entry["details"];
    assert_eq!(details["before"]["custom_properties"]["seats"], 5);
    assert_eq!(details["after"]["custom_properties"]["seats"], 12.5);
}

#[tokio::test]
async fn a_bad_value_at_creation_creates_nothing() {
    let app = spawn_app().await;
    library(&app).await;
    let before = app.stored_tenant_count();
    let body = json!({
        "domain": "acme", "name": "Acme", "admin_username": "owner",
        "admin_email": "owner@acme.test", "admin_password": "acme-pass-1",
        "custom_properties": {"vip": "yes"},
    });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_fields(&problem(response).await),
        ["custom_properties.vip"]
    );
    assert_eq!(app.stored_tenant_count(), before);
}

#[tokio::test]
async fn deleting_a_property_removes_every_tenant_s_value_of_it() {
    let app = spawn_app().await;
    library(&app).await;
    let acme = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "acme",
            json!({"custom_properties": {"vip": true, "external_reference": "A-1"}}),
        )
        .await;
    let vip = app
        .get_json("/api/v1/custom-properties/vip", &app.admin_token)
        .await;
    assert_eq!(vip["tenants_count"], 1);
    let deleted = app
        .delete("/api/v1/custom-properties/vip", &app.admin_token)
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let read = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(
        read["custom_properties"],
        json!({"external_reference": "A-1", "seats": 5})
    );
    let gone = app
        .get("/api/v1/custom-properties/vip", &app.admin_token)
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn values_are_columns_of_the_usage_statistics_to_filter_sort_and_export() {
    let app = spawn_app().await;
    library(&app).await;
    for (domain, reference, seats) in [("acme", "ERP-10", 9), ("globex", "ERP-9", 30)] {
        app.create_tenant_as(
            &app.admin_token.clone(),
            domain,
            json!({"custom_properties": {"external_reference": reference, "seats": seats}}),
        )
        .await;
    }
    app.create_tenant("initech").await;

    let table = app
        .get_json(
            "/api/v1/usage/statistics?sort=-custom.seats",
            &app.admin_token,
        )
        .await;
    let columns: Vec<&str> = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for key in ["custom.external_reference", "custom.seats", "custom.vip"] {
        assert!(columns.contains(&key), "{key} in {columns:?}");
    }
    assert_eq!(table["custom_properties"][0]["key"], "external_reference");
    let domains: Vec<&str> = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap())
        .collect();
    assert_eq!(
        domains,
        ["globex", "acme", "initech"],
        "numbers sort as numbers"
    );
    assert_eq!(
        table["rows"][0]["custom_properties"]["external_reference"],
        "ERP-9"
    );

    let filtered = app
        .get_json(
            "/api/v1/usage/statistics?filter=custom.external_reference~erp-1",
            &app.admin_token,
        )
        .await;
    assert_eq!(filtered["total"], 1);
    assert_eq!(filtered["rows"][0]["domain"], "acme");
    let numeric = app
        .get(
            "/api/v1/usage/statistics?filter=custom.seats~3",
            &app.admin_token,
        )
        .await;
    assert_eq!(numeric.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(numeric).await), ["filter"]);

    let csv = app
        .get(
            "/api/v1/usage/statistics/export?sort=domain&columns=domain,custom.external_reference,custom.seats",
            &app.admin_token,
        )
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "domain,custom.external_reference,custom.seats",
            "acme,ERP-10,9",
            "globex,ERP-9,30",
            "initech,,5"
        ]
    );
}

#[tokio::test]
async fn the_customer_export_takes_custom_property_columns() {
    let app = spawn_app().await;
    library(&app).await;
    app.create_tenant_as(
        &app.admin_token.clone(),
        "acme",
        json!({"custom_properties": {"external_reference": "=ERP-1", "vip": true}}),
    )
    .await;
    app.create_tenant("globex").await;
    let response = app
        .get(
            "/api/v1/tenants/export?sort=domain&columns=domain,custom.external_reference,custom.vip,custom.seats",
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "domain,custom.external_reference,custom.vip,custom.seats",
            "acme,'=ERP-1,true,5",
            "globex,,,5"
        ],
        "formula-like values are neutralised like every cell"
    );
    let unknown = app
        .get(
            "/api/v1/tenants/export?columns=name,custom.colour",
            &app.admin_token,
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(unknown).await), ["columns"]);
}
