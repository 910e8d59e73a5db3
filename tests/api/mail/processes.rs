//! Several server processes over one database share the outbox: each mail is claimed under
//! a lease by one of them, so none is sent twice.

use super::app_with_sink;
use serde_json::json;
use std::collections::BTreeSet;
use std::time::Duration;

#[tokio::test]
async fn two_server_processes_send_each_mail_exactly_once() {
    let (app, sink) = app_with_sink().await;
    let other = app.sibling();
    let token = app.admin_token.clone();
    // Created concurrently through both servers, so both workers find mails due at once.
    let creations = (0..8).map(|i| {
        let server = if i % 2 == 0 { &app } else { &other };
        let token = token.clone();
        async move {
            server
                .create_tenant_as(
                    &token,
                    &format!("proc{i}"),
                    json!({ "admin_notification": "credentials" }),
                )
                .await
        }
    });
    futures_util::future::join_all(creations).await;
    let delivered = sink.wait_for(8).await;
    // Give a second sender time to show up if there were one.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let delivered_now = sink.messages();
    assert_eq!(delivered_now.len(), 8, "{delivered_now:?}");
    let recipients: BTreeSet<String> = delivered.iter().map(|m| m.to.clone()).collect();
    assert_eq!(recipients.len(), 8, "{recipients:?}");
}
