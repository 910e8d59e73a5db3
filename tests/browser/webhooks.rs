//! The Developers area: an endpoint added in the browser receives a signed test event, and
//! its delivery log shows the attempt.

use crate::driver::{Browser, open};
use landlord_tests::ADMIN_PASSWORD;
use landlord_tests::receiver::Receiver;

async fn signed_in() -> Browser {
    let browser = open(3).await;
    browser.sign_in("management", "admin", ADMIN_PASSWORD).await;
    browser.find("customer-row").await;
    browser
}

#[tokio::test]
async fn an_endpoint_added_in_developers_gets_a_test_event_and_shows_its_attempt() {
    let browser = signed_in().await;
    let receiver = Receiver::start().await;
    browser.click("nav-developers").await;
    browser.find("webhook-endpoints-empty").await;

    browser.click("new-webhook-endpoint").await;
    browser.fill("webhook-url", "ftp://example.com/hooks").await;
    browser.click("webhook-submit").await;
    let error = browser.find("field-error-url").await.text().await.unwrap();
    assert!(error.contains("http"), "{error}");

    browser.fill("webhook-url", &receiver.url).await;
    browser
        .fill("webhook-description", "Browser test receiver")
        .await;
    browser.click("webhook-submit").await;
    let secret = browser
        .find("webhook-secret")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    browser.find("copy-webhook-secret").await;
    browser.screenshot("developers-secret").await;
    browser.click("webhook-secret-done").await;

    let stored = browser.api_json("/api/v1/webhook-endpoints").await;
    assert_eq!(stored["total"], 1);
    assert_eq!(stored["items"][0]["url"], receiver.url.as_str());
    assert_eq!(stored["items"][0]["event_types"][0], "*");
    browser
        .eventually("the endpoint is listed", || async {
            browser.attrs("webhook-endpoint-row", "data-url").await
                == Some(vec![receiver.url.clone()])
        })
        .await;

    browser.click("webhook-deliveries-link").await;
    browser.find("webhook-deliveries-empty").await;
    browser.click("webhook-deliveries-send-test").await;
    let request = receiver.wait_for(1).await.remove(0);
    assert!(
        request.signed_by(&secret),
        "signed with the secret the page showed"
    );
    assert_eq!(request.json()["type"], "webhook.test");
    browser
        .eventually("the delivery succeeded", || async {
            browser.attrs("webhook-delivery-row", "data-status").await
                == Some(vec!["succeeded".to_owned()])
        })
        .await;
    assert_eq!(
        browser
            .attrs("webhook-attempt", "data-response-status")
            .await,
        Some(vec!["200".to_owned()])
    );
    assert_eq!(
        browser.text_of("webhook-delivery-event-id").await,
        request.id()
    );
    browser
        .find("webhook-attempts")
        .await
        .click()
        .await
        .unwrap();
    browser.screenshot("developers-deliveries").await;

    browser.click("webhook-resend").await;
    receiver.wait_for(2).await;
    browser
        .eventually("the resend's attempt shows", || async {
            browser
                .attrs("webhook-attempt", "data-response-status")
                .await
                == Some(vec!["200".to_owned(), "200".to_owned()])
        })
        .await;
}
