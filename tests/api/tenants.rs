use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn creating_a_tenant_returns_it_with_server_assigned_fields() {
    let app = spawn_app().await;
    let body = json!({
        "domain": "acme", "name": "Acme Inc", "type": "company",
        "contact_name": "Wile E.", "contact_email": "wile@Acme.TEST", "contact_phone": "+1 555 0100",
        "admin_username": "owner", "admin_email": "owner@acme.test", "admin_password": "owner-pass-1",
    });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let tenant: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/tenants/{}", tenant["id"]));
    assert_eq!(tenant["status"], "active");
    assert_eq!(tenant["parent_id"], 1);
    assert_eq!(tenant["contact_email"], "wile@acme.test");
    assert_eq!(tenant["allow_subtenants"], false);
    assert!(
        tenant.get("admin_password").is_none(),
        "passwords are write-only"
    );
    assert!(
        tenant.get("admin_password_reset_url").is_none(),
        "no reset link when a password was given"
    );
    let fetched = app.get_json(&location, &app.admin_token).await;
    assert_eq!(fetched["domain"], "acme");
    app.login_ok("acme", "owner", "owner-pass-1").await;
}

#[tokio::test]
async fn every_invalid_field_is_listed_and_nothing_is_stored() {
    let app = spawn_app().await;
    let body = json!({ "domain": "-Bad", "name": "  ", "admin_username": "has space", "admin_email": "nope", "admin_password": "short" });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = problem(response).await;
    assert_eq!(
        problem_fields(&problem),
        [
            "domain",
            "name",
            "admin_username",
            "admin_email",
            "admin_password"
        ]
    );
    assert_eq!(problem["type"], "urn:landlord:problem:validation_failed");
    assert_eq!(app.stored_tenant_count(), 1);
}

#[tokio::test]
async fn domain_rules_are_enforced() {
    let app = spawn_app().await;
    for bad in ["a", "1abc", "abc-", "ab.cd", "ABC", &"a".repeat(64)] {
        let body =
            json!({ "domain": bad, "name": "X", "admin_username": "o", "admin_email": "o@x.test" });
        let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(problem_fields(&problem(response).await), ["domain"]);
    }
}

#[tokio::test]
async fn a_duplicate_domain_is_409_and_nothing_is_stored() {
    let app = spawn_app().await;
    app.create_tenant("acme").await;
    let before = app.stored_tenant_count();
    let body = json!({ "domain": "acme", "name": "Other", "admin_username": "o", "admin_email": "o@other.test" });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem = problem(response).await;
    assert_eq!(problem["code"], "domain_taken");
    assert_eq!(problem_fields(&problem), ["domain"]);
    assert_eq!(app.stored_tenant_count(), before);
    let management = app.post("/api/v1/tenants", &app.admin_token, &json!({ "domain": "management", "name": "M", "admin_username": "o", "admin_email": "o@m.test" })).await;
    assert_eq!(management.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn patch_changes_properties_clears_nullable_ones_and_keeps_the_rest() {
    let app = spawn_app().await;
    let acme = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "acme",
            json!({ "contact_phone": "+44 20 7946 0000" }),
        )
        .await;
    let path = format!("/api/v1/tenants/{}", acme.id);
    let response = app.patch(&path, &app.admin_token, &json!({ "name": "Acme Renamed", "domain": "acme-new", "contact_phone": null, "type": "individual" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let tenant: Value = response.json().await.unwrap();
    assert_eq!(tenant["name"], "Acme Renamed");
    assert_eq!(tenant["domain"], "acme-new");
    assert_eq!(tenant["type"], "individual");
    assert_eq!(tenant["contact_phone"], Value::Null);
    assert_eq!(tenant["admin_username"], "owner");
    assert_eq!(tenant["id"], acme.id);
    app.login_ok("acme-new", "owner", &acme.password).await;
}

#[tokio::test]
async fn admin_username_admin_email_and_id_cannot_be_changed() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}", acme.id);
    let response = app.patch(&path, &app.admin_token, &json!({ "admin_username": "x", "admin_email": "x@y.test", "id": 5, "name": "Changed" })).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = problem(response).await;
    assert_eq!(
        problem_fields(&problem),
        ["id", "admin_username", "admin_email"]
    );
    let tenant = app.get_json(&path, &app.admin_token).await;
    assert_eq!(
        tenant["name"], "acme Ltd",
        "a refused request changes nothing"
    );
}

#[tokio::test]
async fn renaming_to_a_taken_domain_is_409() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    app.create_tenant("globex").await;
    let response = app
        .patch(
            &format!("/api/v1/tenants/{}", acme.id),
            &app.admin_token,
            &json!({ "domain": "globex" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let same = app
        .patch(
            &format!("/api/v1/tenants/{}", acme.id),
            &app.admin_token,
            &json!({ "domain": "acme" }),
        )
        .await;
    assert_eq!(
        same.status(),
        StatusCode::OK,
        "keeping one's own domain is not a conflict"
    );
}

async fn list(app: &TestApp, query: &str) -> Value {
    let response = app
        .get(&format!("/api/v1/tenants?{query}"), &app.admin_token)
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().await.unwrap()
}

fn domains(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["domain"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_list_searches_filters_sorts_and_paginates_with_a_total() {
    let app = spawn_app().await;
    let token = app.admin_token.clone();
    app.create_tenant_as(
        &token,
        "acme",
        json!({ "name": "Acme Corp", "type": "company" }),
    )
    .await;
    app.create_tenant_as(
        &token,
        "bolt",
        json!({ "name": "Bolt Ltd", "type": "company", "contact_email": "ops@ACMEmail.test" }),
    )
    .await;
    app.create_tenant_as(
        &token,
        "cara",
        json!({ "name": "Cara Smith", "type": "individual" }),
    )
    .await;
    app.create_tenant_as(
        &token,
        "dan",
        json!({ "name": "Dan 100%_Jones", "type": "individual" }),
    )
    .await;

    assert_eq!(
        domains(&list(&app, "q=ACME&sort=name").await),
        ["acme", "bolt"],
        "name, domain or email, any case"
    );
    assert_eq!(
        domains(&list(&app, "q=acme&type=company&sort=-name").await),
        ["bolt", "acme"]
    );
    assert_eq!(
        domains(&list(&app, "type=individual&sort=name").await),
        ["cara", "dan"]
    );
    assert_eq!(
        domains(&list(&app, "q=100%25_").await),
        ["dan"],
        "LIKE wildcards match literally"
    );
    assert_eq!(domains(&list(&app, "q=0%25").await), ["dan"]);
    assert!(domains(&list(&app, "q=%25").await).contains(&"dan".to_owned()));
    assert_eq!(domains(&list(&app, "q=_").await), ["dan"]);

    let page = list(&app, "sort=domain&per_page=2&page=2").await;
    assert_eq!(page["total"], 4, "the four customers");
    assert_eq!(page["page"], 2);
    assert_eq!(domains(&page), ["cara", "dan"]);
    let last = list(&app, "sort=domain&per_page=2&page=3&include_self=true").await;
    assert_eq!(
        domains(&last),
        ["management"],
        "and its own tenant when asked for"
    );

    let parent = list(&app, "parent=1&sort=domain").await;
    assert_eq!(parent["total"], 4);
}

#[tokio::test]
async fn a_viewer_may_read_but_not_create_and_nothing_is_stored() {
    let app = spawn_app().await;
    let body = json!({ "username": "watcher", "email": "w@landlord.test", "role": "viewer", "password": "viewer-pass-1" });
    assert_eq!(
        app.post("/api/v1/users", &app.admin_token, &body)
            .await
            .status(),
        StatusCode::CREATED
    );
    let viewer = app.login_ok("management", "watcher", "viewer-pass-1").await;
    assert_eq!(
        app.get("/api/v1/tenants", &viewer).await.status(),
        StatusCode::OK
    );
    let before = app.stored_tenant_count();
    let response = app.post("/api/v1/tenants", &viewer, &json!({ "domain": "sneaky", "name": "S", "admin_username": "o", "admin_email": "o@s.test" })).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let problem = problem(response).await;
    assert_eq!(problem["code"], "missing_permission");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("tenants:create")
    );
    assert_eq!(app.stored_tenant_count(), before);
}

#[tokio::test]
async fn a_manager_may_create_and_suspend_but_not_delete() {
    let app = spawn_app().await;
    let body = json!({ "username": "mgr", "email": "m@landlord.test", "role": "manager", "password": "manager-pass-1" });
    assert_eq!(
        app.post("/api/v1/users", &app.admin_token, &body)
            .await
            .status(),
        StatusCode::CREATED
    );
    let manager = app.login_ok("management", "mgr", "manager-pass-1").await;
    let acme = app.create_tenant_as(&manager, "acme", json!({})).await;
    let suspend = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", acme.id),
            &manager,
            &json!({ "password": "manager-pass-1" }),
        )
        .await;
    assert_eq!(suspend.status(), StatusCode::OK);
    let delete = app
        .delete(&format!("/api/v1/tenants/{}", acme.id), &manager)
        .await;
    assert_eq!(delete.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/api/v1/tenants/{}", acme.id), &manager)
            .await
            .status(),
        StatusCode::OK,
        "still there"
    );
}
