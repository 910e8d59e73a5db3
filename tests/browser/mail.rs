//! Notification mails in the admin app: choosing the administrator's mail in the create
//! form, and the customer's Emails tab listing what was sent.

use crate::driver::{Browser, css, id, open};
use landlord_tests::ADMIN_PASSWORD;

#[tokio::test]
async fn the_sign_in_details_chosen_in_the_form_show_as_sent_in_the_emails_tab() {
    let browser: Browser = open(3).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.click("new-customer").await;
    browser.fill("create-name", "Mailed Ltd").await;
    browser.fill("create-domain", "mailed").await;
    browser.fill("create-admin-username", "owner").await;
    browser
        .fill("create-admin-email", "owner@mailed.test")
        .await;
    browser
        .find("create-admin-notification")
        .await
        .select_by_value("credentials")
        .await
        .unwrap();
    browser.click("create-submit").await;
    // No link to show: the app opens the new customer.
    browser.find("detail-panel").await;
    browser.click("tab-emails").await;
    browser
        .eventually("the credentials mail reads sent", || async {
            // The server's worker sends it (here into .eml files); reload the tab until then.
            browser.click("tab-overview").await;
            browser.click("tab-emails").await;
            browser
                .client
                .find(css(&format!(
                    "{} [data-kind=\"credentials\"][data-status=\"sent\"]",
                    id("emails")
                )))
                .await
                .is_ok()
        })
        .await;
    let row = browser.find("email").await.text().await.unwrap();
    assert!(row.contains("owner@mailed.test"), "{row}");
    assert!(row.contains("Your sign-in details for Mailed Ltd"), "{row}");
    browser.screenshot("customer-emails").await;
}

#[tokio::test]
async fn a_forgotten_password_is_asked_for_from_the_sign_in_page() {
    let browser: Browser = open(1).await;
    browser.goto("/login").await;
    browser.click("signin-forgot").await;
    browser.find("forgot-form").await;
    // Nothing typed: the form says what is missing before asking the server.
    browser.fill("forgot-tenant", "").await;
    browser.click("forgot-submit").await;
    browser.find("field-error-username").await;
    browser.fill("forgot-tenant", "management").await;
    browser.fill("forgot-username", "admin").await;
    browser.click("forgot-submit").await;
    let sent = browser.find("forgot-sent").await.text().await.unwrap();
    assert!(sent.contains("If that account exists"), "{sent}");
    // The server queued the reset mail for the management tenant's administrator.
    let emails = browser.api_json("/api/v1/tenants/1/emails").await;
    assert!(
        emails["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "password_reset"),
        "{emails}"
    );
    browser.click("forgot-signin").await;
    browser.find("signin-form").await;
}
