use super::{consume, entitlements, send, set_limit};
use landlord_tests::{spawn_another_app, spawn_app, spawn_app_at};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_hard_limit_refuses_with_quota_exceeded_naming_the_quota_and_takes_nothing() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_widgets", json!(3)).await;
    let (status, body) = consume(&app, &acme, "max_widgets", 2).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"used": 2, "limit": 3, "remaining": 1, "overage": 0})
    );
    let (status, body) = consume(&app, &acme, "max_widgets", 2).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "quota_exceeded");
    assert_eq!(
        body["quota"],
        json!({"quota": "max_widgets", "limit": 3, "used": 2, "requested": 2})
    );
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_widgets"]["used"],
        2
    );
    let (status, body) = consume(&app, &acme, "max_widgets", 0).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = consume(&app, &acme, "no_such_quota", 1).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn release_never_takes_usage_below_zero() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    consume(&app, &acme, "max_agents", 3).await;
    let path = format!("/api/v1/tenants/{}/quotas/max_agents/release", acme.id);
    let (status, body) = send(&app, "POST", &path, &json!({ "amount": 2 })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["used"], 1);
    let (_, body) = send(&app, "POST", &path, &json!({ "amount": 5 })).await;
    assert_eq!(body["used"], 0);
}

#[tokio::test]
async fn a_soft_limit_lets_usage_through_and_reports_the_overage() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    // disk_quota is soft in the seeded catalogue.
    set_limit(&app, &acme, "disk_quota", json!(100)).await;
    let (status, body) = consume(&app, &acme, "disk_quota", 150).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"used": 150, "limit": 100, "remaining": 0, "overage": 50})
    );
}

#[tokio::test]
async fn a_lowered_hard_limit_keeps_the_usage_and_refuses_more_until_it_falls_below() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    consume(&app, &acme, "max_agents", 8).await;
    let quota = set_limit(&app, &acme, "max_agents", json!(5)).await;
    assert_eq!(
        (quota["used"].as_i64(), quota["remaining"].as_i64()),
        (Some(8), Some(0))
    );
    assert_eq!(
        consume(&app, &acme, "max_agents", 1).await.0,
        StatusCode::CONFLICT
    );
    let path = format!("/api/v1/tenants/{}/quotas/max_agents/release", acme.id);
    send(&app, "POST", &path, &json!({ "amount": 4 })).await;
    let (status, body) = consume(&app, &acme, "max_agents", 1).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["used"], 5);
}

#[tokio::test]
async fn two_concurrent_consumes_of_the_last_unit_give_exactly_one_success() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_agents", json!(10)).await;
    consume(&app, &acme, "max_agents", 9).await;
    let (a, b) = tokio::join!(
        consume(&app, &acme, "max_agents", 1),
        consume(&app, &acme, "max_agents", 1)
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{a:?} {b:?}"
    );
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_agents"]["used"],
        10
    );
}

#[tokio::test]
async fn two_hundred_consumes_over_two_servers_take_exactly_the_limit() {
    let app = spawn_app().await;
    let other = spawn_another_app(&app).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "max_devices", json!(50)).await;
    let (first, second, token) = (&app, &other, &app.admin_token);
    let path = format!("/api/v1/tenants/{}/quotas/max_devices/consume", acme.id);
    let path = &path;
    let calls = (0..200).map(|i| {
        let server = if i % 2 == 0 { first } else { second };
        async move {
            server
                .post(path, token, &json!({ "amount": 1 }))
                .await
                .status()
        }
    });
    let statuses = futures_util::future::join_all(calls).await;
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((ok, refused), (50, 150), "{statuses:?}");
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_devices"]["used"],
        50
    );
}

#[tokio::test]
async fn a_consumable_quota_starts_again_at_zero_in_a_new_period() {
    let app = spawn_app_at(crate::billing::at("2026-01-15T10:00:00Z")).await;
    let acme = app.create_tenant("acme").await;
    set_limit(&app, &acme, "extra_workflow_triggers", json!(2)).await;
    assert_eq!(
        consume(&app, &acme, "extra_workflow_triggers", 2).await.0,
        StatusCode::OK
    );
    assert_eq!(
        consume(&app, &acme, "extra_workflow_triggers", 1).await.0,
        StatusCode::CONFLICT
    );
    app.clock.set(crate::billing::at("2026-02-01T00:00:00Z"));
    let (status, body) = consume(&app, &acme, "extra_workflow_triggers", 1).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["used"], 1);
    // Allocations do not reset.
    consume(&app, &acme, "max_agents", 1).await;
    app.clock.set(crate::billing::at("2026-03-01T00:00:00Z"));
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_agents"]["used"],
        1
    );
}

#[tokio::test]
async fn a_retried_consume_with_its_idempotency_key_takes_nothing_more() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}/quotas/max_agents/consume", acme.id);
    let body = json!({ "amount": 2, "idempotency_key": "create-agent-1" });
    let (status, first) = send(&app, "POST", &path, &body).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let (status, again) = send(&app, "POST", &path, &body).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, first);
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_agents"]["used"],
        2
    );
    let (status, body) = send(
        &app,
        "POST",
        &path,
        &json!({ "amount": 3, "idempotency_key": "create-agent-1" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "idempotency_key_reused");
    let (status, body) = send(
        &app,
        "POST",
        &path,
        &json!({ "amount": 0, "idempotency_key": "" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        landlord_tests::problem_fields(&body),
        ["amount", "idempotency_key"]
    );
}

#[tokio::test]
async fn a_consumable_quota_resets_with_the_subscription_period_not_the_calendar_month() {
    use crate::billing::{app_at, at, bill, plan, subscribe};
    let app = app_at("2026-01-10T12:00:00Z").await;
    plan(&app, "pro", "USD", json!({"monthly": "20.00"}), None).await;
    let (status, body) = send(
        &app,
        "PATCH",
        "/api/v1/plans/pro",
        &json!({ "quotas": {"extra_workflow_triggers": 2} }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let acme = app.create_tenant("acme").await;
    subscribe(&app, &acme, json!({ "plan": "pro", "cycle": "monthly" })).await;
    assert_eq!(
        consume(&app, &acme, "extra_workflow_triggers", 2).await.0,
        StatusCode::OK
    );
    // A new calendar month inside the same subscription period: still used up.
    app.clock.set(at("2026-02-01T00:00:00Z"));
    assert_eq!(
        consume(&app, &acme, "extra_workflow_triggers", 1).await.0,
        StatusCode::CONFLICT
    );
    // The renewal starts a new period, which starts at 0.
    bill(&app, "2026-02-10T12:00:01Z").await;
    let (status, body) = consume(&app, &acme, "extra_workflow_triggers", 1).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["used"], 1);
}
