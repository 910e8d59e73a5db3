//! Microservice billing (seed 003): daily resource usage per tenant and microservice from
//! the subscription and instance history, by billing mode and isolation, in the tenant's
//! days, and its place in the usage statistics (`billing` has the invoice lines).

use super::{create, microservice};
use crate::billing::at;
use landlord_tests::{Created, TestApp, problem_fields, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub(super) async fn subscribe(app: &TestApp, tenant: &Created, key: &str) {
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/applications/{key}", tenant.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

pub(super) async fn unsubscribe(app: &TestApp, tenant: &Created, key: &str) {
    let response = app
        .delete(
            &format!("/api/v1/tenants/{}/applications/{key}", tenant.id),
            &app.admin_token,
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
}

/// The runtime reports `active` instances of `key` (for `tenant`, when per tenant).
pub(super) async fn report(app: &TestApp, key: &str, tenant: Option<i64>, active: i64) {
    let names: Vec<Value> = (0..active)
        .map(|i| json!({ "name": format!("{key}-{i}"), "restarts": 0 }))
        .collect();
    let mut body =
        json!({ "active": active, "unhealthy": 0, "desired": active, "instances": names });
    if let Some(t) = tenant {
        body["tenant"] = json!(t);
    }
    let response = app
        .put(
            &format!("/api/v1/applications/{key}/instances"),
            &app.admin_token,
            &body,
        )
        .await;
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{answer}");
}

async fn usage(app: &TestApp, tenant: i64, query: &str) -> Vec<Value> {
    let response = app
        .get(
            &format!("/api/v1/tenants/{tenant}/microservice-usage?{query}"),
            &app.admin_token,
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body["rows"].as_array().unwrap().clone()
}

fn row(date: &str, application: &str, cpu: f64, memory: f64, cause: &str) -> Value {
    json!({ "date": date, "application": application, "cpu_millicores": cpu,
        "memory_mb": memory, "cause": cause })
}

/// On 10 March 2026 (UTC): acme subscribed to `crm` (2000 m, 2048 MB, per tenant, billed by
/// resources) from 12:00 with one instance; globex likewise, with a second instance from
/// 13:00 to 16:00; both unsubscribed at midnight.
async fn a_day_of_crm(app: &TestApp) -> (Created, Created) {
    create(app, microservice("crm", "per_tenant")).await;
    let acme = app.create_tenant("acme").await;
    let globex = app.create_tenant("globex").await;
    app.clock.set(at("2026-03-10T12:00:00Z"));
    for t in [&acme, &globex] {
        subscribe(app, t, "crm").await;
        report(app, "crm", Some(t.id), 1).await;
    }
    app.clock.set(at("2026-03-10T13:00:00Z"));
    report(app, "crm", Some(globex.id), 2).await;
    app.clock.set(at("2026-03-10T14:30:00Z"));
    // A report with the same count starts no new segment and changes nothing.
    report(app, "crm", Some(globex.id), 2).await;
    app.clock.set(at("2026-03-10T16:00:00Z"));
    report(app, "crm", Some(globex.id), 1).await;
    app.clock.set(at("2026-03-11T00:00:00Z"));
    for t in [&acme, &globex] {
        unsubscribe(app, t, "crm").await;
    }
    app.clock.set(at("2026-03-11T06:00:00Z"));
    (acme, globex)
}

#[tokio::test]
async fn twelve_hours_of_one_instance_count_1000_millicores_and_a_second_for_three_hours_adds_3_24ths()
 {
    let app = spawn_app_at(at("2026-03-09T08:00:00Z")).await;
    let (acme, globex) = a_day_of_crm(&app).await;
    let range = "from=2026-03-09&to=2026-03-11";
    assert_eq!(
        usage(&app, acme.id, range).await,
        [row(
            "2026-03-10",
            "crm",
            1000.0,
            1024.0,
            "Subscription for tenant"
        )]
    );
    assert_eq!(
        usage(&app, globex.id, range).await,
        [row(
            "2026-03-10",
            "crm",
            1250.0,
            1280.0,
            "Subscription for tenant"
        )]
    );
    // The history was kept on unsubscribing: asking again, later, answers the same.
    app.clock.set(at("2026-03-12T06:00:00Z"));
    assert_eq!(usage(&app, acme.id, range).await.len(), 1);

    // A bad range is a problem naming the field.
    let response = app
        .get(
            &format!(
                "/api/v1/tenants/{}/microservice-usage?from=2026-03-11&to=2026-03-01",
                acme.id
            ),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(problem_fields(&body), ["to"]);
}

#[tokio::test]
async fn a_tenants_days_are_counted_in_its_own_time_zone() {
    let app = spawn_app_at(at("2026-03-09T08:00:00Z")).await;
    create(&app, microservice("crm", "per_tenant")).await;
    let kiwi = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "kiwi",
            json!({ "time_zone": "Pacific/Auckland" }),
        )
        .await;
    // 06:00 to 18:00 UTC on the 10th: 19:00 on the 10th to 07:00 on the 11th in Auckland.
    app.clock.set(at("2026-03-10T06:00:00Z"));
    subscribe(&app, &kiwi, "crm").await;
    report(&app, "crm", Some(kiwi.id), 1).await;
    app.clock.set(at("2026-03-10T18:00:00Z"));
    unsubscribe(&app, &kiwi, "crm").await;
    let rows = usage(&app, kiwi.id, "from=2026-03-09&to=2026-03-12").await;
    let cause = "Subscription for tenant";
    assert_eq!(
        rows,
        [
            row(
                "2026-03-10",
                "crm",
                2000.0 * 5.0 / 24.0,
                2048.0 * 5.0 / 24.0,
                cause
            ),
            row(
                "2026-03-11",
                "crm",
                2000.0 * 7.0 / 24.0,
                2048.0 * 7.0 / 24.0,
                cause
            ),
        ]
    );
}

#[tokio::test]
async fn resources_are_charged_by_billing_mode_and_isolation_with_their_cause() {
    let app = spawn_app_at(at("2026-03-10T00:00:00Z")).await;
    let price = json!({ "amount": "9.90", "currency": "EUR" });
    let mut owner = 0;
    for (key, mode, isolation) in [
        ("sub-per", "subscription", "per_tenant"),
        ("sub-multi", "subscription", "multi_tenant"),
        ("res-per", "resources", "per_tenant"),
        ("res-multi", "resources", "multi_tenant"),
    ] {
        let mut body = microservice(key, isolation);
        body["billing_mode"] = json!(mode);
        if mode == "subscription" {
            body["subscription_price"] = price.clone();
        }
        owner = create(&app, body).await["owner_tenant_id"]
            .as_i64()
            .unwrap();
    }
    let acme = app.create_tenant("acme").await;
    for key in ["sub-per", "sub-multi", "res-per", "res-multi"] {
        subscribe(&app, &acme, key).await;
        let per_tenant = key.ends_with("per");
        report(&app, key, per_tenant.then_some(acme.id), 1).await;
    }
    app.clock.set(at("2026-03-10T12:00:00Z"));
    let range = "from=2026-03-10&to=2026-03-10";
    let (cpu, memory) = (1000.0, 1024.0);
    // Resource billing, per tenant: the subscriber.
    assert_eq!(
        usage(&app, acme.id, range).await,
        [row(
            "2026-03-10",
            "res-per",
            cpu,
            memory,
            "Subscription for tenant"
        )]
    );
    // Subscription billing (either isolation) and resource billing, multi-tenant: the owner.
    assert_eq!(
        usage(&app, owner, range).await,
        [
            row("2026-03-10", "res-multi", cpu, memory, "Owner"),
            row("2026-03-10", "sub-multi", cpu, memory, "Owner"),
            row("2026-03-10", "sub-per", cpu, memory, "Owner"),
        ]
    );
}

async fn statistics(app: &TestApp, query: &str) -> Value {
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

pub(super) async fn run_billing(app: &TestApp) -> Value {
    let response = app
        .post("/api/v1/billing/runs", &app.admin_token, &json!({}))
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn the_daily_figures_are_columns_of_the_usage_statistics_and_a_refresh_never_doubles_them() {
    let app = spawn_app_at(at("2026-03-09T08:00:00Z")).await;
    a_day_of_crm(&app).await;
    // The billing run settles the last two days; a second run recomputes the same figures.
    for _ in 0..2 {
        run_billing(&app).await;
        let page = statistics(&app, "from=2026-03-10&to=2026-03-10&sort=domain").await;
        let columns = page["columns"].as_array().unwrap();
        for wanted in ["microservice_cpu", "microservice_memory"] {
            assert!(columns.contains(&json!(wanted)), "{wanted} in {columns:?}");
        }
        let rows = page["rows"].as_array().unwrap();
        let of = |domain: &str| {
            rows.iter()
                .find(|r| r["domain"] == domain)
                .unwrap_or_else(|| panic!("{domain} in {page}"))
                .clone()
        };
        assert_eq!(of("acme")["values"]["microservice_cpu"], 1000.0);
        assert_eq!(of("acme")["values"]["microservice_memory"], 1024.0);
        assert_eq!(of("globex")["values"]["microservice_cpu"], 1250.0);
        assert_eq!(of("globex")["values"]["microservice_memory"], 1280.0);
    }
    // The tenant's Usage tab reads the same rows.
    let acme = statistics(&app, "from=2026-03-10&to=2026-03-10&filter=domain~acme").await;
    let id = acme["rows"][0]["id"].as_i64().unwrap();
    let days = app
        .get_json(
            &format!("/api/v1/tenants/{id}/usage?from=2026-03-10&to=2026-03-10"),
            &app.admin_token,
        )
        .await;
    assert_eq!(days["days"][0]["values"]["microservice_cpu"], 1000.0);

    // Events cannot feed a computed meter.
    let response = app
        .post(
            "/api/v1/usage/events",
            &app.admin_token,
            &json!({ "events": [{ "id": "e1", "tenant": id, "meter": "microservice_cpu",
                "value": 5, "timestamp": "2026-03-11T05:00:00Z" }] }),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["results"][0]["reason"], "computed_meter", "{body}");
}
