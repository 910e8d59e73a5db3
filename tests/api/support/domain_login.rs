use landlord_tests::*;
use reqwest::StatusCode;
use reqwest::header::HOST;
use serde_json::{Value, json};

async fn hosted() -> TestApp {
    spawn_app_configured(None, |args| {
        args.hosting.base_domain = Some("landlord.test".into());
    })
    .await
}

async fn host_tenant(app: &TestApp, host: &str) -> Value {
    app.client
        .get(app.url("/api/v1/auth/host-tenant"))
        .header(HOST, host)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn login_on(app: &TestApp, host: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header(HOST, host)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_tenant_subdomain_names_the_tenant_and_sign_in_needs_no_tenant_field() {
    let app = hosted().await;
    let acme = app.create_tenant("acme").await;
    assert_eq!(
        host_tenant(&app, "acme.landlord.test:8080").await,
        json!({ "tenant": "acme" })
    );
    assert_eq!(
        host_tenant(&app, "landlord.test").await,
        json!({ "tenant": null })
    );
    assert_eq!(
        host_tenant(&app, "x.acme.landlord.test").await,
        json!({ "tenant": null })
    );

    let response = login_on(
        &app,
        "acme.landlord.test",
        json!({ "username": "owner", "password": acme.password }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let token: Value = response.json().await.unwrap();
    let me = app
        .get_json("/api/v1/auth/me", token["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me["tenant"]["domain"], "acme");

    // The host names acme: the management administrator's credentials are wrong there.
    let wrong = login_on(
        &app,
        "acme.landlord.test",
        json!({ "username": "admin", "password": ADMIN_PASSWORD }),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    // A tenant field still wins over the host.
    let explicit = login_on(
        &app,
        "acme.landlord.test",
        json!({ "tenant": "management", "username": "admin", "password": ADMIN_PASSWORD }),
    )
    .await;
    assert_eq!(explicit.status(), StatusCode::OK);
}

#[tokio::test]
async fn without_a_tenant_named_anywhere_sign_in_answers_422_naming_tenant() {
    let app = hosted().await;
    let response = login_on(
        &app,
        "landlord.test",
        json!({ "username": "admin", "password": ADMIN_PASSWORD }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(response).await), vec!["tenant"]);
    // With no base domain configured no host names a tenant.
    let plain = spawn_app().await;
    assert_eq!(
        host_tenant(&plain, "acme.landlord.test").await,
        json!({ "tenant": null })
    );
}
