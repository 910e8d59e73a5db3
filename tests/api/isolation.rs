//! A tenant sees only its own subtree; everything else is 404, never 403.

use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

struct Tree {
    app: TestApp,
    /// Reseller A may have subtenants; its child A1.
    a: Created,
    a1: Created,
    /// A sibling of A, also a reseller, with its own child B1.
    b: Created,
    b1: Created,
}

async fn tree() -> Tree {
    let app = spawn_app().await;
    let admin = app.admin_token.clone();
    let a = app
        .create_tenant_as(&admin, "alpha", json!({ "allow_subtenants": true }))
        .await;
    let b = app
        .create_tenant_as(&admin, "beta", json!({ "allow_subtenants": true }))
        .await;
    let a_token = app.token_for(&a).await;
    let b_token = app.token_for(&b).await;
    let a1 = app.create_tenant_as(&a_token, "alpha-one", json!({})).await;
    let b1 = app.create_tenant_as(&b_token, "beta-one", json!({})).await;
    Tree { app, a, a1, b, b1 }
}

#[tokio::test]
async fn a_reseller_lists_only_its_own_subtree() {
    let t = tree().await;
    let token = t.app.token_for(&t.a).await;
    let page: Value = t
        .app
        .get("/api/v1/tenants?sort=domain", &token)
        .await
        .json()
        .await
        .unwrap();
    let domains = item_strs(&page, "domain");
    assert_eq!(domains, ["alpha-one"], "its customers, not its own tenant");
    assert_eq!(page["total"], 1);
    assert_eq!(t.a1.body["parent_id"], t.a.id, "the creator is the parent");
}

#[tokio::test]
async fn a_reseller_cannot_read_change_or_delete_a_sibling_or_its_parent() {
    let t = tree().await;
    let app = &t.app;
    let token = app.token_for(&t.a).await;
    for foreign in [t.b.id, t.b1.id, 1] {
        let path = format!("/api/v1/tenants/{foreign}");
        assert_eq!(
            app.get(&path, &token).await.status(),
            StatusCode::NOT_FOUND,
            "read {foreign}"
        );
        assert_eq!(
            app.patch(&path, &token, &json!({ "name": "Pwned" }))
                .await
                .status(),
            StatusCode::NOT_FOUND,
            "patch {foreign}"
        );
        assert_eq!(
            app.delete(&path, &token).await.status(),
            StatusCode::NOT_FOUND,
            "delete {foreign}"
        );
        for op in ["activate", "deactivate"] {
            assert_eq!(
                app.post(&format!("{path}/{op}"), &token, &json!({}))
                    .await
                    .status(),
                StatusCode::NOT_FOUND,
                "{op} {foreign}"
            );
        }
        let suspend = app
            .post(
                &format!("{path}/suspend"),
                &token,
                &json!({ "password": t.a.password }),
            )
            .await;
        assert_eq!(suspend.status(), StatusCode::NOT_FOUND, "suspend {foreign}");
        assert_eq!(
            app.get(&format!("{path}/audit-log"), &token).await.status(),
            StatusCode::NOT_FOUND,
            "audit {foreign}"
        );
        assert_eq!(
            app.get(&format!("/api/v1/users?tenant={foreign}"), &token)
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    }
    // Nothing foreign changed.
    let beta = app
        .get_json(&format!("/api/v1/tenants/{}", t.b.id), &app.admin_token)
        .await;
    assert_eq!(beta["name"], "beta Ltd");
    assert_eq!(beta["status"], "active");
    assert_eq!(app.stored_tenant_count(), 5);
}

#[tokio::test]
async fn a_reseller_manages_its_children_but_may_not_delete_them_or_grant_subtenants() {
    let t = tree().await;
    let app = &t.app;
    let token = app.token_for(&t.a).await;
    let path = format!("/api/v1/tenants/{}", t.a1.id);
    assert_eq!(
        app.patch(&path, &token, &json!({ "name": "Renamed" }))
            .await
            .status(),
        StatusCode::OK
    );
    let suspend = app
        .post(
            &format!("{path}/suspend"),
            &token,
            &json!({ "password": t.a.password }),
        )
        .await;
    assert_eq!(suspend.status(), StatusCode::OK);
    let delete = app.delete(&path, &token).await;
    assert_eq!(delete.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(delete).await["code"], "management_only");
    let grant = app
        .patch(&path, &token, &json!({ "allow_subtenants": true }))
        .await;
    assert_eq!(grant.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem_fields(&problem(grant).await), ["allow_subtenants"]);
}

#[tokio::test]
async fn a_tenant_without_subtenant_permission_cannot_create_any() {
    let t = tree().await;
    let token = t.app.token_for(&t.a1).await;
    let response = t.app.post("/api/v1/tenants", &token, &json!({ "domain": "grandchild", "name": "G", "admin_username": "o", "admin_email": "o@g.test" })).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "subtenants_not_allowed");
}

#[tokio::test]
async fn users_of_other_subtrees_are_invisible() {
    let t = tree().await;
    let app = &t.app;
    let token = app.token_for(&t.a).await;
    let users = app.get_json("/api/v1/users", &token).await;
    let tenants = item_ints(&users, "tenant_id");
    assert!(!tenants.is_empty());
    assert!(
        tenants.iter().all(|id| *id == t.a.id || *id == t.a1.id),
        "{tenants:?}"
    );
    let b_users = app
        .get_json(
            &format!("/api/v1/users?tenant={}", t.b.id),
            &app.admin_token,
        )
        .await;
    let b_admin = b_users["items"][0]["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/users/{b_admin}"), &token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.delete(&format!("/api/v1/users/{b_admin}"), &token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
