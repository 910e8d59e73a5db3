//! Which endpoints hear an event: those of the event's tenant and of its ancestors.

use super::{create_endpoint, deliveries, wait_deliveries};
use landlord_tests::receiver::{Received, Receiver};
use landlord_tests::*;
use serde_json::json;

/// The `domain` of each received event's tenant, sorted: events about different tenants
/// may arrive in any order.
fn domains(received: &[Received]) -> Vec<String> {
    let mut domains: Vec<String> = received
        .iter()
        .map(|r| {
            r.json()["data"]["object"]["domain"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    domains.sort();
    domains
}

#[tokio::test]
async fn an_endpoint_hears_its_whole_subtree_and_nothing_beside_it() {
    let app = spawn_app().await;
    let (top, left, right) = (
        Receiver::start().await,
        Receiver::start().await,
        Receiver::start().await,
    );
    let (top_id, _) = create_endpoint(&app, &app.admin_token, &top.url, &["tenant.created"]).await;
    let subtenants = json!({ "allow_subtenants": true });
    let west = app
        .create_tenant_as(&app.admin_token.clone(), "west", subtenants.clone())
        .await;
    let east = app
        .create_tenant_as(&app.admin_token.clone(), "east", subtenants)
        .await;
    // Both resellers' own creation is fanned out before their endpoints exist.
    wait_deliveries(&app, top_id, "the resellers' creation", |d| d.len() == 2).await;
    let (west_token, east_token) = (app.token_for(&west).await, app.token_for(&east).await);
    let (west_id, _) = create_endpoint(&app, &west_token, &left.url, &["*"]).await;
    let (east_id, _) = create_endpoint(&app, &east_token, &right.url, &["*"]).await;

    app.create_tenant_as(&west_token, "west-shop", json!({}))
        .await;
    wait_deliveries(&app, top_id, "three succeeded deliveries", |d| {
        d.len() == 3 && d.iter().all(|d| d["status"] == "succeeded")
    })
    .await;
    assert_eq!(domains(&top.received()), ["east", "west", "west-shop"]);
    left.wait_for(1).await;
    let west_log = app
        .get_json(
            &format!("/api/v1/webhook-endpoints/{west_id}/deliveries"),
            &west_token,
        )
        .await;
    assert_eq!(west_log["total"], 1);
    assert_eq!(domains(&left.received()), ["west-shop"]);
    let east_log = app
        .get_json(
            &format!("/api/v1/webhook-endpoints/{east_id}/deliveries"),
            &east_token,
        )
        .await;
    assert_eq!(east_log["total"], 0, "a sibling's subtree is not east's");
    assert!(right.received().is_empty());
    assert_eq!(deliveries(&app, top_id).await["total"], 3);
}
