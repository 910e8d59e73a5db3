//! Hierarchy caps: a parent hands out no more than it has, and its subtree's usage counts
//! toward its own hard limit, also under concurrent consumption.

use super::{consume, entitlements, override_of, set_limit};
use landlord_tests::{Created, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A reseller whose own max_agents limit is 5, and its token.
async fn reseller(app: &TestApp) -> (Created, String) {
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    set_limit(app, &reseller, "max_agents", json!(5)).await;
    let token = app.token_for(&reseller).await;
    (reseller, token)
}

#[tokio::test]
async fn a_parent_cannot_hand_out_more_than_it_has() {
    let app = spawn_app().await;
    let (reseller, token) = reseller(&app).await;
    // Subtenants on the catalogue default were handed nothing: any number may be created.
    let one = app.create_tenant_as(&token, "one", json!({})).await;
    let two = app.create_tenant_as(&token, "two", json!({})).await;
    let path = |t: &Created| format!("/api/v1/tenants/{}/quotas/max_agents", t.id);
    let response = app
        .patch(&path(&one), &token, &json!({ "override": 3 }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .patch(&path(&two), &token, &json!({ "override": 3 }))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "parent_quota_exceeded", "{body}");
    assert_eq!(
        body["cap"],
        json!({"quota": "max_agents", "tenant_id": reseller.id, "cap": 5, "allocated": 3, "available": 2, "requested": 6})
    );
    let response = app
        .patch(&path(&two), &token, &json!({ "override": -1 }))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = app
        .patch(&path(&two), &token, &json!({ "override": 2 }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // Nor can its own limit be lowered below what its subtenants hold.
    let (status, body) = override_of(&app, &reseller, "max_agents", json!(4)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "parent_quota_exceeded");
    assert_eq!(
        entitlements(&app, &reseller).await["quotas"]["max_agents"]["limit"],
        5
    );
    set_limit(&app, &reseller, "max_agents", json!(6)).await;

    // A plan's value is handed out too: a new subtenant on it must fit.
    let plan = json!({ "code": "agents4", "name": "Four agents", "currency": "USD",
        "prices": {"monthly": "5.00"}, "quotas": {"max_agents": 4} });
    let response = app.post("/api/v1/plans", &token, &plan).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = app
        .post(
            "/api/v1/tenants",
            &token,
            &json!({ "domain": "three", "name": "Three", "admin_username": "owner",
                     "admin_email": "owner@three.test", "admin_password": "three-pass-1",
                     "plan": "agents4", "cycle": "monthly" }),
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "parent_quota_exceeded", "{body}");
    assert_eq!(body["cap"]["requested"], 9);
}

#[tokio::test]
async fn a_subtrees_usage_counts_toward_its_parents_limit() {
    let app = spawn_app().await;
    let (reseller, token) = reseller(&app).await;
    let child = app.create_tenant_as(&token, "child", json!({})).await;
    // The child's own limit is the default, 10; its parent's 5 bounds the subtree.
    assert_eq!(
        consume(&app, &child, "max_agents", 3).await.0,
        StatusCode::OK
    );
    assert_eq!(
        consume(&app, &reseller, "max_agents", 1).await.0,
        StatusCode::OK
    );
    let (status, body) = consume(&app, &child, "max_agents", 2).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "quota_exceeded");
    assert_eq!(
        body["quota"],
        json!({"quota": "max_agents", "limit": 5, "used": 4, "requested": 2})
    );
    assert_eq!(
        consume(&app, &child, "max_agents", 1).await.0,
        StatusCode::OK
    );
    // Nor can the parent itself take what its subtree uses.
    assert_eq!(
        consume(&app, &reseller, "max_agents", 1).await.0,
        StatusCode::CONFLICT
    );

    let mine = &entitlements(&app, &reseller).await["quotas"];
    assert_eq!(mine["max_agents"]["used"], 1);
    assert_eq!(mine["max_agents"]["subtree_used"], 5);
    assert_eq!(mine["max_workflows"]["subtree_used"], 0);
    assert!(
        mine["extra_workflow_triggers"]
            .get("subtree_used")
            .is_none(),
        "consumable"
    );
    let theirs = &entitlements(&app, &child).await["quotas"]["max_agents"];
    assert_eq!(theirs["used"], 4);
    assert!(theirs.get("subtree_used").is_none(), "no subtenants");
    // Consumable quotas do not roll up: the child's own limit alone decides.
    set_limit(&app, &reseller, "extra_workflow_triggers", json!(1)).await;
    assert_eq!(
        consume(&app, &child, "extra_workflow_triggers", 5).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn concurrent_consumption_across_a_subtree_never_passes_the_parents_limit() {
    let app = spawn_app().await;
    let (reseller, token) = reseller(&app).await;
    let a = app.create_tenant_as(&token, "aa", json!({})).await;
    let b = app.create_tenant_as(&token, "bb", json!({})).await;
    let other = app.sibling();
    let calls = (0..12).map(|i| {
        let (server, tenant) = if i % 2 == 0 { (&app, &a) } else { (&other, &b) };
        consume(server, tenant, "max_agents", 1)
    });
    let answers = futures_util::future::join_all(calls).await;
    let ok = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(ok, 5, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(s, _)| *s == StatusCode::OK || *s == StatusCode::CONFLICT)
    );
    assert_eq!(
        entitlements(&app, &reseller).await["quotas"]["max_agents"]["subtree_used"],
        5
    );
}

#[tokio::test]
async fn the_licence_headroom_is_shown_to_the_tenants_it_counts_only() {
    let app = spawn_app().await;
    let (reseller, token) = reseller(&app).await;
    let child = app.create_tenant_as(&token, "child", json!({})).await;
    let (status, body) = super::send(
        &app,
        "PATCH",
        "/api/v1/quota-definitions/max_ai_agents",
        &json!({ "licence_cap": 100 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Only the top-level reseller counts (1 by default); its subtenant is within it.
    assert_eq!(
        body["licence"],
        json!({"cap": 100, "allocated": 1, "available": 99})
    );
    let mine = &entitlements(&app, &reseller).await["quotas"]["max_ai_agents"];
    assert_eq!(mine["licence"]["available"], 99);
    let theirs = &entitlements(&app, &child).await["quotas"]["max_ai_agents"];
    assert!(theirs.get("licence").is_none(), "{theirs}");
}
