//! Changing plan or cycle: the preview is exactly the invoice the change then produces.

use super::*;

async fn preview(app: &TestApp, tenant: &Created, body: Value) -> Value {
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/subscription/preview", tenant.id),
            &app.admin_token,
            &body,
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn amounts(lines: &Value) -> Vec<&str> {
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["amount"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_upgrade_at_half_the_period_credits_half_the_old_price_and_charges_half_the_new() {
    let app = app_at("2026-04-01T00:00:00Z").await;
    plan(&app, "small", "USD", json!({ "monthly": "10.00" }), None).await;
    plan(&app, "large", "USD", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "small", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    app.clock.set(at("2026-04-16T00:00:00Z"));
    let seen = preview(&app, &acme, json!({ "plan": "large", "cycle": "monthly" })).await;
    assert_eq!(seen["change"], "upgrade");
    assert_eq!(amounts(&seen["lines"]), ["-5.00", "10.00"]);
    assert_eq!(seen["lines"][0]["kind"], "proration");
    assert_eq!(
        (seen["total"].as_str(), seen["amount_due"].as_str()),
        (Some("5.00"), Some("5.00"))
    );

    let sub = subscribe(&app, &acme, json!({ "plan": "large", "cycle": "monthly" })).await;
    assert_eq!(sub["plan"], "large");
    assert_eq!(
        sub["current_period_end"], "2026-05-01T00:00:00Z",
        "an upgrade keeps the period"
    );
    let bill = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(
        amounts(&bill["lines"]),
        amounts(&seen["lines"]),
        "the invoice is the preview"
    );
    assert_eq!(bill["total"], seen["total"]);
    assert_eq!(bill["status"], "paid");
}

#[tokio::test]
async fn the_preview_can_be_asked_for_any_moment_of_the_subscription() {
    let app = app_at("2026-04-01T00:00:00Z").await;
    plan(&app, "mid", "USD", json!({ "monthly": "20.00" }), None).await;
    plan(&app, "top", "USD", json!({ "monthly": "30.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "mid", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    app.clock.set(at("2026-04-20T00:00:00Z"));
    // 15 of April's 30 days left at Apr 16.
    let seen = preview(
        &app,
        &acme,
        json!({ "plan": "top", "cycle": "monthly", "at": "2026-04-16T00:00:00Z" }),
    )
    .await;
    assert_eq!(amounts(&seen["lines"]), ["-10.00", "15.00"]);
    assert_eq!(seen["total"], "5.00");
    let before_start = app
        .post(
            &format!("/api/v1/tenants/{}/subscription/preview", acme.id),
            &app.admin_token,
            &json!({ "plan": "top", "cycle": "monthly", "at": "2026-03-01T00:00:00Z" }),
        )
        .await;
    assert_eq!(before_start.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        landlord_tests::problem_fields(&landlord_tests::problem(before_start).await),
        ["at"]
    );
    assert_eq!(
        invoices(&app, &acme).await.len(),
        1,
        "a preview changes nothing"
    );
}

#[tokio::test]
async fn a_cycle_change_restarts_the_period_crediting_the_unused_old_time() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(
        &app,
        "pro",
        "USD",
        json!({ "monthly": "10.00", "yearly": "100.00" }),
        None,
    )
    .await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    // Day 16 of January: 16 of 31 days unused.
    app.clock.set(at("2026-01-16T00:00:00Z"));
    let seen = preview(&app, &acme, json!({ "plan": "pro", "cycle": "yearly" })).await;
    assert_eq!(seen["change"], "cycle_change");
    assert_eq!(amounts(&seen["lines"]), ["-5.16", "100.00"]);
    assert_eq!(seen["amount_due"], "94.84");
    let sub = subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "yearly" })).await;
    assert_eq!(sub["cycle"], "yearly");
    assert_eq!(sub["current_period_start"], "2026-01-16T00:00:00Z");
    assert_eq!(sub["current_period_end"], "2027-01-16T00:00:00Z");
    let bill = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(bill["total"], "94.84");
    // The next renewal is a year later, not at the old monthly boundary.
    assert_eq!(bill_run_count(&app, "2026-02-01T00:00:00Z").await, 0);
}

async fn bill_run_count(app: &TestApp, when: &str) -> i64 {
    bill(app, when).await["invoices_created"].as_i64().unwrap()
}

#[tokio::test]
async fn a_net_credit_is_kept_on_the_balance_never_lost() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(
        &app,
        "pro",
        "USD",
        json!({ "monthly": "10.00", "yearly": "120.00" }),
        None,
    )
    .await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "yearly", "payment_method": card(CARD_OK) }),
    )
    .await;
    // Halfway through 2026 (181 of 365 days gone at Jul 1): 184/365 of 120.00 is unused.
    app.clock.set(at("2026-07-01T00:00:00Z"));
    let seen = preview(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    assert_eq!(amounts(&seen["lines"]), ["-60.49", "10.00"]);
    assert_eq!(
        (seen["total"].as_str(), seen["amount_due"].as_str()),
        (Some("-50.49"), Some("0.00"))
    );
    assert_eq!(seen["credit_balance_after"], "50.49");
    let sub = subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    assert_eq!(sub["credit_balance"], "50.49");
    // The next months are paid from the balance first.
    bill(&app, "2026-08-01T00:00:00Z").await;
    let next = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(
        (
            next["credit_applied"].as_str(),
            next["amount_due"].as_str(),
            next["status"].as_str()
        ),
        (Some("10.00"), Some("0.00"), Some("paid"))
    );
    assert_eq!(subscription(&app, &acme).await["credit_balance"], "40.49");
}

#[tokio::test]
async fn the_tenants_tax_rate_is_added_to_each_invoice() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    let sub = subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly", "tax_rate": "19", "payment_method": { "type": "invoice" }, "billing_email": "ap@acme.test" })).await;
    assert_eq!(sub["tax_rate"], "19");
    assert_eq!(
        sub["status"], "pending",
        "the first invoice is open until it is paid"
    );
    assert_eq!(sub["billing_email"], "ap@acme.test");
    let bill = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(
        (
            bill["subtotal"].as_str(),
            bill["tax"].as_str(),
            bill["total"].as_str()
        ),
        (Some("20.00"), Some("3.80"), Some("23.80"))
    );
    assert_eq!(
        bill["due_at"], "2026-01-15T00:00:00Z",
        "14 days' terms for a transfer"
    );
    assert_eq!(bill["collection"], "send_invoice");
    let bad = app
        .put(&format!("/api/v1/tenants/{}/subscription", acme.id), &app.admin_token, &json!({ "plan": "pro", "cycle": "monthly", "tax_rate": "101", "payment_method": { "type": "card", "number": "4242 4242 4242 4241", "exp_month": 13, "exp_year": 2030 } }))
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = landlord_tests::problem_fields(&landlord_tests::problem(bad).await);
    fields.sort();
    assert_eq!(fields, ["payment_method.number", "tax_rate"]);
}
