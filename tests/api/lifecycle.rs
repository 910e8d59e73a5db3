use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn suspend(app: &TestApp, id: i64, password: &str) -> reqwest::Response {
    app.post(
        &format!("/api/v1/tenants/{id}/suspend"),
        &app.admin_token,
        &json!({ "password": password }),
    )
    .await
}

#[tokio::test]
async fn suspending_needs_the_operators_own_password() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let response = suspend(&app, acme.id, "not-my-password-1").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem_fields(&problem(response).await), ["password"]);
    let missing = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(missing).await), ["password"]);
    let tenant = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(tenant["status"], "active");
}

#[tokio::test]
async fn suspension_blocks_sign_in_and_live_tokens_of_the_whole_subtree_until_activated() {
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
    let child_token = app.token_for(&child).await;

    let response = suspend(&app, reseller.id, ADMIN_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap()["status"],
        "suspended"
    );

    for token in [&reseller_token, &child_token] {
        assert_eq!(
            app.get("/api/v1/auth/me", token).await.status(),
            StatusCode::UNAUTHORIZED,
            "live tokens stop working"
        );
    }
    for tenant in [&reseller, &child] {
        let response = app
            .login(&tenant.domain, &tenant.admin, &tenant.password)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{} cannot sign in",
            tenant.domain
        );
        assert_eq!(
            problem(response).await["detail"],
            "the tenant is suspended or inactive"
        );
    }
    let child_row = app
        .get_json(&format!("/api/v1/tenants/{}", child.id), &app.admin_token)
        .await;
    assert_eq!(
        child_row["status"], "active",
        "the child's own status is untouched; its ancestor blocks it"
    );

    let again = suspend(&app, reseller.id, ADMIN_PASSWORD).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(problem(again).await["code"], "invalid_transition");

    let activate = app
        .post(
            &format!("/api/v1/tenants/{}/activate", reseller.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(activate.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/auth/me", &child_token).await.status(),
        StatusCode::OK,
        "access and data are back"
    );
    app.token_for(&reseller).await;
}

#[tokio::test]
async fn deactivated_tenants_are_blocked_and_can_be_activated() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let token = app.token_for(&acme).await;
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/deactivate", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(
        response.json::<Value>().await.unwrap()["status"],
        "inactive"
    );
    assert_eq!(
        app.get("/api/v1/auth/me", &token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let activate = app
        .post(
            &format!("/api/v1/tenants/{}/activate", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(activate.status(), StatusCode::OK);
    let twice = app
        .post(
            &format!("/api/v1/tenants/{}/activate", acme.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn deleting_a_tenant_removes_its_subtree_users_and_logs_in_one_go() {
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
    let sibling = app.create_tenant("sibling").await;
    assert_eq!(app.stored_tenant_count(), 4);

    let response = app
        .delete(
            &format!("/api/v1/tenants/{}", reseller.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.stored_tenant_count(),
        2,
        "reseller and child are gone, management and sibling stay"
    );
    for id in [reseller.id, child.id] {
        assert_eq!(
            app.get(&format!("/api/v1/tenants/{id}"), &app.admin_token)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        app.login("child", "owner", &child.password).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/auth/me", &reseller_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let users = app.get_json("/api/v1/users", &app.admin_token).await;
    let tenants_with_users = item_ints(&users, "tenant_id");
    assert!(
        tenants_with_users
            .iter()
            .all(|id| *id == 1 || *id == sibling.id)
    );
    let log = app
        .get_json("/api/v1/tenants/1/audit-log", &app.admin_token)
        .await;
    let deletion = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "tenant.deleted")
        .expect("the deletion is in the parent's log");
    assert_eq!(deletion["target_id"], reseller.id.to_string());
    assert_eq!(deletion["details"]["tenants_deleted"], 2);
}

#[tokio::test]
async fn a_tenant_cannot_manage_itself_and_the_management_tenant_cannot_be_removed() {
    let app = spawn_app().await;
    let response = app.delete("/api/v1/tenants/1", &app.admin_token).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "own_tenant");
    let suspend = app
        .post(
            "/api/v1/tenants/1/suspend",
            &app.admin_token,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert_eq!(suspend.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.stored_tenant_count(), 1);
}
