//! The customer list and its export filtered by a custom property's value
//! (`property=key:value`), alone and beside the search and a reseller's subtree, whose
//! patterns are bound beside it in every reader's SQL.

use super::library;
use landlord_tests::{TestApp, item_strs, problem, problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

/// The domains a list `path` answers, and its total, as `token`'s user.
async fn listed(app: &TestApp, token: &str, path: &str) -> (Vec<String>, i64) {
    let page = app.get_json(path, token).await;
    let domains = item_strs(&page, "domain")
        .into_iter()
        .map(str::to_owned)
        .collect();
    (domains, page["total"].as_i64().unwrap())
}

/// The domains an export `path` lists, as `token`'s user.
async fn exported(app: &TestApp, token: &str, path: &str) -> Vec<String> {
    let response = app.get(path, token).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let csv = response.text().await.unwrap();
    csv.lines().skip(1).map(str::to_owned).collect()
}

#[tokio::test]
async fn customers_are_found_by_a_property_value_read_as_its_type() {
    let app = spawn_app().await;
    library(&app).await;
    let admin = app.admin_token.clone();
    let with = |values: serde_json::Value| json!({ "custom_properties": values });
    app.create_tenant_as(
        &admin,
        "acme",
        with(json!({"external_reference": "ERP-7", "seats": 12, "vip": true})),
    )
    .await;
    app.create_tenant_as(
        &admin,
        "globex",
        with(json!({"external_reference": "erp-7"})),
    )
    .await;
    app.create_tenant_as(&admin, "initech", with(json!({"vip": false})))
        .await;

    let sorted = "/api/v1/tenants?sort=domain";
    let cases = [
        ("external_reference:Erp-7", vec!["acme", "globex"]),
        ("external_reference:ERP-", vec![]),
        ("seats:12.0", vec!["acme"]),
        // A value given at creation or by default is found alike.
        ("seats:5", vec!["globex", "initech"]),
        ("vip:false", vec!["initech"]),
    ];
    for (condition, expected) in cases {
        let path = format!("{sorted}&property={condition}");
        let (domains, total) = listed(&app, &admin, &path).await;
        assert_eq!(domains, expected, "{condition}");
        assert_eq!(
            total,
            expected.len() as i64,
            "{condition}: the total counts them"
        );
    }
    // With the search: `property` and the search's own pattern are bound side by side.
    let (domains, _) = listed(
        &app,
        &admin,
        &format!("{sorted}&q=glo&property=external_reference:ERP-7"),
    )
    .await;
    assert_eq!(domains, ["globex"]);
    assert_eq!(
        exported(
            &app,
            &admin,
            "/api/v1/tenants/export?sort=domain&columns=domain&property=external_reference:erp-7"
        )
        .await,
        ["acme", "globex"]
    );
    assert_eq!(
        exported(
            &app,
            &admin,
            "/api/v1/tenants/export?sort=domain&columns=domain&q=acm&property=vip:true"
        )
        .await,
        ["acme"]
    );

    // A changed value is found by its new value only.
    let acme = app.get_json("/api/v1/tenants?q=acme", &admin).await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let response = app
        .patch(
            &format!("/api/v1/tenants/{acme}"),
            &admin,
            &json!({"custom_properties": {"external_reference": "ERP-8"}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (domains, _) = listed(
        &app,
        &admin,
        &format!("{sorted}&property=external_reference:erp-7"),
    )
    .await;
    assert_eq!(domains, ["globex"]);
}

#[tokio::test]
async fn a_reseller_filters_its_own_subtree_by_a_property() {
    let app = spawn_app().await;
    library(&app).await;
    let admin = app.admin_token.clone();
    let reseller = app
        .create_tenant_as(&admin, "reseller", json!({"allow_subtenants": true}))
        .await;
    app.create_tenant_as(
        &admin,
        "outsider",
        json!({"custom_properties": {"external_reference": "X-1"}}),
    )
    .await;
    let token = app.token_for(&reseller).await;
    for (domain, reference) in [("north", "X-1"), ("south", "X-2")] {
        app.create_tenant_as(
            &token,
            domain,
            json!({"custom_properties": {"external_reference": reference}}),
        )
        .await;
    }
    let (domains, total) = listed(
        &app,
        &token,
        "/api/v1/tenants?property=external_reference:x-1",
    )
    .await;
    assert_eq!((domains, total), (vec!["north".to_owned()], 1));
    let (domains, _) = listed(
        &app,
        &token,
        "/api/v1/tenants?q=nor&property=external_reference:x-1",
    )
    .await;
    assert_eq!(domains, ["north"]);
    assert_eq!(
        exported(
            &app,
            &token,
            "/api/v1/tenants/export?columns=domain&q=th&property=external_reference:X-1"
        )
        .await,
        ["north"]
    );
}

#[tokio::test]
async fn a_bad_property_condition_is_a_problem_naming_property() {
    let app = spawn_app().await;
    library(&app).await;
    for condition in [
        "seats",
        "Seats:1",
        "colour:red",
        "seats:many",
        "renewal:2026-02-30",
        "vip:",
    ] {
        for path in ["/api/v1/tenants", "/api/v1/tenants/export"] {
            let response = app
                .get(&format!("{path}?property={condition}"), &app.admin_token)
                .await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} {condition}"
            );
            assert_eq!(
                problem_fields(&problem(response).await),
                ["property"],
                "{condition}"
            );
        }
    }
}
