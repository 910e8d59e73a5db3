//! A mail server that is down delays mails and loses none: attempts fail, are retried on
//! the injected clock's schedule, and go through once the server is back.

use super::{app_mailing_to, create, emails, tenant_body, wait_emails};
use landlord_tests::smtp::{SmtpSink, free_port, smtp_url};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_mail_server_that_is_down_at_first_gets_the_mail_when_it_comes_back() {
    let port = free_port();
    let app = app_mailing_to(smtp_url(port)).await;
    let (status, body) = create(
        &app,
        tenant_body(
            "patient",
            json!({ "admin_notification": "activation_link" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let tenant = body["id"].as_i64().unwrap();

    // Nobody listens: the first attempt fails and a retry is scheduled 30 s later.
    let list = wait_emails(&app, tenant, |m| m["attempts"] == 1).await;
    let mail = &list["items"][0];
    assert_eq!(mail["status"], "queued", "{mail}");
    assert!(
        mail["last_error"].as_str().is_some_and(|e| !e.is_empty()),
        "{mail}"
    );
    let created =
        chrono::DateTime::parse_from_rfc3339(mail["created_at"].as_str().unwrap()).unwrap();
    let next =
        chrono::DateTime::parse_from_rfc3339(mail["next_attempt_at"].as_str().unwrap()).unwrap();
    assert_eq!((next - created).num_seconds(), 30, "{mail}");

    // The server comes back, but the retry is not due yet on the server's clock.
    let sink = SmtpSink::start_on(port).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert!(sink.messages().is_empty());
    assert_eq!(emails(&app, tenant).await["items"][0]["attempts"], 1);

    // Once it is, the mail goes through.
    app.clock.advance(chrono::Duration::seconds(31));
    let delivered = sink.wait_for(1).await;
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].reset_token().is_some());
    let list = wait_emails(&app, tenant, |m| m["status"] == "sent").await;
    let mail = &list["items"][0];
    assert_eq!(mail["attempts"], 2, "{mail}");
    assert!(mail["next_attempt_at"].is_null());
    // The failed attempt's error stays for the record.
    assert!(mail["last_error"].is_string());
}
