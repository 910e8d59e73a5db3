//! Issue 15 in the admin app: downloading a customer's setup instructions, and support-user
//! access granted on "Your organisation" and used by the operator with "Open as support".

use crate::driver::{Browser, open};
use landlord_tests::ADMIN_PASSWORD;
use std::path::PathBuf;

fn markdown_files(browser: &Browser) -> Vec<PathBuf> {
    std::fs::read_dir(&browser.downloads)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

#[tokio::test]
async fn the_customer_panel_downloads_the_setup_instructions() {
    let browser = open(0).await;
    let acme = browser.app.create_tenant("acme").await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.goto(&format!("/customers/{}", acme.id)).await;
    browser.click("action-setup-instructions").await;
    browser
        .eventually("the Markdown file is downloaded", || async {
            markdown_files(&browser).len() == 1
        })
        .await;
    let file = markdown_files(&browser).remove(0);
    assert_eq!(file.file_name().unwrap(), "setup-acme.md");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.starts_with("# Setup instructions for acme Ltd"),
        "{text}"
    );
    assert!(text.contains("server_name acme."));
}

#[tokio::test]
async fn a_granted_tenant_is_opened_as_support_by_the_operator() {
    let browser = open(0).await;
    let acme = browser.app.create_tenant("acme").await;
    // acme's administrator allows support on Your organisation.
    browser.sign_in("acme", &acme.admin, &acme.password).await;
    browser.click("nav-organisation").await;
    browser.click("support-grant").await;
    browser
        .eventually("the grant shows as enabled", || async {
            browser.text_of("support-access-status").await == "Enabled"
        })
        .await;
    assert_eq!(browser.text_of("support-access-requests").await, "1");

    // The operator sees it in the customer's panel and opens the tenant as support.
    browser
        .client
        .execute("localStorage.clear(); return null;", vec![])
        .await
        .unwrap();
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.goto(&format!("/customers/{}", acme.id)).await;
    browser
        .eventually("the panel shows support access enabled", || async {
            browser.text_of("support-access-status").await == "Enabled"
        })
        .await;
    browser.click("action-open-as-support").await;
    browser.fill("support-password", ADMIN_PASSWORD).await;
    browser.click("support-confirm").await;
    browser
        .eventually("the app now acts in acme", || async {
            browser.location().await != format!("/customers/{}", acme.id)
        })
        .await;
    browser.click("nav-organisation").await;
    browser
        .eventually("Your organisation is acme", || async {
            browser.text_of("detail-domain").await == "acme"
        })
        .await;
}

#[tokio::test]
async fn the_operator_switches_support_access_off_for_the_platform() {
    let browser = open(0).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.click("nav-organisation").await;
    browser
        .eventually("the switch shows on", || async {
            browser.attrs("platform-support", "data-enabled").await == Some(vec!["true".into()])
        })
        .await;
    browser.click("platform-support-toggle").await;
    browser
        .eventually("the switch shows off", || async {
            browser.attrs("platform-support", "data-enabled").await == Some(vec!["false".into()])
        })
        .await;
    let settings = browser.api_json("/api/v1/support-access/settings").await;
    assert_eq!(settings["enabled"], false);
}

/// Opens the row menu of the customer `domain` and clicks `item` in it.
async fn row_menu(browser: &Browser, domain: &str, item: &str) {
    let toggle = format!(
        "[data-testid=\"customer-row\"][data-domain=\"{domain}\"] [data-testid=\"row-menu\"]"
    );
    browser
        .client
        .find(crate::driver::css(&toggle))
        .await
        .unwrap_or_else(|e| panic!("no row menu for {domain}: {e}"))
        .click()
        .await
        .unwrap();
    browser.click(item).await;
}

#[tokio::test]
async fn a_customer_row_s_menu_runs_seed_004_s_operations() {
    let browser = open(0).await;
    let acme = browser.app.create_tenant("acme").await;
    let dormant = browser.app.create_tenant("dormant").await;
    let response = browser
        .app
        .post(
            &format!("/api/v1/tenants/{}/deactivate", dormant.id),
            &browser.app.admin_token,
            &serde_json::json!({}),
        )
        .await;
    assert!(response.status().is_success());
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;

    // Download setup instructions: the file, without opening the customer.
    row_menu(&browser, "acme", "row-menu-setup-instructions").await;
    browser
        .eventually("the Markdown file is downloaded", || async {
            markdown_files(&browser).len() == 1
        })
        .await;
    assert_eq!(
        markdown_files(&browser)[0].file_name().unwrap(),
        "setup-acme.md"
    );
    assert!(
        browser
            .all("[data-testid=\"detail-panel\"]")
            .await
            .is_empty(),
        "the row was not opened"
    );
    assert!(
        browser
            .all("[data-testid=\"row-menu-items\"]")
            .await
            .is_empty(),
        "the menu closed"
    );

    // Associate package: the customer's panel on its Subscription tab.
    row_menu(&browser, "acme", "row-menu-package").await;
    browser.find("subscription-tab").await;
    assert!(
        browser
            .location()
            .await
            .starts_with(&format!("/customers/{}", acme.id))
    );

    // Only an inactive customer offers "Activate tenant", on its Provisioning tab.
    let toggle = "[data-testid=\"customer-row\"][data-domain=\"acme\"] [data-testid=\"row-menu\"]";
    browser
        .client
        .find(crate::driver::css(toggle))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.find("row-menu-items").await;
    assert!(
        browser
            .all("[data-testid=\"row-menu-activate\"]")
            .await
            .is_empty()
    );
    browser
        .client
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})); return null;",
            vec![],
        )
        .await
        .unwrap();
    browser
        .eventually("Escape closes the menu", || async {
            browser
                .all("[data-testid=\"row-menu-items\"]")
                .await
                .is_empty()
        })
        .await;
    let toggle =
        "[data-testid=\"customer-row\"][data-domain=\"dormant\"] [data-testid=\"row-menu\"]";
    browser
        .client
        .find(crate::driver::css(toggle))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.find("row-menu-activate").await;
    browser.screenshot("customer-row-menu").await;
    browser.click("row-menu-activate").await;
    browser.find("provisioning-tab").await;
    assert_eq!(
        browser
            .find("detail-panel")
            .await
            .attr("data-tenant-id")
            .await
            .unwrap(),
        Some(dormant.id.to_string())
    );
}
