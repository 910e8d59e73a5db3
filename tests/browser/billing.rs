//! Billing in the admin app, a customer's subscription: a plan change previewed and confirmed,
//! a downgrade and a cancellation undone, a subscription paused and one started, and a
//! customer in dunning badged in the list. Each billing test makes the plans, subscriptions and
//! invoices it needs through the API first (the helpers here), under names of its own.

use crate::driver::{Browser, id, open};
use landlord_tests::ADMIN_PASSWORD;
use landlord_tests::landlord_domain::Clock;
use reqwest::Method;
use serde_json::{Value, json};

pub(crate) async fn signed_in() -> Browser {
    let browser = open(3).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser
}

/// A request as the management admin, answered successfully, read as JSON.
pub(crate) async fn api(browser: &Browser, method: Method, path: &str, body: Value) -> Value {
    let app = &browser.app;
    let response = app
        .request(method.clone(), path, Some(&app.admin_token))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert!(status.is_success(), "{method} {path}: {status} {answer}");
    answer
}

/// Adds a EUR plan with a monthly price to the management catalogue.
pub(crate) async fn plan(browser: &Browser, code: &str, name: &str, monthly: &str) {
    let body =
        json!({ "code": code, "name": name, "currency": "EUR", "prices": { "monthly": monthly } });
    api(browser, Method::POST, "/api/v1/plans", body).await;
}

/// A new customer subscribed monthly to `plan`, paying as `payment_method` says.
pub(crate) async fn subscribed(
    browser: &Browser,
    domain: &str,
    plan: &str,
    payment_method: Value,
) -> i64 {
    let tenant = browser.app.create_tenant(domain).await;
    let body = json!({ "plan": plan, "cycle": "monthly", "payment_method": payment_method, "payment_terms_days": 0 });
    let path = format!("/api/v1/tenants/{}/subscription", tenant.id);
    api(browser, Method::PUT, &path, body).await;
    tenant.id
}

/// The customer's only invoice, as the API shows it.
pub(crate) async fn only_invoice(browser: &Browser, tenant: i64) -> Value {
    let page = browser
        .api_json(&format!("/api/v1/invoices?tenant={tenant}"))
        .await;
    assert_eq!(page["total"], 1, "{page}");
    page["items"][0].clone()
}

/// Opens the customer's invoice from the Invoices page filtered to it.
pub(crate) async fn open_invoice(browser: &Browser, tenant: i64) {
    browser.goto(&format!("/invoices?tenant={tenant}")).await;
    browser.click("invoice-row-open").await;
    browser.find("invoice-detail").await;
}

pub(crate) async fn status_of(browser: &Browser, test_id: &str) -> Option<String> {
    browser
        .attrs(test_id, "data-status")
        .await
        .and_then(|s| s.into_iter().next())
}

#[tokio::test]
async fn changing_the_plan_shows_the_prorated_preview_and_the_new_plan_once_confirmed() {
    let browser = signed_in().await;
    plan(&browser, "upg-basic", "Upgrade Basic", "10.00").await;
    plan(&browser, "upg-pro", "Upgrade Pro", "30.00").await;
    let card = json!({ "type": "card", "number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030 });
    let tenant = subscribed(&browser, "upgrade-customer", "upg-basic", card).await;
    let expected = api(
        &browser,
        Method::POST,
        &format!("/api/v1/tenants/{tenant}/subscription/preview"),
        json!({ "plan": "upg-pro", "cycle": "monthly" }),
    )
    .await;
    assert_eq!(expected["change"], "upgrade");

    browser.goto(&format!("/customers/{tenant}")).await;
    browser.click("tab-subscription").await;
    let shown = browser.find("subscription-plan").await;
    assert_eq!(
        shown.attr("data-plan").await.unwrap().as_deref(),
        Some("upg-basic")
    );
    let method = browser.text_of("subscription-payment-method").await;
    assert_eq!(method, "Visa •••• 4242, exp 12/2030");

    browser.click("subscription-change").await;
    browser
        .eventually("the current plan is previewed as no change", || async {
            browser.attrs("preview-effect", "data-change").await == Some(vec!["none".to_owned()])
        })
        .await;
    browser
        .find("plan-change-plan")
        .await
        .select_by_value("upg-pro")
        .await
        .unwrap();
    browser
        .eventually("the upgrade is previewed", || async {
            browser.attrs("preview-effect", "data-change").await == Some(vec!["upgrade".to_owned()])
        })
        .await;
    let lines = browser
        .all(&format!(
            "{} {}",
            id("preview-lines"),
            id("line-description")
        ))
        .await;
    let mut descriptions = Vec::new();
    for line in lines {
        descriptions.push(line.text().await.unwrap());
    }
    let want: Vec<String> = expected["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["description"].as_str().unwrap().to_owned())
        .collect();
    assert!(want.len() >= 2, "a credit and a charge: {expected}");
    assert_eq!(descriptions, want, "the preview's lines");
    let amount_due = format!("€{}", expected["amount_due"].as_str().unwrap());
    assert_eq!(browser.text_of("preview-amount-due").await, amount_due);
    browser.screenshot("subscription-change").await;

    browser.click("plan-change-confirm").await;
    browser
        .eventually("the tab shows the new plan", || async {
            browser.attrs("subscription-plan", "data-plan").await
                == Some(vec!["upg-pro".to_owned()])
        })
        .await;
    assert!(
        browser.all(&id("plan-change-dialog")).await.is_empty(),
        "the dialog closed"
    );
    browser.screenshot("subscription-tab").await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/subscription"))
        .await;
    assert_eq!(stored["plan"], "upg-pro");
}

#[tokio::test]
async fn a_scheduled_downgrade_and_a_cancellation_at_period_end_are_undone_and_pausing_offers_resume()
 {
    let browser = signed_in().await;
    plan(&browser, "down-big", "Down Big", "50.00").await;
    plan(&browser, "down-small", "Down Small", "20.00").await;
    let card = json!({ "type": "card", "number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030 });
    let tenant = subscribed(&browser, "downgrading-customer", "down-big", card).await;
    let current = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/subscription"))
        .await;
    let period_end: chrono::DateTime<chrono::Utc> = current["current_period_end"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();

    browser.goto(&format!("/customers/{tenant}")).await;
    browser.click("tab-subscription").await;
    browser.click("subscription-change").await;
    browser.find("preview-effect").await;
    browser
        .find("plan-change-plan")
        .await
        .select_by_value("down-small")
        .await
        .unwrap();
    browser
        .eventually("the downgrade is previewed with its date", || async {
            browser.attrs("preview-effect", "data-change").await
                == Some(vec!["downgrade".to_owned()])
        })
        .await;
    let day = format!(
        "{} {} {}",
        period_end.format("%-d"),
        period_end.format("%b"),
        period_end.format("%Y")
    );
    let applies = browser.text_of("preview-applies-at").await;
    assert_eq!(applies, format!("Takes effect on {day}"));
    browser.click("plan-change-confirm").await;

    let scheduled = browser
        .find("subscription-scheduled")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        scheduled.contains(&format!("Downgrades to Down Small (monthly) on {day}.")),
        "{scheduled}"
    );
    assert_eq!(
        browser.attrs("subscription-plan", "data-plan").await,
        Some(vec!["down-big".to_owned()]),
        "still on the current plan until then"
    );
    browser.click("subscription-keep").await;
    browser
        .eventually("the scheduled downgrade is gone", || async {
            browser.all(&id("subscription-scheduled")).await.is_empty()
        })
        .await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/subscription"))
        .await;
    assert_eq!(stored["scheduled_change"], Value::Null, "{stored}");

    // Cancelling at the period's end shows a notice with an undo.
    browser.click("subscription-cancel").await;
    browser.click("cancel-subscription-confirm").await;
    browser.find("subscription-cancelling").await;
    browser.click("subscription-undo-cancel").await;
    browser
        .eventually("the cancellation is undone", || async {
            browser.all(&id("subscription-cancelling")).await.is_empty()
        })
        .await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/subscription"))
        .await;
    assert_eq!(stored["cancel_at_period_end"], false);

    // Pausing bills nothing until it is resumed, which the tab then offers instead.
    browser.click("subscription-pause").await;
    browser
        .eventually("the subscription shows as paused", || async {
            browser.attrs("subscription-status", "data-status").await
                == Some(vec!["paused".to_owned()])
        })
        .await;
    browser.find("subscription-resume").await;
    assert!(browser.all(&id("subscription-pause")).await.is_empty());
}

#[tokio::test]
async fn a_customer_without_a_subscription_starts_one_paying_by_card() {
    let browser = signed_in().await;
    plan(&browser, "start-solo", "Start Solo", "9.00").await;
    let tenant = browser.app.create_tenant("starting-customer").await;
    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-subscription").await;
    browser.click("subscription-start").await;
    // The catalogue holds the demo plans too: choose this one.
    browser.find("preview-effect").await;
    browser
        .find("plan-change-plan")
        .await
        .select_by_value("start-solo")
        .await
        .unwrap();
    browser
        .eventually("the new subscription is previewed", || async {
            browser.attrs("preview-effect", "data-change").await == Some(vec!["new".to_owned()])
                && browser.text_of("preview-amount-due").await == "€9.00"
        })
        .await;

    browser.fill("pay-card-number", "4000 0000 0000 0002").await;
    browser.fill("pay-card-exp-month", "13").await;
    browser.fill("pay-card-exp-year", "2030").await;
    browser.click("plan-change-confirm").await;
    let error = browser
        .find("field-error-payment_method.exp_month")
        .await
        .text()
        .await
        .unwrap();
    assert!(!error.is_empty(), "the server's field error by the field");

    browser.fill("pay-card-number", "4242 4242 4242 4242").await;
    browser.fill("pay-card-exp-month", "12").await;
    browser.click("plan-change-confirm").await;
    browser
        .eventually("the tab shows the subscription", || async {
            browser.attrs("subscription-plan", "data-plan").await
                == Some(vec!["start-solo".to_owned()])
        })
        .await;
    assert_eq!(
        browser.text_of("subscription-payment-method").await,
        "Visa •••• 4242, exp 12/2030"
    );
    let stored = browser
        .api_json(&format!("/api/v1/invoices?tenant={}", tenant.id))
        .await;
    assert_eq!(stored["items"][0]["status"], "paid", "charged to the card");
}

#[tokio::test]
async fn a_customer_in_dunning_is_badged_in_the_customer_list() {
    let browser = signed_in().await;
    plan(&browser, "dun-basic", "Dunning Basic", "15.00").await;
    plan(&browser, "dun-plus", "Dunning Plus", "45.00").await;
    let tenant = subscribed(
        &browser,
        "overdue-customer",
        "dun-basic",
        json!({ "type": "invoice" }),
    )
    .await;
    // Due at once (no payment terms); 20 days later the default policy has suspended it.
    let at = browser.app.clock.now() + chrono::Duration::days(20);
    api(
        &browser,
        Method::POST,
        "/api/v1/billing/runs",
        json!({ "at": at }),
    )
    .await;
    let stored = browser.api_json(&format!("/api/v1/tenants/{tenant}")).await;
    let state = stored["billing_state"].as_str().unwrap().to_owned();
    assert_ne!(state, "ok", "{stored}");

    browser.goto("/customers?q=overdue-customer").await;
    browser
        .eventually("the customer is badged with its dunning state", || async {
            browser
                .attrs("customer-billing-state", "data-billing-state")
                .await
                == Some(vec![state.clone()])
        })
        .await;
    let row = browser.find("customer-row").await;
    let status = row.text().await.unwrap();
    if state == "suspended" {
        assert!(status.contains("Suspended (dunning)"), "{status}");
    }
    browser.screenshot("customers-dunning").await;

    // Plan changes are refused while it is in dunning, and the dialog says why.
    browser.goto(&format!("/customers/{tenant}")).await;
    browser.click("tab-subscription").await;
    browser.click("subscription-change").await;
    browser.find("preview-effect").await;
    browser
        .find("plan-change-plan")
        .await
        .select_by_value("dun-plus")
        .await
        .unwrap();
    browser
        .eventually("the upgrade is previewed", || async {
            browser.attrs("preview-effect", "data-change").await == Some(vec!["upgrade".to_owned()])
        })
        .await;
    browser.click("plan-change-confirm").await;
    let refused = browser
        .find("plan-change-error")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        refused.contains("overdue"),
        "billing_restricted's detail: {refused}"
    );
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/subscription"))
        .await;
    assert_eq!(stored["plan"], "dun-basic", "nothing changed");
    browser.click("plan-change-cancel").await;

    // The billing-state filter lists what the API lists for it, this customer among them.
    let listed = browser
        .api_json("/api/v1/tenants?billing_state=overdue&per_page=25")
        .await;
    let expected: Vec<String> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["domain"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        expected.iter().any(|d| d == "overdue-customer"),
        "{expected:?}"
    );
    browser.goto("/customers").await;
    browser
        .find("billing-state-filter")
        .await
        .select_by_value("overdue")
        .await
        .unwrap();
    browser
        .eventually("only overdue customers are listed", || async {
            browser.shown_domains().await == expected
        })
        .await;
}
