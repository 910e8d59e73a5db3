//! Tenant policies in the admin app: a policy created on the Policies page, then a customer
//! created with it (linked), whose Policy tab shows it in line.

use crate::billing::signed_in;

#[tokio::test]
async fn a_policy_is_created_and_a_customer_created_with_it() {
    let browser = signed_in().await;
    browser.click("nav-policies").await;
    browser.find("policies-empty").await;
    browser.click("new-policy").await;
    browser.fill("policy-name", "Standard").await;
    browser
        .fill("policy-description", "Our usual customer")
        .await;
    browser
        .fill(
            "policy-options",
            "access.control/allow_origin = * (locked)\nmail/credentials.password = s3cret-pw",
        )
        .await;
    browser
        .fill("policy-rules", "audit 90\nusage_events 30 api_calls")
        .await;
    browser.click("policy-submit").await;
    browser.find("policies-notice").await;
    assert_eq!(browser.text_of("policy-options-count").await, "2");
    assert_eq!(browser.text_of("policy-rules-count").await, "2");
    let list = browser.api_json("/api/v1/tenant-policies").await;
    let policy = list["items"][0].clone();
    assert_eq!(policy["name"], "Standard");
    let policy_id = policy["id"].as_i64().unwrap();
    let stored = browser
        .api_json(&format!("/api/v1/tenant-policies/{policy_id}"))
        .await;
    assert!(!stored.to_string().contains("s3cret"), "{stored}");

    browser.goto("/customers").await;
    browser.click("new-customer").await;
    browser.fill("create-name", "Policy Works").await;
    browser.fill("create-domain", "policy-works").await;
    browser.fill("create-admin-username", "owner").await;
    browser
        .fill("create-admin-email", "owner@policy.example")
        .await;
    let value = policy_id.to_string();
    browser
        .eventually("the form offers the policy", || async {
            browser
                .all("[data-testid=\"create-policy\"] option")
                .await
                .len()
                == 2
        })
        .await;
    browser
        .find("create-policy")
        .await
        .select_by_value(&value)
        .await
        .unwrap();
    browser.click("create-link-policy").await;
    browser.click("create-submit").await;
    browser.click("create-done").await;
    browser
        .eventually("the panel shows the new customer", || async {
            browser.text_of("detail-name").await == "Policy Works"
        })
        .await;
    let id = browser
        .find("detail-panel")
        .await
        .attr("data-tenant-id")
        .await
        .unwrap()
        .unwrap();

    browser.click("tab-policy").await;
    browser
        .eventually("the Policy tab names the policy", || async {
            browser.text_of("policy-state-name").await == "Standard"
        })
        .await;
    assert_eq!(
        browser.attrs("policy-in-sync", "data-in-sync").await,
        Some(vec!["true".to_owned()])
    );
    assert_eq!(browser.all("[data-testid=\"option-row\"]").await.len(), 2);
    let state = browser
        .api_json(&format!("/api/v1/tenants/{id}/policy"))
        .await;
    assert_eq!(state["linked"], true);
    assert_eq!(state["in_sync"], true);
}
