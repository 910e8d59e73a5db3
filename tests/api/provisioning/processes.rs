//! Two server processes over one database share the steps without running one twice.

use super::{create_step, wait_provisioning};
use landlord_tests::receiver::Receiver;
use landlord_tests::*;
use serde_json::json;
use std::collections::HashMap;

#[tokio::test]
async fn two_server_processes_never_run_a_step_twice() {
    let first = spawn_app().await;
    let second = spawn_another_app(&first).await;
    let receiver = Receiver::start().await;
    create_step(
        &first,
        "create-database",
        &format!("{}/db", receiver.url),
        json!({}),
    )
    .await;
    create_step(&first, "seed", &format!("{}/seed", receiver.url), json!({})).await;
    let tenants = 8;
    let mut ids = Vec::new();
    for n in 0..tenants {
        let app = if n % 2 == 0 { &first } else { &second };
        let created = app
            .create_tenant_as(&app.admin_token.clone(), &format!("shop{n}"), json!({}))
            .await;
        ids.push(created.id);
    }
    for id in ids {
        wait_provisioning(&first, id, "the pipeline to succeed", |p| {
            p["status"] == "succeeded"
        })
        .await;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for request in receiver.received() {
        *seen.entry(request.id()).or_default() += 1;
    }
    assert_eq!(seen.len(), 2 * tenants, "every step was called");
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "called more than once: {twice:?}");
}
