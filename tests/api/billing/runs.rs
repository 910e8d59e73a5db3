//! The billing run: re-run, concurrent and in two server processes, it bills each period once.

use super::*;
use landlord_tests::spawn_another_app;

#[tokio::test]
async fn concurrent_runs_in_two_processes_bill_every_period_exactly_once() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "USD", json!({ "monthly": "20.00" }), None).await;
    let mut tenants = Vec::new();
    for n in 0..12 {
        let tenant = app.create_tenant(&format!("customer{n}")).await;
        let method = if n % 3 == 0 {
            json!({ "type": "invoice" })
        } else {
            card(CARD_OK)
        };
        subscribe(
            &app,
            &tenant,
            json!({ "plan": "pro", "cycle": "monthly", "payment_method": method }),
        )
        .await;
        tenants.push(tenant);
    }
    let other = spawn_another_app(&app).await;
    let when = at("2026-03-01T00:00:00Z");
    app.clock.set(when);
    other.clock.set(when);
    // Six runs at once, half of them in the other process.
    let runs = (0..6).map(|n| {
        let server = if n % 2 == 0 { &app } else { &other };
        async move {
            server
                .post("/api/v1/billing/runs", &server.admin_token, &json!({}))
                .await
        }
    });
    let answers = futures_util::future::join_all(runs).await;
    let mut created = 0;
    for answer in answers {
        assert_eq!(answer.status(), StatusCode::OK);
        created += answer.json::<Value>().await.unwrap()["invoices_created"]
            .as_i64()
            .unwrap();
    }
    assert_eq!(
        created, 24,
        "two periods for each of twelve tenants, across all runs"
    );
    for tenant in &tenants {
        let bills = invoices(&app, tenant).await;
        let starts: Vec<&str> = bills
            .iter()
            .map(|b| b["period_start"].as_str().unwrap())
            .collect();
        assert_eq!(
            starts,
            [
                "2026-01-01T00:00:00Z",
                "2026-02-01T00:00:00Z",
                "2026-03-01T00:00:00Z"
            ],
            "{}",
            tenant.domain
        );
    }
    // Numbers are gapless: 36 invoices numbered 1 to 36.
    let all = app
        .get_json("/api/v1/invoices?per_page=200", &app.admin_token)
        .await;
    let mut numbers: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap().to_owned())
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=36).map(|n| format!("INV-2026-{n:06}")).collect();
    assert_eq!(numbers, expected);
    let listed = app.get_json("/api/v1/billing/runs", &app.admin_token).await;
    assert_eq!(listed.as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn only_the_management_tenant_runs_billing() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let token = app.token_for(&reseller).await;
    let refused = app.post("/api/v1/billing/runs", &token, &json!({})).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        landlord_tests::problem(refused).await["code"],
        "management_only"
    );
}

#[tokio::test]
async fn a_reseller_bills_its_own_customers_from_its_own_catalogue() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    plan(&app, "pro", "USD", json!({ "monthly": "20.00" }), None).await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let token = app.token_for(&reseller).await;
    let created = app
        .post("/api/v1/plans", &token, &json!({ "code": "pro", "name": "Reseller Pro", "currency": "EUR", "prices": { "monthly": "7.50" } }))
        .await;
    assert_eq!(
        created.status(),
        StatusCode::CREATED,
        "codes are unique per catalogue"
    );
    let shop = app
        .create_tenant_as(
            &token,
            "shop",
            json!({ "plan": "pro", "payment_method": card(CARD_OK) }),
        )
        .await;
    let sub = app
        .get_json(&format!("/api/v1/tenants/{}/subscription", shop.id), &token)
        .await;
    assert_eq!(
        (
            sub["plan_name"].as_str(),
            sub["price"].as_str(),
            sub["currency"].as_str()
        ),
        (Some("Reseller Pro"), Some("7.50"), Some("EUR"))
    );
    let bill = app
        .get_json(&format!("/api/v1/invoices?tenant={}", shop.id), &token)
        .await;
    assert_eq!(bill["items"][0]["issuer_tenant_id"], reseller.id);
    assert_eq!(
        bill["items"][0]["number"], "INV-2026-000001",
        "the reseller's own sequence"
    );
}

#[tokio::test]
async fn a_run_dated_beyond_the_coming_year_is_refused_naming_at() {
    let app = app_at("2026-01-01T00:00:00Z").await;
    let refused = app
        .post(
            "/api/v1/billing/runs",
            &app.admin_token,
            &json!({ "at": "7310-08-02T17:33:45+11:02" }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = landlord_tests::problem(refused).await;
    assert_eq!(problem["errors"][0]["field"], "at", "{problem}");
    assert_eq!(problem["errors"][0]["code"], "too_far_ahead", "{problem}");
    let in_a_year = app
        .post(
            "/api/v1/billing/runs",
            &app.admin_token,
            &json!({ "at": "2026-12-31T00:00:00Z" }),
        )
        .await;
    assert_eq!(in_a_year.status(), StatusCode::OK);
}
