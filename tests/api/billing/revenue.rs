//! The Customers summary's monthly recurring revenue: active subscriptions to the caller's
//! plans at their cycle's price, a year counted as twelve months, per currency.

use super::{CARD_OK, app_at, card, plan, subscribe};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn mrr_counts_active_subscriptions_per_currency_a_year_as_twelve_months() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    let empty = app
        .get_json("/api/v1/tenants/summary", &app.admin_token)
        .await;
    assert_eq!(empty["mrr"], json!([]), "{empty}");

    plan(
        &app,
        "team",
        "EUR",
        json!({ "monthly": "19.00", "yearly": "190.00" }),
        None,
    )
    .await;
    plan(&app, "team-usd", "USD", json!({ "monthly": "25.00" }), None).await;
    let pay = card(CARD_OK);
    let mut tenants = std::collections::HashMap::new();
    for (domain, plan, cycle) in [
        ("monthly-one", "team", "monthly"),
        ("monthly-two", "team", "monthly"),
        ("yearly-one", "team", "yearly"),
        ("dollar-one", "team-usd", "monthly"),
        ("leaving", "team", "monthly"),
    ] {
        let tenant = app.create_tenant(domain).await;
        subscribe(
            &app,
            &tenant,
            json!({ "plan": plan, "cycle": cycle, "payment_method": pay }),
        )
        .await;
        if domain == "leaving" {
            let canceled = app
                .post(
                    &format!("/api/v1/tenants/{}/subscription/cancel", tenant.id),
                    &app.admin_token,
                    &json!({ "at_period_end": false }),
                )
                .await;
            assert_eq!(canceled.status(), StatusCode::OK);
        }
        tenants.insert(domain, tenant);
    }

    let summary = app
        .get_json("/api/v1/tenants/summary", &app.admin_token)
        .await;
    // 2 × 19.00 + 190.00 / 12 = 53.83 (53.8333…, rounded once); the canceled one is gone.
    assert_eq!(
        summary["mrr"],
        json!([
            { "amount": "53.83", "currency": "EUR" },
            { "amount": "25.00", "currency": "USD" },
        ]),
        "{summary}"
    );

    // A paused subscription brings nothing, and a deleted customer's subscription goes with
    // it (by cascade, which the kept counts follow).
    let paused = app
        .post(
            &format!(
                "/api/v1/tenants/{}/subscription/pause",
                tenants["monthly-two"].id
            ),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(paused.status(), StatusCode::OK);
    let deleted = app
        .delete(
            &format!("/api/v1/tenants/{}", tenants["dollar-one"].id),
            &app.admin_token,
        )
        .await;
    assert!(deleted.status().is_success(), "{}", deleted.status());
    let summary = app
        .get_json("/api/v1/tenants/summary", &app.admin_token)
        .await;
    // 19.00 + 190.00 / 12 = 34.83.
    assert_eq!(
        summary["mrr"],
        json!([{ "amount": "34.83", "currency": "EUR" }]),
        "{summary}"
    );
}
