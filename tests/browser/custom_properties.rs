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
