//! Dunning drives the tenant: overdue invoices walk it through the policy's states, and
//! paying them steps it back at once.

use super::*;
use landlord_tests::{ADMIN_PASSWORD, problem};

async fn pay(app: &TestApp, invoice: &Value, amount: &str) -> reqwest::Response {
    app.post(
        &format!("/api/v1/invoices/{}/payments", invoice["id"]),
        &app.admin_token,
        &json!({ "amount": amount, "method": "bank_transfer", "reference": "SEPA-1" }),
    )
    .await
}

async fn audit_actions(app: &TestApp, tenant: &Created) -> Vec<String> {
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log?per_page=200", tenant.id),
            &app.admin_token,
        )
        .await;
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_declined_card_walks_the_tenant_to_suspension_and_a_payment_reactivates_it() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "USD", json!({ "monthly": "20.00" }), None).await;
    plan(&app, "max", "USD", json!({ "monthly": "90.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    let sub = subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_DECLINED) }),
    )
    .await;
    assert_eq!(sub["status"], "pending");
    let first = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(first["status"], "open");
    assert_eq!(first["last_collection_error"], "card_declined");
    assert_eq!(
        first["next_collection_at"], "2026-01-02T00:00:00Z",
        "retried a day after it was due"
    );

    let steps = [
        ("2026-01-02T00:00:00Z", "reminder", "active"),
        ("2026-01-08T00:00:00Z", "restricted", "active"),
        ("2026-01-15T00:00:00Z", "suspended", "suspended"),
    ];
    for (when, state, status) in steps {
        bill(&app, when).await;
        let t = tenant(&app, &acme).await;
        assert_eq!(
            (t["billing_state"].as_str(), t["status"].as_str()),
            (Some(state), Some(status)),
            "{when}"
        );
    }
    let t = tenant(&app, &acme).await;
    assert_eq!(t["status_reason"], "dunning");
    assert_eq!(subscription(&app, &acme).await["status"], "past_due");
    // The Customers list filters on the billing state, the export too.
    app.create_tenant("globex").await;
    for (filter, expected) in [
        ("overdue", vec!["acme"]),
        ("suspended", vec!["acme"]),
        ("ok", vec!["globex"]),
        ("reminder", vec![]),
    ] {
        let page = app
            .get_json(
                &format!("/api/v1/tenants?billing_state={filter}"),
                &app.admin_token,
            )
            .await;
        assert_eq!(
            landlord_tests::item_strs(&page, "domain"),
            expected,
            "{filter}"
        );
        let csv = app
            .get(
                &format!("/api/v1/tenants/export?columns=domain&billing_state={filter}"),
                &app.admin_token,
            )
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(
            csv.lines().skip(1).collect::<Vec<_>>(),
            expected,
            "export {filter}"
        );
    }
    let bad = app
        .get(
            "/api/v1/tenants?billing_state=Not%20A%20State",
            &app.admin_token,
        )
        .await;
    assert_eq!(
        landlord_tests::problem_fields(&problem(bad).await),
        ["billing_state"]
    );
    let payments = app
        .get_json(
            &format!("/api/v1/invoices/{}/payments", first["id"]),
            &app.admin_token,
        )
        .await;
    let failed = payments
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "failed")
        .count();
    assert_eq!(
        failed, 3,
        "charged at issue, retried by the runs of days 1 and 7; the retries they skipped are not made up"
    );
    // Suspension blocks its users like a manual one.
    let login = app.login(&acme.domain, &acme.admin, &acme.password).await;
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);

    // Restricted (and worse) tenants may not change plans.
    let change = app
        .put(
            &format!("/api/v1/tenants/{}/subscription", acme.id),
            &app.admin_token,
            &json!({ "plan": "max", "cycle": "monthly" }),
        )
        .await;
    assert_eq!(change.status(), StatusCode::CONFLICT);
    assert_eq!(problem(change).await["code"], "billing_restricted");

    // A partial payment leaves it overdue; paying the rest steps it back at once.
    assert_eq!(
        pay(&app, &first, "5.00").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(tenant(&app, &acme).await["status"], "suspended");
    let too_much = pay(&app, &first, "15.01").await;
    assert_eq!(too_much.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(too_much).await["code"], "amount_exceeds_due");
    assert_eq!(
        pay(&app, &first, "15.00").await.status(),
        StatusCode::CREATED
    );
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (t["status"].as_str(), t["billing_state"].as_str()),
        (Some("active"), Some("ok"))
    );
    assert_eq!(t["status_reason"], Value::Null);
    assert_eq!(subscription(&app, &acme).await["status"], "active");
    let paid = app
        .get_json(
            &format!("/api/v1/invoices/{}", first["id"]),
            &app.admin_token,
        )
        .await;
    assert_eq!(
        (paid["status"].as_str(), paid["amount_paid"].as_str()),
        (Some("paid"), Some("20.00"))
    );
    let actions = audit_actions(&app, &acme).await;
    for action in [
        "billing.dunning_state_changed",
        "subscription.past_due",
        "tenant.suspended",
        "tenant.activated",
        "invoice.paid",
        "payment.recorded",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn a_tenant_suspended_by_an_operator_stays_suspended_after_paying() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": { "type": "invoice" } }),
    )
    .await;
    let invoice = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(invoice["due_at"], "2026-01-15T00:00:00Z");
    app.clock.set(at("2026-01-10T00:00:00Z"));
    let suspended = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", acme.id),
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert_eq!(suspended.status(), StatusCode::OK);
    assert_eq!(tenant(&app, &acme).await["status_reason"], "operator");
    bill(&app, "2026-01-29T00:00:00Z").await;
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (t["billing_state"].as_str(), t["status_reason"].as_str()),
        (Some("suspended"), Some("operator"))
    );
    assert_eq!(
        pay(&app, &invoice, "20.00").await.status(),
        StatusCode::CREATED
    );
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (
            t["status"].as_str(),
            t["billing_state"].as_str(),
            t["status_reason"].as_str()
        ),
        (Some("suspended"), Some("ok"), Some("operator"))
    );
}

#[tokio::test]
async fn thirty_days_overdue_cancels_the_subscription_and_the_tenant_waits_suspended() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": { "type": "invoice" } }),
    )
    .await;
    // Due Jan 15; thirty days later the policy cancels (the run renewed Feb 1 first, as an
    // hourly schedule would have). Billing stops with the subscription.
    bill(&app, "2026-02-14T00:00:00Z").await;
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (t["billing_state"].as_str(), t["status"].as_str()),
        (Some("canceled"), Some("suspended"))
    );
    let gone = app
        .get(
            &format!("/api/v1/tenants/{}/subscription", acme.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        bill(&app, "2026-03-15T00:00:00Z").await["invoices_created"],
        0
    );
    let owed = invoices(&app, &acme).await;
    assert_eq!(owed.len(), 2, "January and February");
    // Paying the older one leaves the newer overdue: the tenant stays suspended.
    let paid = pay(&app, &owed[0], "20.00").await;
    assert_eq!(
        paid.status(),
        StatusCode::CREATED,
        "{}",
        paid.text().await.unwrap()
    );
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (t["billing_state"].as_str(), t["status"].as_str()),
        (Some("suspended"), Some("suspended"))
    );
    pay(&app, &owed[1], "20.00").await;
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (t["billing_state"].as_str(), t["status"].as_str()),
        (Some("ok"), Some("active"))
    );
}

#[tokio::test]
async fn the_dunning_policy_is_the_operators_to_edit() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    let default = app
        .get_json("/api/v1/billing/dunning-policy", &app.admin_token)
        .await;
    assert_eq!(default["steps"].as_array().unwrap().len(), 4);
    let lenient = json!({ "steps": [
        { "name": "reminder", "after_days": 3, "effect": "reminder" },
        { "name": "suspended", "after_days": 60, "effect": "suspend" },
    ] });
    let saved = app
        .put("/api/v1/billing/dunning-policy", &app.admin_token, &lenient)
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let bad = app
        .put(
            "/api/v1/billing/dunning-policy",
            &app.admin_token,
            &json!({ "steps": [
            { "name": "late", "after_days": 9, "effect": "suspend" },
            { "name": "later", "after_days": 5, "effect": "reminder" },
        ] }),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": { "type": "invoice" } }),
    )
    .await;
    bill(&app, "2026-02-01T00:00:00Z").await; // 17 days after Jan 15's due date.
    let t = tenant(&app, &acme).await;
    assert_eq!(
        (t["billing_state"].as_str(), t["status"].as_str()),
        (Some("reminder"), Some("active"))
    );
}
