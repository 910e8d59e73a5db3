//! A customer's Applications tab: subscribing to an available application and
//! unsubscribing from a subscribed one, with the seeded catalogue (`landlord seed`).

use crate::driver::{Browser, css, id, open};
use landlord_tests::ADMIN_PASSWORD;

/// The keys shown in a list (`application-subscribed` or `application-available`).
async fn shown(browser: &Browser, item: &str) -> Vec<String> {
    browser.attrs(item, "data-key").await.unwrap_or_default()
}

/// The keys the API lists for the customer.
async fn listed(browser: &Browser, tenant: i64, list: &str) -> Vec<String> {
    let apps = browser
        .api_json(&format!("/api/v1/tenants/{tenant}/applications"))
        .await;
    apps[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a.get("application").unwrap_or(a)["key"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

async fn click_in(browser: &Browser, item: &str, key: &str, button: &str) {
    let selector = format!("{}[data-key=\"{key}\"] {}", id(item), id(button));
    browser
        .client
        .find(css(&selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn subscribing_and_unsubscribing_a_customer_in_the_applications_tab() {
    let browser = open(3).await;
    // Created now, it is subscribed to the seeded catalogue's default applications.
    let tenant = browser.app.create_tenant("appsdemo").await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-applications").await;
    browser.find("applications-subscribed").await;
    assert_eq!(
        shown(&browser, "application-subscribed").await,
        ["administration", "cockpit"]
    );
    assert!(
        shown(&browser, "application-available")
            .await
            .contains(&"device-simulator".to_owned())
    );

    click_in(
        &browser,
        "application-available",
        "device-simulator",
        "application-subscribe",
    )
    .await;
    browser
        .eventually("the simulator is subscribed", || async {
            shown(&browser, "application-subscribed").await
                == ["administration", "cockpit", "device-simulator"]
        })
        .await;
    assert_eq!(
        listed(&browser, tenant.id, "subscribed").await,
        ["administration", "cockpit", "device-simulator"]
    );
    // Never reported by its runtime: down.
    let simulator = format!(
        "{}[data-key=\"device-simulator\"]",
        id("application-subscribed")
    );
    let status = browser
        .client
        .find(css(&simulator))
        .await
        .unwrap()
        .attr("data-status")
        .await
        .unwrap();
    assert_eq!(status.as_deref(), Some("down"));

    click_in(
        &browser,
        "application-subscribed",
        "cockpit",
        "application-unsubscribe",
    )
    .await;
    browser
        .eventually("cockpit is unsubscribed", || async {
            shown(&browser, "application-subscribed").await
                == ["administration", "device-simulator"]
        })
        .await;
    assert!(
        shown(&browser, "application-available")
            .await
            .contains(&"cockpit".to_owned())
    );
    assert_eq!(
        listed(&browser, tenant.id, "subscribed").await,
        ["administration", "device-simulator"]
    );

    // A seeded customer whose simulator the runtime reported: its status and details.
    let seeded = browser.api_json("/api/v1/tenants?per_page=50").await;
    let reported = seeded["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .find(|id| id % 3 == 0 && *id != tenant.id)
        .expect("a seeded customer with the simulator");
    browser.goto(&format!("/customers/{reported}")).await;
    browser.click("tab-applications").await;
    browser.find("application-status").await;
    browser.click("application-details").await;
    browser.find("application-active").await;
    browser.screenshot("customer-applications").await;
}
