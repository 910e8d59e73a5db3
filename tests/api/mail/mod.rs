//! Notification mails end to end: changes queue them, the server's mail worker delivers
//! them to a real SMTP server on loopback (aiosmtpd), and the tests read what arrived.

mod admin;
mod files;
mod notices;
mod outage;
mod processes;
mod suspension;

use landlord_tests::smtp::SmtpSink;
use landlord_tests::{TestApp, spawn_app_configured};
use serde_json::{Value, json};
use std::time::Duration;

/// A server whose mails go to `url`.
async fn app_mailing_to(url: String) -> TestApp {
    spawn_app_configured(None, move |args| args.smtp_url = Some(url)).await
}

/// A server with an SMTP sink it mails to.
async fn app_with_sink() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(sink.url()).await;
    (app, sink)
}

/// `POST /api/v1/tenants` as the management admin with `body`; answers status and body.
async fn create(app: &TestApp, body: Value) -> (reqwest::StatusCode, Value) {
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    let status = response.status();
    (status, response.json().await.unwrap())
}

fn tenant_body(domain: &str, extra: Value) -> Value {
    let mut body = json!({
        "domain": domain,
        "name": format!("{domain} Ltd"),
        "admin_username": "owner",
        "admin_email": format!("owner@{domain}.test"),
    });
    if let (Some(obj), Value::Object(more)) = (body.as_object_mut(), extra) {
        obj.extend(more);
    }
    body
}

/// The tenant's mails as the management admin sees them.
async fn emails(app: &TestApp, tenant: i64) -> Value {
    app.get_json(
        &format!("/api/v1/tenants/{tenant}/emails"),
        &app.admin_token,
    )
    .await
}

/// Waits (up to 15 s) until the tenant's newest mail satisfies `done`; answers the list.
async fn wait_emails(app: &TestApp, tenant: i64, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let list = emails(app, tenant).await;
        if list["items"].get(0).is_some_and(&done) {
            return list;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the mail did not get there: {list}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
