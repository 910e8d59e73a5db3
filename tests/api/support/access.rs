use chrono::{DateTime, Duration, SecondsFormat, Utc};
use landlord_tests::landlord_domain::Clock;
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn support_login(
    app: &TestApp,
    tenant: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "tenant": tenant, "username": username, "password": password, "support": true }))
        .send()
        .await
        .unwrap()
}

async fn support_token(app: &TestApp, tenant: &str) -> String {
    let response = support_login(app, tenant, "admin", ADMIN_PASSWORD).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        status,
        StatusCode::OK,
        "support sign-in to {tenant}: {body}"
    );
    body["access_token"].as_str().unwrap().to_owned()
}

fn path(tenant: &Created) -> String {
    format!("/api/v1/tenants/{}/support-access", tenant.id)
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

async fn status_seen_by_management(app: &TestApp, tenant: &Created) -> Value {
    let detail = app
        .get_json(&format!("/api/v1/tenants/{}", tenant.id), &app.admin_token)
        .await;
    detail["support_access"].clone()
}

#[tokio::test]
async fn a_grant_lasts_24_hours_by_default_and_the_management_tenant_sees_it() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let owner = app.token_for(&acme).await;
    let before = status_seen_by_management(&app, &acme).await;
    assert_eq!(
        before,
        json!({ "status": "disabled", "active_requests": 0, "expires_at": null })
    );

    let response = app.post(&path(&acme), &owner, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let granted: Value = response.json().await.unwrap();
    let expected_expiry = app.clock.now() + Duration::hours(24);
    assert_eq!(granted["status"], "enabled");
    assert_eq!(granted["active_requests"], 1);
    let expiry: DateTime<Utc> = granted["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(expiry.timestamp(), expected_expiry.timestamp());
    assert_eq!(status_seen_by_management(&app, &acme).await, granted);

    // A second grant without limit: two requests, and the expiry shown is "no limit".
    let unlimited: Value = app
        .post(&path(&acme), &owner, &json!({ "expires_at": null }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        unlimited,
        json!({ "status": "enabled", "active_requests": 2, "expires_at": null })
    );
    // The tenant sees its own status; a tenant's view of itself carries no support_access.
    assert_eq!(app.get_json(&path(&acme), &owner).await, unlimited);
    let own_detail = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &owner)
        .await;
    assert_eq!(own_detail["support_access"], Value::Null);
}

#[tokio::test]
async fn a_support_user_signs_in_with_access_and_every_action_names_them() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let owner = app.token_for(&acme).await;

    // No grant yet: refused, and the refusal is audited in the management tenant's log.
    let refused = support_login(&app, "acme", "admin", ADMIN_PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(refused).await["code"], "support_access_denied");

    assert_eq!(
        app.post(&path(&acme), &owner, &json!({})).await.status(),
        StatusCode::OK
    );
    let support = support_token(&app, "acme").await;
    let me = app.get_json("/api/v1/auth/me", &support).await;
    assert_eq!(me["tenant"]["domain"], "acme");
    assert_eq!(me["user"]["username"], "admin");

    // The support session acts in acme: it edits the profile as acme's administrator would.
    let response = app
        .patch(
            &format!("/api/v1/tenants/{}", acme.id),
            &support,
            &json!({ "name": "Acme Fixed By Support" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // It sees acme only: the management tenant is not in its subtree.
    let management = app.get_json("/api/v1/auth/me", &app.admin_token).await["tenant"]["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/tenants/{management}"), &support)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // It cannot extend its own access.
    let own_grant = app.post(&path(&acme), &support, &json!({})).await;
    assert_eq!(own_grant.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(own_grant).await["code"], "support_session");

    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log?per_page=200", acme.id),
            &app.admin_token,
        )
        .await;
    let items = log["items"].as_array().unwrap();
    let update = items
        .iter()
        .find(|e| e["action"] == "tenant.updated")
        .expect("the support user's edit is audited");
    assert_eq!(update["actor_username"], "admin");
    assert_eq!(update["actor_tenant_id"], management);
    assert_eq!(update["details"]["support"]["username"], "admin");
    assert_eq!(update["details"]["support"]["tenant_id"], management);
    assert_eq!(
        update["details"]["support"]["on_behalf_of"],
        json!({ "tenant_id": acme.id, "domain": "acme" })
    );
    let login = items
        .iter()
        .find(|e| e["action"] == "auth.login_succeeded" && e["details"]["support"].is_object())
        .expect("the support sign-in is in acme's log");
    assert_eq!(login["actor_tenant_id"], management);
    let grant = items
        .iter()
        .find(|e| e["action"] == "support_access.granted")
        .expect("the grant is audited");
    assert_eq!(grant["actor_username"], "owner");
}

#[tokio::test]
async fn an_expired_grant_stops_the_support_session_on_its_next_request() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let owner = app.token_for(&acme).await;
    let expires = app.clock.now() + Duration::minutes(30);
    let granted: Value = app
        .post(
            &path(&acme),
            &owner,
            &json!({ "expires_at": rfc3339(expires) }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(granted["status"], "enabled");
    let support = support_token(&app, "acme").await;
    assert_eq!(
        app.get("/api/v1/auth/me", &support).await.status(),
        StatusCode::OK
    );

    app.clock.advance(Duration::minutes(31));
    // The token itself is still valid for the better part of an hour; the grant is not.
    assert_eq!(
        app.get("/api/v1/auth/me", &support).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        status_seen_by_management(&app, &acme).await,
        json!({ "status": "disabled", "active_requests": 0, "expires_at": null })
    );
    let again = support_login(&app, "acme", "admin", ADMIN_PASSWORD).await;
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
    // The tenant's own administrator is unaffected.
    assert_eq!(
        app.get("/api/v1/auth/me", &owner).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn revoking_stops_the_support_session_on_its_next_request() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let owner = app.token_for(&acme).await;
    app.post(&path(&acme), &owner, &json!({ "expires_at": null }))
        .await;
    app.post(&path(&acme), &owner, &json!({})).await;
    let support = support_token(&app, "acme").await;
    assert_eq!(
        app.get("/api/v1/auth/me", &support).await.status(),
        StatusCode::OK
    );

    let response = app.delete(&path(&acme), &owner).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({ "status": "disabled", "active_requests": 0, "expires_at": null })
    );
    assert_eq!(
        app.get("/api/v1/auth/me", &support).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log", acme.id),
            &app.admin_token,
        )
        .await;
    let revoked = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "support_access.revoked")
        .expect("the revocation is audited")
        .clone();
    assert_eq!(revoked["details"]["revoked_requests"], 2);
}

#[tokio::test]
async fn the_platform_switch_off_refuses_support_sign_in_and_stops_running_sessions() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let owner = app.token_for(&acme).await;
    app.post(&path(&acme), &owner, &json!({})).await;
    let support = support_token(&app, "acme").await;
    assert_eq!(
        app.get_json("/api/v1/support-access/settings", &app.admin_token)
            .await,
        json!({ "enabled": true })
    );

    let off = app
        .put(
            "/api/v1/support-access/settings",
            &app.admin_token,
            &json!({ "enabled": false }),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/auth/me", &support).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let refused = support_login(&app, "acme", "admin", ADMIN_PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // Seed 003: off at platform level shows Disabled, the tenant's requests still counted.
    assert_eq!(
        status_seen_by_management(&app, &acme).await["status"],
        "disabled"
    );
    assert_eq!(
        status_seen_by_management(&app, &acme).await["active_requests"],
        1
    );
    // Only the management tenant has the switch.
    let denied = app
        .put(
            "/api/v1/support-access/settings",
            &owner,
            &json!({ "enabled": true }),
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);

    app.put(
        "/api/v1/support-access/settings",
        &app.admin_token,
        &json!({ "enabled": true }),
    )
    .await;
    assert_eq!(
        status_seen_by_management(&app, &acme).await["status"],
        "enabled"
    );
    support_token(&app, "acme").await;
}

#[tokio::test]
async fn only_the_tenants_own_administrators_grant_and_bad_input_names_the_field() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let owner = app.token_for(&acme).await;

    // The management tenant cannot grant itself access to a customer.
    let by_parent = app.post(&path(&acme), &app.admin_token, &json!({})).await;
    assert_eq!(by_parent.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(by_parent).await["code"], "own_tenant_only");
    // Another tenant's id is not found.
    let other = app.create_tenant("other").await;
    let response = app.post(&path(&other), &owner, &json!({})).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let past = rfc3339(app.clock.now() - Duration::minutes(1));
    for (body, field) in [
        (json!({ "expires_at": past }), "expires_at"),
        (json!({ "expires_at": "tomorrow" }), "expires_at"),
        (json!({ "until": null }), "until"),
    ] {
        let response = app.post(&path(&acme), &owner, &body).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        let problem = problem(response).await;
        assert_eq!(
            problem_fields(&problem),
            vec![field.to_owned()],
            "{problem}"
        );
    }
    // Nothing was granted by the refused requests.
    assert_eq!(
        app.get_json(&path(&acme), &owner).await["active_requests"],
        0
    );
    // A wrong password is the same 401 as any other.
    let wrong = support_login(&app, "acme", "admin", "wrong-pass-1").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    // acme's owner is no support user of the management tenant.
    app.post(&path(&acme), &owner, &json!({})).await;
    let not_support = support_login(&app, "acme", "owner", &acme.password).await;
    assert_eq!(not_support.status(), StatusCode::UNAUTHORIZED);
}
