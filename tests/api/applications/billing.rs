//! Microservice billing on the invoice: the billing run's usage lines in arrears and the
//! fixed price of subscription-billed microservices, billed once; the plan's usage prices.

use super::usage::{report, run_billing, subscribe, unsubscribe};
use super::{create, microservice};
use crate::billing::{at, invoices, plan, subscribe as subscribe_plan};
use landlord_tests::{problem_fields, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_billing_run_adds_usage_and_subscription_lines_in_arrears_once() {
    let app = spawn_app_at(at("2026-03-01T00:00:00Z")).await;
    let created = plan(&app, "pro", "EUR", json!({ "monthly": "20.00" }), None).await;
    let response = app
        .patch(
            "/api/v1/plans/pro",
            &app.admin_token,
            &json!({ "cpu_day_price": "0.40", "gb_day_price": "0.10" }),
        )
        .await;
    let status = response.status();
    let priced: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{priced}");
    assert_eq!(created["cpu_day_price"], Value::Null);
    assert_eq!(
        (&priced["cpu_day_price"], &priced["gb_day_price"]),
        (&json!("0.40"), &json!("0.10"))
    );
    let acme = app.create_tenant("acme").await;
    subscribe_plan(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;

    let mut bot = microservice("bot", "multi_tenant");
    bot["billing_mode"] = json!("subscription");
    bot["subscription_price"] = json!({ "amount": "9.90", "currency": "EUR" });
    create(&app, bot).await;
    let mut dollars = microservice("dollars", "multi_tenant");
    dollars["billing_mode"] = json!("subscription");
    dollars["subscription_price"] = json!({ "amount": "5.00", "currency": "USD" });
    create(&app, dollars).await;
    create(&app, microservice("crm", "per_tenant")).await;
    subscribe(&app, &acme, "bot").await;
    subscribe(&app, &acme, "dollars").await;

    // 12 h of one instance and 3 h of a second: 1.25 CPU-days and 1.25 GB-days.
    app.clock.set(at("2026-03-10T12:00:00Z"));
    subscribe(&app, &acme, "crm").await;
    report(&app, "crm", Some(acme.id), 1).await;
    app.clock.set(at("2026-03-10T13:00:00Z"));
    report(&app, "crm", Some(acme.id), 2).await;
    app.clock.set(at("2026-03-10T16:00:00Z"));
    report(&app, "crm", Some(acme.id), 1).await;
    app.clock.set(at("2026-03-11T00:00:00Z"));
    unsubscribe(&app, &acme, "crm").await;

    app.clock.set(at("2026-04-01T00:00:00Z"));
    let first = run_billing(&app).await;
    assert_eq!(first["invoices_created"], 1, "{first}");
    let bills = invoices(&app, &acme).await;
    assert_eq!(bills.len(), 2);
    let april = &bills[1];
    let lines: Vec<(String, String, String)> = april["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_owned(),
                l["description"].as_str().unwrap().to_owned(),
                l["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let period = "1 Mar 2026 – 1 Apr 2026";
    assert_eq!(
        lines,
        [
            (
                "subscription".to_owned(),
                "PRO (monthly), 1 Apr 2026 – 1 May 2026".to_owned(),
                "20.00".to_owned()
            ),
            (
                "usage".to_owned(),
                format!("crm service: CPU 1.250000 CPU-days at EUR 0.40 per CPU-day, {period}"),
                "0.50".to_owned()
            ),
            (
                "usage".to_owned(),
                format!("crm service: memory 1.250000 GB-days at EUR 0.10 per GB-day, {period}"),
                "0.13".to_owned()
            ),
            (
                "subscription".to_owned(),
                format!("bot service subscription, {period}"),
                "9.90".to_owned()
            ),
        ],
        "the USD-priced microservice is skipped"
    );
    assert_eq!(april["total"], "30.53");

    // A second run bills nothing again.
    let second = run_billing(&app).await;
    assert_eq!(second["invoices_created"], 0, "{second}");
    assert_eq!(invoices(&app, &acme).await.len(), 2);
}

#[tokio::test]
async fn a_plans_usage_prices_are_validated() {
    let app = spawn_app_at(at("2026-03-01T00:00:00Z")).await;
    let response = app
        .post(
            "/api/v1/plans",
            &app.admin_token,
            &json!({ "code": "pro", "name": "Pro", "currency": "EUR",
                "prices": { "monthly": "20.00" },
                "cpu_day_price": "0.0000001", "gb_day_price": "-1" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let mut fields = problem_fields(&body);
    fields.sort();
    assert_eq!(fields, ["cpu_day_price", "gb_day_price"]);
}
