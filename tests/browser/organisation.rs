//! The Customers page counts customers the way its cards do, the operator's own tenant is one
//! click away under "Your organisation", and the detail panel offers exactly the actions the
//! server allows.

use crate::driver::{Browser, id, open};
use landlord_tests::ADMIN_PASSWORD;
use serde_json::json;

async fn signed_in(customers: u32) -> Browser {
    let browser = open(customers).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[tokio::test]
async fn the_customers_count_equals_the_total_customers_card() {
    let browser = signed_in(30).await;
    let summary = browser.api_json("/api/v1/tenants/summary").await;
    let expected = summary["total_customers"].as_i64().unwrap().to_string();
    assert_eq!(
        expected, "30",
        "the seeded customers, not the operator's tenant"
    );
    browser
        .eventually("the count and the card both read 30", || async {
            digits(&browser.text_of("customers-count").await) == expected
                && digits(&browser.text_of("summary-total-value").await) == expected
        })
        .await;
    let count = browser.text_of("customers-count").await;
    assert_eq!(count, "30 customers");
    let pages = browser.text_of("pagination-total").await;
    assert_eq!(pages, "30 customers");
    let mut shown = Vec::new();
    for page in ["/customers", "/customers?page=2"] {
        browser.goto(page).await;
        browser.find("customer-row").await;
        shown.extend(browser.shown_domains().await);
    }
    assert_eq!(shown.len(), 30, "{shown:?}");
    assert!(
        !shown.iter().any(|d| d == "management"),
        "the operator's own tenant is not a customer row"
    );
}

#[tokio::test]
async fn your_organisation_opens_the_own_tenant_which_offers_only_its_profile_edit() {
    let browser = signed_in(5).await;
    browser.click("nav-organisation").await;
    browser
        .eventually("the panel shows the own tenant", || async {
            browser.text_of("detail-domain").await == "management"
        })
        .await;
    assert!(
        browser
            .text_of("detail-eyebrow")
            .await
            .to_lowercase()
            .contains("your organisation")
    );
    assert_eq!(browser.location().await, "/customers/1");
    browser.find("action-edit").await;
    for action in [
        "action-suspend",
        "action-activate",
        "action-deactivate",
        "action-delete",
    ] {
        assert!(
            browser.all(&id(action)).await.is_empty(),
            "{action} is not offered on the own tenant"
        );
    }
    browser.find("tab-audit").await;
    browser.screenshot("your-organisation").await;
}

/// The action buttons the panel shows for tenant `id`.
async fn shown_actions(browser: &Browser, tenant_id: i64) -> Vec<String> {
    browser.goto(&format!("/customers/{tenant_id}")).await;
    browser.find("detail-name").await;
    let mut shown = Vec::new();
    for (button, action) in [
        ("action-edit", "update"),
        ("action-activate", "activate"),
        ("action-suspend", "suspend"),
        ("action-deactivate", "deactivate"),
        ("action-delete", "delete"),
        ("tab-audit", "view_audit_log"),
    ] {
        if !browser.all(&id(button)).await.is_empty() {
            shown.push(action.to_owned());
        }
    }
    shown
}

#[tokio::test]
async fn the_panel_offers_the_actions_the_server_allows() {
    let browser = signed_in(5).await;
    let app = &browser.app;
    let acme = app.create_tenant("acme-actions").await;
    let suspended = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", acme.id),
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert!(suspended.status().is_success());
    let allowed = browser
        .api_json(&format!("/api/v1/tenants/{}", acme.id))
        .await["allowed_actions"]
        .clone();
    assert_eq!(
        allowed,
        json!([
            "update",
            "update_profile",
            "activate",
            "deactivate",
            "delete",
            "grant_subtenants",
            "view_audit_log"
        ])
    );
    assert_eq!(
        shown_actions(&browser, acme.id).await,
        [
            "update",
            "activate",
            "deactivate",
            "delete",
            "view_audit_log"
        ]
    );
    // The edit form offers allow_subtenants because grant_subtenants is allowed.
    browser.click("action-edit").await;
    browser.find("edit-allow-subtenants").await;
}

#[tokio::test]
async fn the_new_user_picker_still_offers_the_own_tenant() {
    let browser = signed_in(5).await;
    browser.goto("/users").await;
    browser.find("user-row").await;
    browser.click("new-user").await;
    let picker = browser.find("user-form-tenant").await;
    picker.send_keys("managem").await.unwrap();
    browser
        .eventually("the own tenant is offered, marked as such", || async {
            let ids = browser
                .attrs("user-form-tenant-option", "data-tenant-id")
                .await;
            ids.is_some_and(|ids| ids == ["1"])
                && browser
                    .text_of("user-form-tenant-option")
                    .await
                    .contains("Your tenant")
        })
        .await;
}

#[tokio::test]
async fn a_tenants_admin_edits_its_own_settings_under_your_organisation() {
    let browser = signed_in(1).await;
    browser.click("nav-organisation").await;
    browser
        .eventually("the panel shows the own tenant", || async {
            browser.text_of("detail-domain").await == "management"
        })
        .await;
    browser.click("action-edit").await;
    browser.find("edit-form").await;
    assert!(
        browser
            .find("edit-domain")
            .await
            .attr("readonly")
            .await
            .unwrap()
            .is_some(),
        "the parent alone changes the domain"
    );
    assert!(
        browser
            .all("[data-testid=edit-limit-requests]")
            .await
            .is_empty(),
        "the parent alone sets the request rate"
    );
    browser.fill("edit-web-address", "landlord.example").await;
    browser
        .fill("edit-support-email", "help@landlord.example")
        .await;
    browser.fill("edit-language", "en-gb").await;
    browser.fill("edit-admin-first-name", "Ada").await;
    browser
        .find("edit-time-zone")
        .await
        .select_by_value("Europe/Berlin")
        .await
        .unwrap();
    browser
        .find("edit-company-size")
        .await
        .select_by_value("11-50")
        .await
        .unwrap();
    browser.click("edit-save").await;
    browser
        .eventually("the overview shows the new time zone", || async {
            browser
                .text_of("detail-time-zone")
                .await
                .contains("Europe/Berlin")
        })
        .await;
    let stored = browser.api_json("/api/v1/tenants/1").await;
    assert_eq!(stored["web_address"], "https://landlord.example");
    assert_eq!(stored["support_email"], "help@landlord.example");
    assert_eq!(stored["language"], "en-GB");
    assert_eq!(stored["time_zone"], "Europe/Berlin");
    assert_eq!(stored["company_size"], "11-50");
    assert_eq!(stored["admin_first_name"], "Ada");
    assert_eq!(stored["domain"], "management");
}
