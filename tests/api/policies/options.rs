use landlord_tests::{problem, problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_locked_option_refuses_the_tenants_own_changes_but_not_the_management_tenants() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let own = app.token_for(&acme).await;
    let path = format!(
        "/api/v1/tenants/{}/options/access.control/allow_origin",
        acme.id
    );

    // The tenant sets its own option, but may not lock it.
    let r = app.put(&path, &own, &json!({"value": "*"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .put(&path, &own, &json!({"value": "*", "locked": true}))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let p = problem(r).await;
    assert_eq!(p["code"], "management_only");
    assert_eq!(problem_fields(&p), ["locked"]);

    // The management tenant locks it.
    let r = app
        .put(
            &path,
            &app.admin_token,
            &json!({"value": "https://acme.test", "locked": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["locked"], true);

    // Now the tenant's changes and deletion answer 403 option_locked, and nothing changed.
    let r = app.put(&path, &own, &json!({"value": "evil"})).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(r).await["code"], "option_locked");
    let r = app.delete(&path, &own).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(r).await["code"], "option_locked");
    let stored = app.get_json(&path, &own).await;
    assert_eq!(stored["value"], "https://acme.test");
    assert_eq!(stored["locked"], true);

    // The management tenant still changes it, and the list shows it.
    let r = app
        .put(&path, &app.admin_token, &json!({"value": "x"}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let list = app
        .get_json(&format!("/api/v1/tenants/{}/options", acme.id), &own)
        .await;
    assert_eq!(list[0]["value"], "x");
    assert_eq!(list[0]["locked"], true, "an absent `locked` keeps the lock");
    let r = app.delete(&path, &app.admin_token).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.get(&path, &own).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn credentials_are_stored_encrypted_and_never_answered_in_clear() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!(
        "/api/v1/tenants/{}/options/mail/credentials.password",
        acme.id
    );
    let r = app
        .put(&path, &app.admin_token, &json!({"value": "hunter2-secret"}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["value"], Value::Null);
    assert_eq!(body["encrypted"], true);
    let read = app.get_json(&path, &app.admin_token).await;
    assert_eq!(read["value"], Value::Null);
    assert_eq!(read["encrypted"], true);
    let list = app
        .get_json(
            &format!("/api/v1/tenants/{}/options", acme.id),
            &app.admin_token,
        )
        .await;
    assert!(!list.to_string().contains("hunter2"));

    // The stored value is not the clear text.
    let row = app
        .db
        .read(|conn| {
            landlord_persistence::policies::find_option(
                conn,
                acme.id,
                "mail",
                "credentials.password",
            )
        })
        .unwrap()
        .unwrap();
    assert!(row.encrypted);
    assert!(!row.value.contains("hunter2"));
    assert!(row.value.len() > 20);
}

#[tokio::test]
async fn options_are_scoped_and_checked() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let other = app.create_tenant("other").await;
    let own = app.token_for(&acme).await;
    // Another tenant's options are not found.
    let r = app
        .put(
            &format!("/api/v1/tenants/{}/options/a/b", other.id),
            &own,
            &json!({"value": "1"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // A malformed key and an oversized value name their fields.
    let r = app
        .put(
            &format!("/api/v1/tenants/{}/options/a/Bad%20Key", acme.id),
            &own,
            &json!({"value": "1"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(r).await), ["key"]);
    let r = app
        .put(
            &format!("/api/v1/tenants/{}/options/a/b", acme.id),
            &own,
            &json!({"value": "x".repeat(10_001)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(r).await), ["value"]);
    let r = app
        .put(
            &format!("/api/v1/tenants/{}/options/a/b", acme.id),
            &own,
            &json!({"value": 5}),
        )
        .await;
    assert!(r.status().is_client_error());
}
