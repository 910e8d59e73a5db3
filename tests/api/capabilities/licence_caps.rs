//! Licence caps: the sum of the top-level tenants' limits never exceeds a quota's licence
//! number, wherever a limit changes, and the views say what is left.

use super::{entitlements, override_of, send, set_limit};
use landlord_tests::{TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn set_cap(app: &TestApp, key: &str, cap: Value) -> (StatusCode, Value) {
    send(
        app,
        "PATCH",
        &format!("/api/v1/quota-definitions/{key}"),
        &json!({ "licence_cap": cap }),
    )
    .await
}

async fn definition(app: &TestApp, key: &str) -> Value {
    let (_, page) = send(
        app,
        "GET",
        "/api/v1/quota-definitions?per_page=100",
        &json!({}),
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn the_licence_caps_the_sum_of_the_tenants_limits_and_says_what_is_left() {
    let app = spawn_app().await;
    // max_ai_agents defaults to 1: two tenants hold 2.
    let acme = app.create_tenant("acme").await;
    let beta = app.create_tenant("beta").await;
    let (status, body) = set_cap(&app, "max_ai_agents", json!(1)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "licence_cap_exceeded");
    assert_eq!(
        body["cap"],
        json!({"quota": "max_ai_agents", "tenant_id": null, "cap": 1, "allocated": 2, "available": 0, "requested": 2})
    );
    assert_eq!(
        definition(&app, "max_ai_agents").await["licence_cap"],
        json!(null)
    );

    let (status, body) = set_cap(&app, "max_ai_agents", json!(5)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["licence"],
        json!({"cap": 5, "allocated": 2, "available": 3})
    );
    assert_eq!(
        definition(&app, "max_ai_agents").await["licence"],
        json!({"cap": 5, "allocated": 2, "available": 3})
    );
    assert!(
        definition(&app, "max_agents")
            .await
            .get("licence")
            .is_none()
    );

    // 5 + 1 would be 6: refused, and nothing changed.
    let (status, body) = override_of(&app, &acme, "max_ai_agents", json!(5)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "licence_cap_exceeded");
    assert_eq!(
        body["cap"],
        json!({"quota": "max_ai_agents", "tenant_id": null, "cap": 5, "allocated": 2, "available": 3, "requested": 6})
    );
    assert!(
        body["detail"].as_str().unwrap().contains("3 left"),
        "{body}"
    );
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_ai_agents"]["limit"],
        1
    );
    // Unlimited is never allowed under a cap.
    let (status, body) = override_of(&app, &acme, "max_ai_agents", json!(-1)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["cap"]["requested"], json!(null));

    let quota = set_limit(&app, &acme, "max_ai_agents", json!(4)).await;
    assert_eq!(
        quota["licence"],
        json!({"cap": 5, "allocated": 5, "available": 0})
    );
    let beta_quota = &entitlements(&app, &beta).await["quotas"]["max_ai_agents"];
    assert_eq!(
        beta_quota["licence"],
        json!({"cap": 5, "allocated": 5, "available": 0})
    );

    // A new tenant's default limit counts too: refused, and no tenant is left behind.
    let tenants = app.stored_tenant_count();
    let response = app
        .post(
            "/api/v1/tenants",
            &app.admin_token,
            &json!({ "domain": "gamma", "name": "Gamma", "admin_username": "owner",
                     "admin_email": "owner@gamma.test", "admin_password": "gamma-pass-1" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "licence_cap_exceeded", "{body}");
    assert_eq!(app.stored_tenant_count(), tenants);

    // Lowering a limit frees room; deleting a tenant frees its limit.
    set_limit(&app, &acme, "max_ai_agents", json!(3)).await;
    app.create_tenant("gamma").await;
    let response = app
        .delete(&format!("/api/v1/tenants/{}", beta.id), &app.admin_token)
        .await;
    assert!(response.status().is_success());
    assert_eq!(
        definition(&app, "max_ai_agents").await["licence"],
        json!({"cap": 5, "allocated": 4, "available": 1})
    );
    // A new quota's default counts for every top-level tenant (acme and gamma: 2 x 3).
    let new_quota = |cap: i64| {
        json!({ "key": "max_bots", "name": "Bots", "unit": "bots",
        "kind": "allocation", "default_limit": 3, "hard": true, "licence_cap": cap })
    };
    let (status, body) = send(&app, "POST", "/api/v1/quota-definitions", &new_quota(5)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["cap"]["allocated"], 6);
    let (status, body) = send(&app, "POST", "/api/v1/quota-definitions", &new_quota(10)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        body["licence"],
        json!({"cap": 10, "allocated": 6, "available": 4})
    );
    // Lowering the cap below what is held is refused; removing it is not.
    assert_eq!(
        set_cap(&app, "max_ai_agents", json!(3)).await.0,
        StatusCode::CONFLICT
    );
    let (status, body) = set_cap(&app, "max_ai_agents", json!(null)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.get("licence").is_none());
}

#[tokio::test]
async fn plans_cannot_take_tenants_past_the_licence() {
    let app = spawn_app().await;
    for (code, limit) in [("small", 2), ("big", 10)] {
        let plan = json!({ "code": code, "name": code, "currency": "USD", "prices": {"monthly": "20.00"},
            "quotas": {"max_ai_agents": limit} });
        assert_eq!(
            send(&app, "POST", "/api/v1/plans", &plan).await.0,
            StatusCode::CREATED
        );
    }
    let acme = app.create_tenant("acme").await;
    assert_eq!(
        set_cap(&app, "max_ai_agents", json!(5)).await.0,
        StatusCode::OK
    );
    let subscribe = |plan: &str| json!({ "plan": plan, "cycle": "monthly" });
    let path = format!("/api/v1/tenants/{}/subscription", acme.id);
    let response = app.put(&path, &app.admin_token, &subscribe("big")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "licence_cap_exceeded", "{body}");
    assert_eq!(
        app.get(&path, &app.admin_token).await.status(),
        StatusCode::NOT_FOUND
    );

    let response = app.put(&path, &app.admin_token, &subscribe("small")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        entitlements(&app, &acme).await["quotas"]["max_ai_agents"]["licence"]["allocated"],
        2
    );

    // Raising the plan's value raises its subscribers' limits: past the licence, refused.
    let (status, body) = send(
        &app,
        "PATCH",
        "/api/v1/plans/small",
        &json!({ "quotas": {"max_ai_agents": 6} }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["cap"]["requested"], 6);
    let (_, plan) = send(&app, "GET", "/api/v1/plans/small", &json!({})).await;
    assert_eq!(plan["quotas"], json!({"max_ai_agents": 2}));
    let (status, _) = send(
        &app,
        "PATCH",
        "/api/v1/plans/small",
        &json!({ "quotas": {"max_ai_agents": 5} }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // A new tenant created with a plan counts with the plan's value.
    let response = app
        .post(
            "/api/v1/tenants",
            &app.admin_token,
            &json!({ "domain": "beta", "name": "Beta", "admin_username": "owner",
                     "admin_email": "owner@beta.test", "admin_password": "beta-pass-1",
                     "plan": "small", "cycle": "monthly" }),
        )
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
}

#[tokio::test]
async fn concurrent_overrides_that_fit_alone_but_not_together_do_not_both_succeed() {
    let app = spawn_app().await;
    let mut tenants = Vec::new();
    for i in 0..8 {
        tenants.push(app.create_tenant(&format!("t{i}")).await);
    }
    // Eight tenants hold 1 each; each asks for 3 at once: 8 + 2k <= 20 lets exactly 6 in.
    assert_eq!(
        set_cap(&app, "max_ai_agents", json!(20)).await.0,
        StatusCode::OK
    );
    let other = app.sibling();
    let calls = tenants.iter().enumerate().map(|(i, t)| {
        let server = if i % 2 == 0 { &app } else { &other };
        override_of(server, t, "max_ai_agents", json!(3))
    });
    let answers = futures_util::future::join_all(calls).await;
    let ok = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    let refused: Vec<&Value> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .map(|(_, b)| b)
        .collect();
    assert_eq!((ok, refused.len()), (6, 2), "{answers:?}");
    assert!(refused.iter().all(|b| b["code"] == "licence_cap_exceeded"));
    assert_eq!(
        definition(&app, "max_ai_agents").await["licence"],
        json!({"cap": 20, "allocated": 20, "available": 0})
    );
}
