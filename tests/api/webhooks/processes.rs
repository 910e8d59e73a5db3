//! Two server processes over one database, as behind a load balancer.

use super::{attempts, create_endpoint, wait_deliveries};
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use serde_json::json;
use std::collections::HashMap;

#[tokio::test]
async fn two_server_processes_deliver_each_event_exactly_once() {
    let first = spawn_app().await;
    let second = spawn_another_app(&first).await;
    let receiver = Receiver::start().await;
    let (id, _) = create_endpoint(&first, &first.admin_token, &receiver.url, &["*"]).await;
    let events = 12;
    for n in 0..events {
        let app = if n % 2 == 0 { &first } else { &second };
        app.create_tenant_as(&app.admin_token.clone(), &format!("shop{n}"), json!({}))
            .await;
        app.post(
            &format!("/api/v1/webhook-endpoints/{id}/test"),
            &app.admin_token,
            &json!({}),
        )
        .await;
    }
    let log = wait_deliveries(&first, id, "every delivery succeeded", |d| {
        d.len() == 2 * events && d.iter().all(|d| d["status"] == "succeeded")
    })
    .await;
    assert!(log.iter().all(|d| attempts(d) == 1), "one attempt each");
    let mut seen: HashMap<String, usize> = HashMap::new();
    for request in receiver.received() {
        *seen.entry(request.id()).or_default() += 1;
    }
    assert_eq!(seen.len(), 2 * events, "every event arrived");
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
}
