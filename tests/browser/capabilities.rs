//! A customer's Capabilities tab: a quota's override set in the app (and refused when it is
//! not a number), its usage bar after the operator's service consumed most of it, and a
//! feature switched on regardless of the plan, then handed back to the plan.

use crate::billing::{api, signed_in};
use crate::driver::{Browser, css, id};
use reqwest::Method;
use serde_json::json;

/// The row of one quota or feature, by its key.
fn row(kind: &str, key: &str) -> String {
    format!("{}[data-key=\"{key}\"]", id(kind))
}

async fn row_attr(browser: &Browser, selector: &str, attr: &str) -> Option<String> {
    let found = browser.client.find(css(selector)).await.ok()?;
    found.attr(attr).await.ok().flatten()
}

async fn click_in(browser: &Browser, selector: &str, test_id: &str) {
    browser
        .client
        .find(css(&format!("{selector} {}", id(test_id))))
        .await
        .unwrap_or_else(|e| panic!("no {test_id} in {selector}: {e}"))
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_quota_is_overridden_consumed_and_shown_and_a_feature_switched() {
    let browser = signed_in().await;
    let tenant = browser.app.create_tenant("capable-customer").await;
    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-capabilities").await;

    let agents = row("capability-quota", "max_agents");
    browser
        .eventually("the catalogue's default limit is shown", || async {
            row_attr(&browser, &agents, "data-source").await.as_deref() == Some("default")
        })
        .await;
    let groups = browser.attrs("quota-group", "data-group").await.unwrap();
    assert_eq!(
        groups[..3],
        ["basic", "advanced", "add_on"],
        "seed 002's order"
    );
    // The bar is notched at the quota's alert thresholds below the limit (80 % by default).
    let notches = browser
        .all(&format!("{agents} {}", id("quota-threshold")))
        .await;
    assert_eq!(notches.len(), 1);
    assert_eq!(
        notches[0].attr("data-threshold").await.unwrap().as_deref(),
        Some("80")
    );

    click_in(&browser, &agents, "quota-edit").await;
    browser.fill("quota-limit-input", "-").await;
    browser.click("quota-save").await;
    browser.find("quota-limit-error").await;
    browser.fill("quota-limit-input", "25").await;
    browser.click("quota-save").await;
    browser
        .eventually("the override is the limit", || async {
            row_attr(&browser, &agents, "data-limit").await.as_deref() == Some("25")
                && row_attr(&browser, &agents, "data-source").await.as_deref() == Some("override")
        })
        .await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{}/entitlements", tenant.id))
        .await;
    assert_eq!(stored["quotas"]["max_agents"]["limit"], 25);
    assert_eq!(stored["quotas"]["max_agents"]["source"], "override");

    // The operator's product takes 21 of 25: the bar turns to its warning colour.
    api(
        &browser,
        Method::POST,
        &format!("/api/v1/tenants/{}/quotas/max_agents/consume", tenant.id),
        json!({ "amount": 21 }),
    )
    .await;
    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-capabilities").await;
    browser
        .eventually("the usage is 84 %: the bar warns", || async {
            row_attr(&browser, &agents, "data-used").await.as_deref() == Some("21")
                && row_attr(&browser, &agents, "data-level").await.as_deref() == Some("high")
        })
        .await;

    let contacts = row("capability-feature", "contacts");
    let before = row_attr(&browser, &contacts, "data-enabled").await.unwrap();
    click_in(&browser, &contacts, "feature-toggle").await;
    browser
        .eventually("the switch is an override", || async {
            row_attr(&browser, &contacts, "data-source")
                .await
                .as_deref()
                == Some("override")
                && row_attr(&browser, &contacts, "data-enabled")
                    .await
                    .as_deref()
                    != Some(before.as_str())
        })
        .await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{}/entitlements", tenant.id))
        .await;
    assert_eq!(stored["features"]["contacts"]["source"], "override");
    assert_eq!(
        stored["features"]["contacts"]["enabled"].to_string(),
        if before == "true" { "false" } else { "true" }
    );
    browser.screenshot("capabilities").await;

    click_in(&browser, &contacts, "feature-reset").await;
    browser
        .eventually("the plan decides again", || async {
            row_attr(&browser, &contacts, "data-source")
                .await
                .as_deref()
                != Some("override")
                && row_attr(&browser, &contacts, "data-enabled")
                    .await
                    .as_deref()
                    == Some(before.as_str())
        })
        .await;
}

#[tokio::test]
async fn the_licence_headroom_is_shown_and_the_input_locked_when_nothing_is_left() {
    let browser = signed_in().await;
    let tenant = browser.app.create_tenant("licensed-customer").await;
    let held = browser
        .api_json(&format!("/api/v1/tenants/{}/entitlements", tenant.id))
        .await;
    let limit = held["quotas"]["max_ai_agents"]["limit"].as_i64().unwrap();
    let page = browser
        .api_json("/api/v1/quota-definitions?per_page=100")
        .await;
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d.get("licence").is_none())
    );
    // Read what the (seeded) tenants hold, then leave room for exactly one more agent.
    let answer = api(
        &browser,
        Method::PATCH,
        "/api/v1/quota-definitions/max_ai_agents",
        json!({ "licence_cap": 1_000_000 }),
    )
    .await;
    let cap = answer["licence"]["allocated"].as_i64().unwrap() + 1;
    let answer = api(
        &browser,
        Method::PATCH,
        "/api/v1/quota-definitions/max_ai_agents",
        json!({ "licence_cap": cap }),
    )
    .await;
    assert_eq!(answer["licence"]["available"], 1, "{answer}");

    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-capabilities").await;
    let ai = row("capability-quota", "max_ai_agents");
    browser
        .eventually("one is left in the licence", || async {
            row_attr(
                &browser,
                &format!("{ai} {}", id("quota-licence")),
                "data-available",
            )
            .await
            .as_deref()
                == Some("1")
        })
        .await;
    click_in(&browser, &ai, "quota-edit").await;
    let note = browser.text_of("quota-licence-note").await;
    assert_eq!(note, format!("1 of {cap} left in the licence."));
    let unlimited = browser.find("quota-unlimited").await;
    assert!(
        !unlimited.is_enabled().await.unwrap(),
        "no unlimited under a licence"
    );
    browser
        .fill("quota-limit-input", &(limit + 1).to_string())
        .await;
    browser.click("quota-save").await;
    browser
        .eventually("the last one is taken: nothing is left", || async {
            row_attr(
                &browser,
                &format!("{ai} {}", id("quota-licence")),
                "data-available",
            )
            .await
            .as_deref()
                == Some("0")
        })
        .await;
    click_in(&browser, &ai, "quota-edit").await;
    let input = browser.find("quota-limit-input").await;
    assert!(
        !input.is_enabled().await.unwrap(),
        "the input cannot be edited"
    );
    browser.screenshot("capabilities-licence").await;
}

#[tokio::test]
async fn a_quota_is_topped_up_in_the_app_and_a_threshold_shows_as_a_notification() {
    let browser = signed_in().await;
    let tenant = browser.app.create_tenant("topped-customer").await;
    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-capabilities").await;
    browser.find("notifications-empty").await;

    let widgets = row("capability-quota", "max_widgets");
    browser
        .eventually("the default limit is shown", || async {
            row_attr(&browser, &widgets, "data-limit").await.as_deref() == Some("5")
        })
        .await;
    click_in(&browser, &widgets, "quota-top-up").await;
    browser.fill("quota-top-up-amount", "-").await;
    browser.click("quota-top-up-save").await;
    browser.find("quota-top-up-error").await;
    browser.fill("quota-top-up-amount", "3").await;
    browser.click("quota-top-up-save").await;
    browser
        .eventually("the top-up raises the limit and is listed", || async {
            row_attr(&browser, &widgets, "data-limit").await.as_deref() == Some("8")
        })
        .await;
    browser.find("quota-top-ups").await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{}/entitlements", tenant.id))
        .await;
    assert_eq!(stored["quotas"]["max_widgets"]["top_ups"][0]["amount"], 3);

    // 7 of 8 is past 80 %: a notification.
    api(
        &browser,
        Method::POST,
        &format!("/api/v1/tenants/{}/quotas/max_widgets/consume", tenant.id),
        json!({ "amount": 7 }),
    )
    .await;
    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-capabilities").await;
    browser.find("notification").await;
    let kinds = browser.attrs("notification", "data-kind").await.unwrap();
    assert_eq!(kinds, ["quota.threshold_reached"]);
}
