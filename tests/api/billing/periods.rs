//! A subscription billed over its periods: renewals, trials, downgrades and cancellations at
//! the period's end, pause and resume.

use super::*;

#[tokio::test]
async fn a_subscription_is_billed_each_period_in_advance_with_gapless_numbers() {
    let app = app_at("2026-01-31T09:00:00Z").await;
    plan(&app, "pro", "USD", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    let sub = subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    assert_eq!(sub["status"], "active");
    assert_eq!(sub["current_period_start"], "2026-01-31T09:00:00Z");
    assert_eq!(
        sub["current_period_end"], "2026-02-28T09:00:00Z",
        "anchored on the 31st, clamped"
    );

    bill(&app, "2026-02-28T09:00:00Z").await;
    let run = bill(&app, "2026-03-31T09:00:00Z").await;
    assert_eq!(run["invoices_created"], 1);
    // Running again bills nothing.
    let again = bill(&app, "2026-03-31T09:00:00Z").await;
    assert_eq!(again["invoices_created"], 0);

    let bills = invoices(&app, &acme).await;
    let numbers: Vec<&str> = bills
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["INV-2026-000001", "INV-2026-000002", "INV-2026-000003"]
    );
    let periods: Vec<(&str, &str)> = bills
        .iter()
        .map(|i| {
            (
                i["period_start"].as_str().unwrap(),
                i["period_end"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            ("2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z"),
            ("2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z"),
            ("2026-03-31T09:00:00Z", "2026-04-30T09:00:00Z"),
        ]
    );
    assert!(
        bills
            .iter()
            .all(|i| i["status"] == "paid" && i["total"] == "20.00")
    );
    assert_eq!(bills[0]["lines"][0]["kind"], "subscription");
    assert_eq!(
        bills[0]["lines"][0]["description"],
        "PRO (monthly), 31 Jan 2026 – 28 Feb 2026"
    );
    let sub = subscription(&app, &acme).await;
    assert_eq!(sub["current_period_end"], "2026-04-30T09:00:00Z");
}

#[tokio::test]
async fn a_trial_bills_nothing_until_it_ends_then_periods_start_at_its_end() {
    let app = app_at("2026-04-01T00:00:00Z").await;
    plan(&app, "team", "USD", json!({ "monthly": "50.00" }), Some(5)).await;
    let acme = app.create_tenant("acme").await;
    let sub = subscribe(
        &app,
        &acme,
        json!({ "plan": "team", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    assert_eq!(sub["status"], "trialing");
    assert_eq!(sub["trial_end"], "2026-04-06T00:00:00Z");
    assert!(invoices(&app, &acme).await.is_empty());
    bill(&app, "2026-04-05T23:59:59Z").await;
    assert!(invoices(&app, &acme).await.is_empty());
    bill(&app, "2026-04-06T00:00:00Z").await;
    let bills = invoices(&app, &acme).await;
    assert_eq!(bills.len(), 1);
    assert_eq!(bills[0]["total"], "50.00");
    assert_eq!(bills[0]["period_start"], "2026-04-06T00:00:00Z");
    assert_eq!(bills[0]["period_end"], "2026-05-06T00:00:00Z");
    let sub = subscription(&app, &acme).await;
    assert_eq!(sub["status"], "active");
    assert_eq!(sub["trial_end"], Value::Null);
}

#[tokio::test]
async fn a_downgrade_waits_for_the_period_end_and_can_be_called_off() {
    let app = app_at("2026-03-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    plan(&app, "basic", "EUR", json!({ "monthly": "10.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    app.clock.set(at("2026-03-10T00:00:00Z"));
    let sub = subscribe(&app, &acme, json!({ "plan": "basic", "cycle": "monthly" })).await;
    assert_eq!(sub["plan"], "pro", "still on pro until the period ends");
    assert_eq!(
        sub["scheduled_change"],
        json!({ "plan": "basic", "plan_name": "BASIC", "cycle": "monthly", "at": "2026-04-01T00:00:00Z" })
    );
    assert_eq!(
        invoices(&app, &acme).await.len(),
        1,
        "no proration for a downgrade"
    );
    // Called off, then scheduled again.
    let kept = subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    assert_eq!(kept["scheduled_change"], Value::Null);
    subscribe(&app, &acme, json!({ "plan": "basic", "cycle": "monthly" })).await;
    bill(&app, "2026-04-01T00:00:00Z").await;
    let sub = subscription(&app, &acme).await;
    assert_eq!(sub["plan"], "basic");
    assert_eq!(sub["scheduled_change"], Value::Null);
    let bills = invoices(&app, &acme).await;
    assert_eq!(bills.len(), 2);
    assert_eq!(bills[1]["total"], "10.00");
}

#[tokio::test]
async fn cancelling_at_period_end_keeps_access_then_ends_without_an_invoice() {
    let app = app_at("2026-03-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    let cancel = |at_period_end: bool| {
        let app = &app;
        let id = acme.id;
        async move {
            let response = app
                .post(
                    &format!("/api/v1/tenants/{id}/subscription/cancel"),
                    &app.admin_token,
                    &json!({ "at_period_end": at_period_end }),
                )
                .await;
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<Value>().await.unwrap()
        }
    };
    let sub = cancel(true).await;
    assert_eq!(sub["cancel_at_period_end"], true);
    assert_eq!(sub["status"], "active");
    // Undone, and done again.
    assert_eq!(
        subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await["cancel_at_period_end"],
        false
    );
    cancel(true).await;
    bill(&app, "2026-04-01T00:00:00Z").await;
    assert_eq!(invoices(&app, &acme).await.len(), 1);
    let gone = app
        .get(
            &format!("/api/v1/tenants/{}/subscription", acme.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(
        gone.status(),
        StatusCode::NOT_FOUND,
        "no current subscription"
    );
}

#[tokio::test]
async fn cancelling_now_credits_the_unused_time_which_the_next_invoice_consumes() {
    let app = app_at("2026-04-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    // April has 30 days: at Apr 16 00:00 half of it is left.
    app.clock.set(at("2026-04-16T00:00:00Z"));
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/subscription/cancel", acme.id),
            &app.admin_token,
            &json!({ "at_period_end": false }),
        )
        .await;
    let sub: Value = response.json().await.unwrap();
    assert_eq!(sub["status"], "canceled");
    assert_eq!(sub["credit_balance"], "10.00");
    let again = subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    assert_eq!(again["credit_balance"], "0.00");
    let bills = invoices(&app, &acme).await;
    let last = bills.last().unwrap();
    assert_eq!(last["total"], "20.00");
    assert_eq!(last["credit_applied"], "10.00");
    assert_eq!(last["amount_due"], "0.00");
    assert_eq!(last["status"], "paid", "the card paid the rest");
    assert_eq!(last["amount_paid"], "10.00");
}

#[tokio::test]
async fn a_paused_subscription_bills_nothing_and_resuming_starts_a_new_period() {
    let app = app_at("2026-04-01T00:00:00Z").await;
    plan(&app, "pro", "EUR", json!({ "monthly": "30.00" }), None).await;
    let acme = app.create_tenant("acme").await;
    subscribe(
        &app,
        &acme,
        json!({ "plan": "pro", "cycle": "monthly", "payment_method": card(CARD_OK) }),
    )
    .await;
    app.clock.set(at("2026-04-21T00:00:00Z"));
    let paused = app
        .post(
            &format!("/api/v1/tenants/{}/subscription/pause", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    let paused: Value = paused.json().await.unwrap();
    assert_eq!(paused["status"], "paused");
    assert_eq!(paused["credit_balance"], "10.00", "10 of 30 days unused");
    let run = bill(&app, "2026-06-15T00:00:00Z").await;
    assert_eq!(run["invoices_created"], 0);
    let resumed = app
        .post(
            &format!("/api/v1/tenants/{}/subscription/resume", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    let resumed: Value = resumed.json().await.unwrap();
    assert_eq!(resumed["status"], "active");
    assert_eq!(resumed["current_period_start"], "2026-06-15T00:00:00Z");
    assert_eq!(resumed["current_period_end"], "2026-07-15T00:00:00Z");
    let last = invoices(&app, &acme).await.pop().unwrap();
    assert_eq!(
        (last["total"].as_str(), last["credit_applied"].as_str()),
        (Some("30.00"), Some("10.00"))
    );
    let twice = app
        .post(
            &format!("/api/v1/tenants/{}/subscription/resume", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
}
