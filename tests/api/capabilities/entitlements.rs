use super::{entitlements, send, set_limit};
use landlord_tests::{problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn limits_come_from_the_override_else_the_plan_else_the_default() {
    let app = spawn_app().await;
    let plan = json!({ "code": "pro", "name": "Pro", "currency": "USD", "prices": {"monthly": "20.00"},
        "features": ["contacts"], "quotas": {"max_agents": 25} });
    assert_eq!(
        send(&app, "POST", "/api/v1/plans", &plan).await.0,
        StatusCode::CREATED
    );
    let acme = app.create_tenant("acme").await;
    let before = entitlements(&app, &acme).await;
    assert_eq!(
        before["features"]["contacts"],
        json!({"enabled": false, "source": "default"})
    );
    assert_eq!(before["quotas"]["max_agents"]["limit"], 10);
    assert_eq!(before["quotas"]["max_agents"]["source"], "default");

    let response = app
        .put(
            &format!("/api/v1/tenants/{}/subscription", acme.id),
            &app.admin_token,
            &json!({ "plan": "pro", "cycle": "monthly" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let on_plan = entitlements(&app, &acme).await;
    assert_eq!(
        on_plan["features"]["contacts"],
        json!({"enabled": true, "source": "plan"})
    );
    let agents = &on_plan["quotas"]["max_agents"];
    assert_eq!(
        (agents["limit"].as_i64(), agents["source"].as_str()),
        (Some(25), Some("plan"))
    );
    assert_eq!(agents["remaining"], 25);
    assert_eq!(agents["hard"], true);
    assert_eq!(agents["top_ups"], json!([]));

    let quota = set_limit(&app, &acme, "max_agents", json!(-1)).await;
    assert_eq!(
        (quota["limit"].as_i64(), quota["source"].as_str()),
        (Some(-1), Some("override"))
    );
    assert_eq!(quota["remaining"], json!(null), "unlimited");
    let (status, feature) = send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/features/contacts", acme.id),
        &json!({ "enabled": false }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{feature}");
    assert_eq!(feature, json!({"enabled": false, "source": "override"}));

    // null removes the overrides: the plan decides again.
    set_limit(&app, &acme, "max_agents", json!(null)).await;
    send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/features/contacts", acme.id),
        &json!({ "enabled": null }),
    )
    .await;
    let after = entitlements(&app, &acme).await;
    assert_eq!(after["features"]["contacts"]["source"], "plan");
    assert_eq!(after["quotas"]["max_agents"]["source"], "plan");

    let (status, body) = send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/quotas/max_agents", acme.id),
        &json!({ "override": -5 }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["override"]);
    let (status, body) = send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/features/contacts", acme.id),
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), ["enabled"]);
    let (status, _) = send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/quotas/no_such_quota", acme.id),
        &json!({ "override": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_parent_can_only_grant_features_it_has_itself() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let reseller_token = app.token_for(&reseller).await;
    let child = app
        .create_tenant_as(&reseller_token, "child", json!({}))
        .await;
    let path = format!("/api/v1/tenants/{}/features/help_center", child.id);
    let response = app
        .patch(&path, &reseller_token, &json!({ "enabled": true }))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "feature_not_held");
    assert_eq!(problem_fields(&body), ["enabled"]);
    assert_eq!(
        entitlements(&app, &child).await["features"]["help_center"]["enabled"],
        false
    );

    let (status, _) = send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/features/help_center", reseller.id),
        &json!({ "enabled": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let response = app
        .patch(&path, &reseller_token, &json!({ "enabled": true }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        entitlements(&app, &child).await["features"]["help_center"],
        json!({"enabled": true, "source": "override"})
    );
    // Taking it from the reseller takes it from its subtree too.
    send(
        &app,
        "PATCH",
        &format!("/api/v1/tenants/{}/features/help_center", reseller.id),
        &json!({ "enabled": false }),
    )
    .await;
    assert_eq!(
        entitlements(&app, &child).await["features"]["help_center"]["enabled"],
        false
    );
    // A tenant cannot change its own features.
    let response = app
        .patch(
            &format!("/api/v1/tenants/{}/features/contacts", reseller.id),
            &reseller_token,
            &json!({ "enabled": true }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn entitlements_carry_a_strong_etag_and_answer_304_while_unchanged() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}/entitlements", acme.id);
    let first = app.get(&path, &app.admin_token).await;
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "{etag}");
    let again = app
        .client
        .get(app.url(&path))
        .bearer_auth(&app.admin_token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    super::consume(&app, &acme, "max_agents", 1).await;
    let changed = app
        .client
        .get(app.url(&path))
        .bearer_auth(&app.admin_token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    let body: serde_json::Value = changed.json().await.unwrap();
    assert_eq!(body["quotas"]["max_agents"]["used"], 1);
}
