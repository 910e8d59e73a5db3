//! The plan catalogue.

use super::*;
use landlord_tests::{problem, problem_fields, spawn_app};

#[tokio::test]
async fn plans_are_created_listed_changed_and_archived_with_subscriber_counts() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    let pro = plan(
        &app,
        "pro",
        "USD",
        json!({ "monthly": "20", "yearly": "200.00" }),
        Some(14),
    )
    .await;
    assert_eq!(
        pro["prices"],
        json!({ "monthly": "20.00", "yearly": "200.00" })
    );
    assert_eq!(pro["cycles"], json!(["monthly", "yearly"]));
    assert_eq!(pro["trial_days"], 14);
    assert_eq!(pro["status"], "active");
    assert_eq!(pro["subscribers"], 0);
    plan(&app, "basic", "USD", json!({ "monthly": "5" }), None).await;

    let again = app
        .post("/api/v1/plans", &app.admin_token, &json!({ "code": "pro", "name": "Pro", "currency": "USD", "prices": { "monthly": "1" } }))
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(problem(again).await["code"], "code_taken");

    let acme = app.create_tenant("acme").await;
    subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    let list = app.get_json("/api/v1/plans", &app.admin_token).await;
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["code"], "basic", "by code");
    assert_eq!(list["items"][1]["subscribers"], 1);

    let changed = app
        .patch(
            "/api/v1/plans/pro",
            &app.admin_token,
            &json!({ "name": "Pro 2026", "description": "For teams", "trial_days": null }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["name"], "Pro 2026");
    assert_eq!(changed["trial_days"], Value::Null);
    assert_eq!(changed["prices"]["monthly"], "20.00", "untouched");

    let archived = app
        .post("/api/v1/plans/pro/archive", &app.admin_token, &json!({}))
        .await;
    assert_eq!(archived.status(), StatusCode::OK);
    let twice = app
        .post("/api/v1/plans/pro/archive", &app.admin_token, &json!({}))
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    // An archived plan takes no new subscriptions; the existing one continues.
    let globex = app.create_tenant("globex").await;
    let refused = app
        .put(
            &format!("/api/v1/tenants/{}/subscription", globex.id),
            &app.admin_token,
            &json!({ "plan": "pro", "cycle": "monthly" }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(refused).await["code"], "plan_archived");
    assert_eq!(subscription(&app, &acme).await["plan"], "pro");
    let archived = app
        .get_json("/api/v1/plans?status=archived", &app.admin_token)
        .await;
    assert_eq!(archived["total"], 1);
}

#[tokio::test]
async fn bad_plans_are_refused_naming_every_field() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/plans",
            &app.admin_token,
            &json!({ "code": "Pro Plan", "name": " ", "currency": "JPY", "prices": { "monthly": "1.5" }, "trial_days": 400 }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&problem(response).await);
    fields.sort();
    assert_eq!(fields, ["code", "name", "prices.monthly", "trial_days"]);
    let response = app
        .post(
            "/api/v1/plans",
            &app.admin_token,
            &json!({ "code": "free", "name": "Free", "currency": "EUR", "prices": {} }),
        )
        .await;
    assert_eq!(problem_fields(&problem(response).await), ["prices"]);
    let missing = app.get("/api/v1/plans/nope", &app.admin_token).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_tenant_without_subtenants_has_no_catalogue_and_cannot_change_its_own_subscription() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    let token = app.token_for(&acme).await;
    let plans = app.get("/api/v1/plans", &token).await;
    assert_eq!(plans.status(), StatusCode::FORBIDDEN);
    // It sees its own subscription but its parent manages it.
    let own = app
        .get(&format!("/api/v1/tenants/{}/subscription", acme.id), &token)
        .await;
    assert_eq!(own.status(), StatusCode::OK);
    let change = app
        .put(
            &format!("/api/v1/tenants/{}/subscription", acme.id),
            &token,
            &json!({ "plan": "pro", "cycle": "monthly" }),
        )
        .await;
    assert_eq!(change.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_package_is_associated_at_creation() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(
        &app,
        "pro",
        "EUR",
        json!({ "monthly": "20", "yearly": "200" }),
        None,
    )
    .await;
    let acme = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "acme",
            json!({ "plan": "pro", "cycle": "yearly", "payment_method": card(CARD_OK) }),
        )
        .await;
    let sub = subscription(&app, &acme).await;
    assert_eq!(sub["plan"], "pro");
    assert_eq!(sub["cycle"], "yearly");
    assert_eq!(sub["status"], "active", "the card paid the first year");
    assert_eq!(sub["current_period_end"], "2027-01-01T00:00:00Z");
    assert_eq!(
        sub["payment_method"],
        json!({ "type": "card", "brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2035 })
    );
    let bills = invoices(&app, &acme).await;
    assert_eq!(bills.len(), 1);
    assert_eq!(bills[0]["status"], "paid");
    assert_eq!(bills[0]["total"], "200.00");

    // A bad package refuses the whole creation: no tenant is left half made.
    let refused = app
        .post(
            "/api/v1/tenants",
            &app.admin_token,
            &json!({ "domain": "globex", "name": "Globex", "admin_username": "owner", "admin_email": "o@globex.test", "plan": "nope" }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(refused).await), ["plan"]);
    let all = app
        .get_json("/api/v1/tenants?q=globex", &app.admin_token)
        .await;
    assert_eq!(all["total"], 0);
}
