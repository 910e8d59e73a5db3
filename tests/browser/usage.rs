//! A seeded customer's Usage tab: the last 30 days by default, one bar chart per meter with
//! the seeded history's bars, and the summary figures.

use crate::driver::{css, id, open};
use landlord_tests::ADMIN_PASSWORD;

#[tokio::test]
async fn a_seeded_customer_s_usage_tab_charts_its_meters() {
    let browser = open(3).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    let page = browser.api_json("/api/v1/tenants?per_page=50").await;
    let tenant = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["domain"] != "management")
        .map(|t| t["id"].as_i64().unwrap())
        .min()
        .unwrap();
    browser.goto(&format!("/customers/{tenant}")).await;
    browser.click("tab-usage").await;
    let requests = format!("{}[data-meter=\"api_requests\"]", id("usage-chart"));
    browser
        .eventually("the API requests chart has bars", || async {
            browser
                .all(&format!("{requests} {}", id("usage-bar")))
                .await
                .len()
                > 1
        })
        .await;
    let storage = format!("{}[data-meter=\"storage\"]", id("usage-chart"));
    let summary = browser
        .client
        .find(css(&format!("{storage} {}", id("usage-summary"))))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(summary.contains("peak"), "{summary}");
    let from = browser
        .client
        .find(css(&id("usage-from")))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(from.len(), 10, "{from}");
    browser.screenshot("usage-tab").await;
}
