//! A customer's Provisioning tab: watching a pipeline run to its end, and "Mark as active"
//! on one that failed.

use crate::driver::{Browser, id, open};
use landlord_tests::ADMIN_PASSWORD;
use landlord_tests::receiver::Receiver;
use serde_json::json;

async fn add_step(browser: &Browser, name: &str, url: &str, extra: serde_json::Value) {
    let mut body = json!({ "name": name, "url": url });
    if let (Some(obj), serde_json::Value::Object(more)) = (body.as_object_mut(), extra) {
        obj.extend(more);
    }
    let app = &browser.app;
    let response = app
        .post("/api/v1/provisioning-steps", &app.admin_token, &body)
        .await;
    assert!(response.status().is_success(), "{}", response.status());
}

async fn attr(browser: &Browser, selector: &str, name: &str) -> Option<String> {
    match browser.client.find(crate::driver::css(selector)).await {
        Ok(element) => element.attr(name).await.ok().flatten(),
        Err(_) => None,
    }
}

async fn open_provisioning_tab(browser: &Browser, tenant: i64) {
    browser.goto(&format!("/customers/{tenant}")).await;
    browser.click("tab-provisioning").await;
    browser.find("provisioning-steps").await;
}

async fn wait_status(browser: &Browser, selector: &str, status: &str) {
    browser
        .eventually(&format!("{selector} is {status}"), || async {
            attr(browser, selector, "data-status").await.as_deref() == Some(status)
        })
        .await;
}

#[tokio::test]
async fn watching_a_provisioning_run_to_its_end() {
    let browser = open(1).await;
    let receiver = Receiver::start().await;
    add_step(&browser, "create-database", &receiver.url, json!({})).await;
    receiver.hold();
    let tenant = browser.app.create_tenant("watched").await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    open_provisioning_tab(&browser, tenant.id).await;

    let step = format!("{}[data-step=\"create-database\"]", id("provisioning-step"));
    wait_status(&browser, &id("provisioning-status"), "running").await;
    wait_status(&browser, &step, "running").await;
    wait_status(&browser, &id("detail-status"), "provisioning").await;
    browser.screenshot("provisioning-running").await;

    receiver.release();
    // The tab reads the pipeline again every second while it runs.
    wait_status(&browser, &id("provisioning-status"), "succeeded").await;
    wait_status(&browser, &step, "succeeded").await;
    wait_status(&browser, &id("detail-status"), "active").await;
    let attempts = browser.text_of("provisioning-step-attempts").await;
    assert!(!attempts.is_empty());
}

#[tokio::test]
async fn marking_a_failed_provisioning_as_active() {
    let browser = open(1).await;
    let receiver = Receiver::start().await;
    add_step(
        &browser,
        "configure-domain",
        &receiver.url,
        json!({ "max_attempts": 1 }),
    )
    .await;
    receiver.fail_next(usize::MAX);
    let tenant = browser.app.create_tenant("broken").await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    open_provisioning_tab(&browser, tenant.id).await;

    let step = format!(
        "{}[data-step=\"configure-domain\"]",
        id("provisioning-step")
    );
    wait_status(&browser, &id("provisioning-status"), "failed").await;
    wait_status(&browser, &step, "failed").await;
    let error = browser
        .client
        .find(crate::driver::css(&format!(
            "{step} {}",
            id("provisioning-step-error")
        )))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(error.contains("500"), "{error}");
    browser.find("provisioning-retry").await;

    browser.click("provisioning-mark-active").await;
    let warning = browser.text_of("mark-active-confirm").await;
    assert!(warning.contains("never ran"), "{warning}");
    browser.screenshot("provisioning-mark-active").await;
    browser.click("mark-active-confirm-button").await;
    wait_status(&browser, &step, "skipped").await;
    wait_status(&browser, &id("provisioning-status"), "succeeded").await;
    wait_status(&browser, &id("detail-status"), "active").await;
    assert_eq!(
        receiver.received().len(),
        1,
        "the skipped step never ran again"
    );
}

#[tokio::test]
async fn the_operator_adds_edits_and_deletes_an_external_step_on_the_developers_page() {
    let browser = open(1).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.click("nav-developers").await;
    browser.find("provisioning-steps-empty").await;
    browser.click("new-provisioning-step").await;
    browser.fill("provisioning-step-name", "Create DB").await;
    browser
        .fill("provisioning-step-url", "http://127.0.0.1:9/db")
        .await;
    browser.click("provisioning-step-submit").await;
    // The form checks the name before the server does.
    browser.find("field-error-name").await;
    browser
        .fill("provisioning-step-name", "create-database")
        .await;
    browser.click("provisioning-step-submit").await;
    let secret = browser
        .find("webhook-secret")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    browser.click("webhook-secret-done").await;
    browser.find("provisioning-step-row").await;
    let stored = browser.api_json("/api/v1/provisioning-steps").await;
    assert_eq!(stored["items"][0]["name"], "create-database");
    assert_eq!(stored["items"][0]["timeout_s"], 30, "blank: the default");

    browser.click("provisioning-step-edit").await;
    browser.fill("provisioning-step-timeout", "60").await;
    browser.click("provisioning-step-submit").await;
    browser.find("provisioning-steps-notice").await;
    let stored = browser.api_json("/api/v1/provisioning-steps").await;
    assert_eq!(stored["items"][0]["timeout_s"], 60);
    browser.screenshot("provisioning-steps").await;

    browser.click("provisioning-step-delete").await;
    browser.click("provisioning-step-delete-confirm").await;
    browser.find("provisioning-steps-empty").await;
    let stored = browser.api_json("/api/v1/provisioning-steps").await;
    assert_eq!(stored["total"], 0);
}
