//! Custom properties in the admin app: adding one to the library on its page, then setting
//! a customer's values on its Properties tab, typed as the library says.

use crate::driver::open;
use landlord_tests::ADMIN_PASSWORD;
use serde_json::json;

#[tokio::test]
async fn a_property_added_to_the_library_is_set_on_a_customer_s_tab() {
    let browser = open(3).await;
    let tenant = browser.app.create_tenant("propsdemo").await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser.click("nav-custom-properties").await;
    browser.find("custom-properties-table").await;
    browser
        .eventually("the predefined property is listed", || async {
            browser
                .attrs("custom-property-row", "data-key")
                .await
                .unwrap_or_default()
                == ["external_reference"]
        })
        .await;

    browser.click("new-custom-property").await;
    browser.fill("custom-property-name", "Licensed seats").await;
    browser.fill("custom-property-key", "seats").await;
    browser
        .find("custom-property-type")
        .await
        .select_by_value("number")
        .await
        .unwrap();
    browser.fill("custom-property-default", "5").await;
    browser.click("custom-property-submit").await;
    browser.find("custom-properties-page-notice").await;
    browser
        .eventually("the new property is listed", || async {
            browser
                .attrs("custom-property-row", "data-key")
                .await
                .unwrap_or_default()
                == ["external_reference", "seats"]
        })
        .await;
    browser.screenshot("custom-properties").await;
    let seats = browser.api_json("/api/v1/custom-properties/seats").await;
    assert_eq!(seats["type"], "number");
    assert_eq!(seats["default"], 5);

    browser.goto(&format!("/customers/{}", tenant.id)).await;
    browser.click("tab-properties").await;
    browser.find("custom-properties-form").await;
    browser
        .fill("custom-property-input-external_reference", "ERP-7")
        .await;
    browser.fill("custom-property-input-seats", "12").await;
    browser.click("custom-properties-save").await;
    browser
        .eventually("the values are saved", || async {
            browser.text_of("custom-properties-notice").await == "Saved."
        })
        .await;
    browser.screenshot("customer-properties").await;
    let stored = browser
        .api_json(&format!("/api/v1/tenants/{}", tenant.id))
        .await;
    assert_eq!(
        stored["custom_properties"],
        json!({"external_reference": "ERP-7", "seats": 12})
    );
}

#[tokio::test]
async fn the_customer_list_is_filtered_by_a_property_value() {
    let browser = open(3).await;
    let admin = browser.app.admin_token.clone();
    for (domain, reference) in [
        ("erpalpha", "ERP-7"),
        ("erpbeta", "erp-7"),
        ("erpgamma", "ERP-8"),
    ] {
        browser
            .app
            .create_tenant_as(
                &admin,
                domain,
                json!({ "custom_properties": { "external_reference": reference } }),
            )
            .await;
    }
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser
        .find("property-filter")
        .await
        .select_by_value("external_reference")
        .await
        .unwrap();
    // Compared case-insensitively, as the API does.
    browser.fill("property-filter-value", "Erp-7").await;
    browser
        .eventually(
            "only the customers with that reference are listed",
            || async {
                let mut shown = browser.shown_domains().await;
                shown.sort();
                shown == ["erpalpha", "erpbeta"]
            },
        )
        .await;
    let location = browser.location().await.replace("%3A", ":");
    assert!(
        location.contains("property=external_reference:Erp-7"),
        "the filter is in the URL: {location}"
    );
    let listed = browser
        .api_json("/api/v1/tenants?property=external_reference:erp-7")
        .await;
    assert_eq!(listed["total"], 2, "the page agrees with the API");

    // A reload keeps the filter; choosing no property lists everyone again.
    browser.goto(&browser.location().await).await;
    browser
        .eventually("the filter survives a reload", || async {
            let mut shown = browser.shown_domains().await;
            shown.sort();
            shown == ["erpalpha", "erpbeta"]
        })
        .await;
    browser
        .find("property-filter")
        .await
        .select_by_value("")
        .await
        .unwrap();
    let everyone = browser.api_json("/api/v1/tenants").await["total"]
        .as_u64()
        .unwrap() as usize;
    browser
        .eventually("every customer is listed again", || async {
            browser.shown_domains().await.len() == everyone
                && !browser.location().await.contains("property=")
        })
        .await;
}
