use super::{consume, entitlements, event_types, send, set_limit};
use crate::billing::at;
use landlord_tests::{Created, TestApp, problem_fields, spawn_app, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn top_up(app: &TestApp, tenant: &Created, key: &str, body: Value) -> (StatusCode, Value) {
    let path = format!("/api/v1/tenants/{}/quotas/{key}/top-ups", tenant.id);
    send(app, "POST", &path, &body).await
}

#[tokio::test]
async fn a_top_up_raises_the_limit_and_is_drawn_on_after_the_plan_amount() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_widgets", json!(3)).await;
    let (status, body) = top_up(&app, &acme, "max_widgets", json!({"amount": 2})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        (&body["amount"], &body["remaining"], &body["expires_at"]),
        (&json!(2), &json!(2), &Value::Null)
    );
    let quota = &entitlements(&app, &acme).await["quotas"]["max_widgets"];
    assert_eq!(
        (&quota["limit"], &quota["remaining"]),
        (&json!(5), &json!(5))
    );
    // The plan amount first: three widgets leave the top-up whole.
    let (status, body) = consume(&app, &acme, "max_widgets", 3).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let quota = &entitlements(&app, &acme).await["quotas"]["max_widgets"];
    assert_eq!(quota["top_ups"][0]["remaining"], 2);
    // Then the top-up, up to its amount and no further.
    let (status, body) = consume(&app, &acme, "max_widgets", 2).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"used": 5, "limit": 5, "remaining": 0, "overage": 0})
    );
    let (status, body) = consume(&app, &acme, "max_widgets", 1).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["quota"]["limit"], 5);
    let quota = &entitlements(&app, &acme).await["quotas"]["max_widgets"];
    assert_eq!(quota["top_ups"][0]["remaining"], 0);
    assert!(event_types(&app, &acme).contains(&"quota.topped_up".to_owned()));
}

#[tokio::test]
async fn usage_draws_on_the_top_up_expiring_first_and_an_expired_one_no_longer_counts() {
    let app = spawn_app_at(at("2026-03-01T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_agents", json!(2)).await;
    let (_, lasting) = top_up(&app, &acme, "max_agents", json!({"amount": 5})).await;
    let (status, soon) = top_up(
        &app,
        &acme,
        "max_agents",
        json!({"amount": 3, "expires_at": "2026-03-10T00:00:00Z"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{soon}");
    consume(&app, &acme, "max_agents", 4).await;
    let quota = &entitlements(&app, &acme).await["quotas"]["max_agents"];
    assert_eq!(quota["limit"], 10);
    // Two beyond the plan amount, drawn on the top-up that expires first.
    assert_eq!(
        quota["top_ups"],
        json!([
            {"id": soon["id"], "amount": 3, "remaining": 1, "expires_at": "2026-03-10T00:00:00Z",
             "created_at": soon["created_at"], "revoked_at": null},
            {"id": lasting["id"], "amount": 5, "remaining": 5, "expires_at": null,
             "created_at": lasting["created_at"], "revoked_at": null},
        ])
    );
    app.clock.set(at("2026-03-10T00:00:00Z"));
    let quota = &entitlements(&app, &acme).await["quotas"]["max_agents"];
    assert_eq!((&quota["limit"], &quota["used"]), (&json!(7), &json!(4)));
    assert_eq!(quota["top_ups"][0]["remaining"], 3);
    assert_eq!(
        consume(&app, &acme, "max_agents", 4).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        consume(&app, &acme, "max_agents", 3).await.0,
        StatusCode::OK
    );
    let path = format!("/api/v1/tenants/{}/quotas/max_agents/top-ups", acme.id);
    let (status, list) = send(&app, "GET", &path, &Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list[0]["id"], soon["id"]);
    assert_eq!(list[0]["remaining"], Value::Null);
    assert_eq!(list[1]["remaining"], 0);
}

#[tokio::test]
async fn a_revoked_top_up_no_longer_counts() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_widgets", json!(1)).await;
    let (_, body) = top_up(&app, &acme, "max_widgets", json!({"amount": 4})).await;
    let path = format!(
        "/api/v1/tenants/{}/quotas/max_widgets/top-ups/{}",
        acme.id, body["id"]
    );
    let (status, revoked) = send(&app, "DELETE", &path, &Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{revoked}");
    assert!(revoked["revoked_at"].is_string());
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_widgets"]["limit"],
        1
    );
    assert_eq!(
        send(&app, "DELETE", &path, &Value::Null).await.0,
        StatusCode::NOT_FOUND
    );
    assert!(event_types(&app, &acme).contains(&"quota.top_up_revoked".to_owned()));
}

#[tokio::test]
async fn a_top_up_needs_a_positive_amount_a_future_expiry_a_known_and_limited_quota() {
    let app = spawn_app_at(at("2026-03-01T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    let (status, body) = top_up(&app, &acme, "max_agents", json!({"amount": 0})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["amount"]);
    let (status, body) = top_up(
        &app,
        &acme,
        "max_agents",
        json!({"amount": 1, "expires_at": "2026-03-01T10:00:00Z"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["expires_at"]);
    let (status, _) = top_up(&app, &acme, "no_such_quota", json!({"amount": 1})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    set_limit(&app, &acme, "max_agents", json!(-1)).await;
    let (status, body) = top_up(&app, &acme, "max_agents", json!({"amount": 1})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "quota_unlimited");
    let quota = &entitlements(&app, &acme).await["quotas"]["max_agents"];
    assert_eq!(quota["top_ups"], json!([]));
}

#[tokio::test]
async fn a_top_up_of_a_consumable_quota_counts_in_the_period_it_was_granted_in() {
    let app = spawn_app_at(at("2026-01-15T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "extra_workflow_triggers", json!(2)).await;
    top_up(&app, &acme, "extra_workflow_triggers", json!({"amount": 3})).await;
    let quota = &entitlements(&app, &acme).await["quotas"]["extra_workflow_triggers"];
    assert_eq!(quota["limit"], 5);
    app.clock.set(at("2026-02-01T00:00:00Z"));
    let quota = &entitlements(&app, &acme).await["quotas"]["extra_workflow_triggers"];
    assert_eq!(
        (&quota["limit"], &quota["top_ups"]),
        (&json!(2), &json!([]))
    );
}
