//! The catalogue and the dunning policy in the admin app: a plan created (the server's
//! code_taken shown by its field), edited and archived; the policy edited, checked and saved.

use crate::billing::{plan, signed_in};
use crate::driver::id;

#[tokio::test]
async fn a_plan_is_created_refused_when_its_code_is_taken_edited_and_archived() {
    let browser = signed_in().await;
    plan(&browser, "cat-taken", "Taken", "5.00").await;
    browser.click("nav-plans").await;
    browser
        .eventually("the catalogue lists the plan", || async {
            browser
                .attrs("plan-row", "data-code")
                .await
                .is_some_and(|codes| codes.iter().any(|c| c == "cat-taken"))
        })
        .await;

    browser.click("new-plan").await;
    browser.fill("plan-code", "cat-taken").await;
    browser.fill("plan-name", "Catalogue Growth").await;
    browser.fill("plan-price-monthly", "12.50").await;
    browser.fill("plan-price-yearly", "120.00").await;
    browser.click("plan-submit").await;
    let error = browser.find("field-error-code").await.text().await.unwrap();
    assert!(
        error.contains("used"),
        "the server's code_taken, by the field: {error}"
    );

    browser.fill("plan-code", "cat-growth").await;
    browser.fill("plan-trial-days", "14").await;
    browser.click("plan-submit").await;
    browser.find("plans-notice").await;
    let stored = browser.api_json("/api/v1/plans/cat-growth").await;
    assert_eq!(stored["prices"]["monthly"], "12.50");
    assert_eq!(stored["prices"]["yearly"], "120.00");
    assert_eq!(stored["trial_days"], 14);
    browser.screenshot("plans").await;

    let row = format!("{}[data-code=\"cat-growth\"]", id("plan-row"));
    let edit = browser
        .client
        .find(crate::driver::css(&format!("{row} {}", id("plan-edit"))))
        .await
        .unwrap();
    edit.click().await.unwrap();
    browser.fill("plan-price-monthly", "15.00").await;
    browser.click("plan-submit").await;
    browser
        .eventually("the list shows the new price", || async {
            match browser.client.find(crate::driver::css(&row)).await {
                Ok(shown) => shown.text().await.unwrap_or_default().contains("€15.00"),
                Err(_) => false,
            }
        })
        .await;
    let stored = browser.api_json("/api/v1/plans/cat-growth").await;
    assert_eq!(stored["prices"]["monthly"], "15.00");

    let archive = browser
        .client
        .find(crate::driver::css(&format!("{row} {}", id("plan-archive"))))
        .await
        .unwrap();
    archive.click().await.unwrap();
    browser.click("plan-archive-confirm").await;
    browser
        .eventually("the plan shows as archived", || async {
            let statuses = browser
                .attrs("plan-row", "data-status")
                .await
                .unwrap_or_default();
            browser
                .attrs("plan-row", "data-code")
                .await
                .is_some_and(|codes| {
                    codes
                        .iter()
                        .zip(&statuses)
                        .any(|(c, s)| c == "cat-growth" && s == "archived")
                })
        })
        .await;
}

#[tokio::test]
async fn the_dunning_policy_is_edited_checked_and_saved() {
    let browser = signed_in().await;
    browser.click("nav-billing-settings").await;
    browser
        .eventually("the default policy's four steps are listed", || async {
            browser.all(&id("dunning-step")).await.len() == 4
        })
        .await;

    browser.click("dunning-add").await;
    let names = browser.all(&id("dunning-step-name")).await;
    names[4].send_keys("written_off").await.unwrap();
    let days = browser.all(&id("dunning-step-days")).await;
    days[4].clear().await.unwrap();
    days[4].send_keys("20").await.unwrap();
    browser.click("dunning-save").await;
    let invalid = browser.find("dunning-invalid").await.text().await.unwrap();
    assert!(invalid.starts_with("Step 5:"), "{invalid}");
    assert_eq!(
        browser.attrs("dunning-step", "aria-invalid").await.unwrap()[4],
        "true",
        "the step is marked"
    );

    days[4].clear().await.unwrap();
    days[4].send_keys("60").await.unwrap();
    browser.click("dunning-save").await;
    browser.find("dunning-notice").await;
    browser.screenshot("billing-settings").await;
    let stored = browser.api_json("/api/v1/billing/dunning-policy").await;
    let steps = stored["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5, "{stored}");
    assert_eq!(steps[4]["name"], "written_off");
    assert_eq!(steps[4]["after_days"], 60);
    assert_eq!(
        steps[4]["effect"], "cancel",
        "the new step takes the last one's effect"
    );
}
