//! What an operator does every day, end to end in the browser.

use crate::driver::{Browser, css, id, open};
use landlord_tests::ADMIN_PASSWORD;
use serde_json::{Value, json};

async fn signed_in(customers: u32) -> Browser {
    let browser = open(customers).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser
}

/// Rows per page in the admin app.
const PER_PAGE: u32 = 25;

/// The domains the API lists for `query` on the app's first page, in order: what the page must show.
async fn api_domains(browser: &Browser, query: &str) -> Vec<String> {
    let path = format!("/api/v1/tenants?per_page={PER_PAGE}&{query}");
    let page: Value = browser
        .app
        .get(&path, &browser.app.admin_token)
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["domain"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn signing_in_shows_the_customers_and_signing_out_returns_to_sign_in() {
    let browser = open(30).await;
    browser.goto("/").await;
    browser.find("signin-form").await;
    browser.screenshot("sign-in").await;

    browser
        .sign_in("management", "admin", "wrong-password-1")
        .await;
    let error = browser.find("signin-error").await.text().await.unwrap();
    assert!(error.contains("wrong"), "{error}");

    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    let badge = browser.find("user-badge").await.text().await.unwrap();
    assert!(badge.contains("admin"), "{badge}");
    let expected = api_domains(&browser, "").await;
    browser
        .eventually("the first page matches the API", || async {
            browser.shown_domains().await == expected
        })
        .await;
    browser.screenshot("customers").await;

    browser.click("sign-out").await;
    browser.find("signin-form").await;
}

#[tokio::test]
async fn typing_a_search_shows_only_matching_rows() {
    let browser = signed_in(40).await;
    browser
        .app
        .create_tenant_as(
            &browser.app.admin_token.clone(),
            "zephyr-unique",
            json!({ "name": "Zephyr Unique" }),
        )
        .await;
    browser.fill("search-input", "zephyr").await;
    browser
        .eventually("only the match is shown", || async {
            browser.shown_domains().await == ["zephyr-unique"]
        })
        .await;
    let url = browser.client.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or_default().contains("q=zephyr"),
        "the search lives in the URL: {url}"
    );
    browser.client.refresh().await.unwrap();
    browser
        .eventually("a reload keeps the search", || async {
            browser.shown_domains().await == ["zephyr-unique"]
        })
        .await;
}

#[tokio::test]
async fn the_companies_filter_combines_with_search_and_lives_in_the_url() {
    let browser = signed_in(60).await;
    let select = browser.find("type-filter").await;
    select.select_by_value("company").await.unwrap();
    let companies = api_domains(&browser, "type=company").await;
    browser
        .eventually("only companies", || async {
            browser.shown_domains().await == companies
        })
        .await;

    browser.fill("search-input", "a").await;
    let both = api_domains(&browser, "type=company&q=a").await;
    browser
        .eventually("companies matching 'a'", || async {
            browser.shown_domains().await == both
        })
        .await;

    let url = browser.client.current_url().await.unwrap();
    let query = url.query().unwrap_or_default().to_owned();
    assert!(
        query.contains("type=company") && query.contains("q=a"),
        "filters live in the URL: {url}"
    );

    // A shared link opens the same view.
    browser.goto("/customers").await;
    browser.find("customer-row").await;
    browser.goto(&format!("/customers?{query}")).await;
    browser
        .eventually("the link restores the filters", || async {
            browser.shown_domains().await == both
        })
        .await;
    let selected = browser
        .find("type-filter")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(selected.as_deref(), Some("company"));
}

#[tokio::test]
async fn clicking_a_row_opens_the_detail_panel() {
    let browser = signed_in(30).await;
    let first = browser.all(&id("customer-row")).await.remove(0);
    let domain = first.attr("data-domain").await.unwrap().unwrap();
    first.click().await.unwrap();
    let panel = browser.find("detail-panel").await;
    browser
        .eventually("the panel shows the customer", || async {
            browser.find("detail-domain").await.text().await.unwrap() == domain
        })
        .await;
    assert!(panel.text().await.unwrap().contains("Created"));
    browser.screenshot("detail-panel").await;
}

#[tokio::test]
async fn a_bad_domain_shows_the_field_error_next_to_the_field() {
    let browser = signed_in(5).await;
    browser.click("new-customer").await;
    browser.fill("create-domain", "Bad Domain").await;
    let error = browser
        .find("field-error-domain")
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("lowercase"), "{error}");
    browser.fill("create-name", "Good Name").await;
    browser.fill("create-admin-username", "owner").await;
    browser
        .fill("create-admin-email", "owner@example.com")
        .await;
    browser.click("create-submit").await;
    assert!(
        browser
            .find("field-error-domain")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "still refused"
    );
    assert_eq!(browser.app.stored_tenant_count(), 6, "nothing was created");
    browser.screenshot("create-customer").await;
}

#[tokio::test]
async fn suspending_with_the_password_changes_the_status() {
    let browser = signed_in(5).await;
    let acme = browser.app.create_tenant("acme-suspend").await;
    browser.goto(&format!("/customers/{}", acme.id)).await;
    browser.find("detail-panel").await;
    browser.click("action-suspend").await;
    browser.fill("suspend-password", "not-my-password").await;
    browser.click("suspend-confirm").await;
    browser.find("field-error-password").await;
    browser.fill("suspend-password", ADMIN_PASSWORD).await;
    browser.click("suspend-confirm").await;
    browser
        .eventually("the status reads suspended", || async {
            browser
                .client
                .find(css(&id("detail-prop-status")))
                .await
                .is_ok()
                && browser
                    .find("detail-prop-status")
                    .await
                    .text()
                    .await
                    .unwrap()
                    .to_lowercase()
                    .contains("suspended")
        })
        .await;
    let stored: Value = browser
        .app
        .get(
            &format!("/api/v1/tenants/{}", acme.id),
            &browser.app.admin_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["status"], "suspended");
}
