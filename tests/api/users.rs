use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_first_administrator_cannot_be_deleted_but_other_users_can() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let users = app
        .get_json(
            &format!("/api/v1/users?tenant={}", acme.id),
            &app.admin_token,
        )
        .await;
    let first_admin = &users["items"][0];
    assert_eq!(first_admin["is_first_admin"], true);
    assert_eq!(first_admin["role"], "admin");

    let response = app
        .delete(
            &format!("/api/v1/users/{}", first_admin["id"]),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(problem(response).await["code"], "first_admin");
    app.token_for(&acme).await;

    let created = app
        .post(
            "/api/v1/users",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "username": "temp", "email": "temp@acme.test" }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let temp: Value = created.json().await.unwrap();
    assert_eq!(temp["role"], "member");
    assert_eq!(
        app.delete(&format!("/api/v1/users/{}", temp["id"]), &app.admin_token)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/api/v1/users/{}", temp["id"]), &app.admin_token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn usernames_are_unique_within_a_tenant_only() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let body = json!({ "tenant_id": acme.id, "username": "owner", "email": "x@acme.test" });
    let response = app.post("/api/v1/users", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(problem_fields(&problem(response).await), ["username"]);
    let elsewhere = app
        .post(
            "/api/v1/users",
            &app.admin_token,
            &json!({ "username": "owner", "email": "x@landlord.test" }),
        )
        .await;
    assert_eq!(elsewhere.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_member_can_sign_in_but_manage_nothing() {
    let app = spawn_app().await;
    let body =
        json!({ "username": "plain", "email": "p@landlord.test", "password": "member-pass-1" });
    assert_eq!(
        app.post("/api/v1/users", &app.admin_token, &body)
            .await
            .status(),
        StatusCode::CREATED
    );
    let token = app.login_ok("management", "plain", "member-pass-1").await;
    assert_eq!(
        app.get("/api/v1/auth/me", &token).await.status(),
        StatusCode::OK
    );
    for path in [
        "/api/v1/tenants",
        "/api/v1/users",
        "/api/v1/tenants/1/audit-log",
    ] {
        assert_eq!(
            app.get(path, &token).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_user_names_their_tenant_on_list_and_get() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let created: Value = app
        .post(
            "/api/v1/users",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "username": "casey", "email": "casey@acme.test" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(created["tenant_name"], "acme Ltd");
    app.patch(
        &format!("/api/v1/tenants/{}", acme.id),
        &app.admin_token,
        &json!({ "name": "Acme Renamed" }),
    )
    .await;

    let page = app
        .get_json("/api/v1/users?per_page=200", &app.admin_token)
        .await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "the management admin and acme's two users");
    for user in items {
        let expected = if user["tenant_id"] == acme.id {
            "Acme Renamed"
        } else {
            "Management"
        };
        assert_eq!(user["tenant_name"], expected, "{user}");
        let fetched = app
            .get_json(&format!("/api/v1/users/{}", user["id"]), &app.admin_token)
            .await;
        assert_eq!(&fetched, user, "get answers as the list");
    }
    let me = app.get_json("/api/v1/auth/me", &app.admin_token).await;
    assert_eq!(me["user"]["tenant_name"], me["tenant"]["name"]);
}
