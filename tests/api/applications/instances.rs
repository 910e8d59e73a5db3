use super::{application_audit, create, microservice, subscription, tenant_applications, web};
use landlord_tests::{Created, TestApp, problem, problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn report(tenant: Value, active: i64, unhealthy: i64, desired: i64, names: &[&str]) -> Value {
    let instances: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({ "name": n, "restarts": i }))
        .collect();
    json!({ "tenant": tenant, "active": active, "unhealthy": unhealthy, "desired": desired,
        "instances": instances })
}

async fn put_report(app: &TestApp, token: &str, key: &str, body: &Value) -> (StatusCode, Value) {
    let response = app
        .put(
            &format!("/api/v1/applications/{key}/instances"),
            token,
            body,
        )
        .await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn subscribe(app: &TestApp, tenant: &Created, key: &str) {
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/applications/{key}", tenant.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

async fn status_of(app: &TestApp, tenant: &Created, key: &str) -> Value {
    let apps = tenant_applications(app, tenant).await;
    subscription(&apps, key).clone()
}

#[tokio::test]
async fn the_status_follows_the_runtimes_reports() {
    let app = spawn_app().await;
    create(&app, microservice("simulator", "per_tenant")).await;
    let acme = app.create_tenant("acme").await;
    subscribe(&app, &acme, "simulator").await;
    assert_eq!(status_of(&app, &acme, "simulator").await["status"], "down");

    let token = app.admin_token.clone();
    let body = report(json!(acme.id), 2, 0, 2, &["sim-acme-1", "sim-acme-2"]);
    let (status, stored) = put_report(&app, &token, "simulator", &body).await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    assert_eq!(stored["status"], "up");
    assert_eq!(stored["tenant_id"], acme.id);
    let seen = status_of(&app, &acme, "simulator").await;
    assert_eq!(seen["status"], "up");
    assert_eq!(seen["instances"]["active"], 2);
    assert_eq!(seen["instances"]["desired"], 2);
    assert_eq!(
        seen["instances"]["instances"],
        json!([{ "name": "sim-acme-1", "restarts": 0 }, { "name": "sim-acme-2", "restarts": 1 }])
    );

    // Named by domain as well as by id; each report replaces the last.
    for (active, unhealthy, desired, expected) in [
        (1, 0, 2, "unhealthy"),
        (2, 1, 2, "unhealthy"),
        (0, 2, 2, "down"),
        (1, 0, 1, "up"),
    ] {
        let body = report(json!("acme"), active, unhealthy, desired, &["sim-acme-1"]);
        let (status, stored) = put_report(&app, &token, "simulator", &body).await;
        assert_eq!(status, StatusCode::OK, "{stored}");
        assert_eq!(stored["status"], expected);
        assert_eq!(
            status_of(&app, &acme, "simulator").await["status"],
            expected
        );
    }
}

#[tokio::test]
async fn every_change_in_the_number_of_instances_is_audited() {
    let app = spawn_app().await;
    create(&app, microservice("simulator", "per_tenant")).await;
    create(&app, microservice("gateway", "multi_tenant")).await;
    let acme = app.create_tenant("acme").await;
    let beta = app.create_tenant("beta").await;
    for tenant in [&acme, &beta] {
        subscribe(&app, tenant, "simulator").await;
        subscribe(&app, tenant, "gateway").await;
    }
    let token = app.admin_token.clone();
    for names in [&["a"][..], &["a"], &["a", "b"], &["a", "b"], &["b"]] {
        let body = report(json!(acme.id), names.len() as i64, 0, 2, names);
        let (status, _) = put_report(&app, &token, "simulator", &body).await;
        assert_eq!(status, StatusCode::OK);
    }
    let audit = application_audit(&app, acme.id).await;
    let changes: Vec<(i64, i64)> = audit
        .iter()
        .filter(|(action, _, _)| action == "application.instances_changed")
        .map(|(_, key, d)| {
            assert_eq!(key, "simulator");
            (d["before"].as_i64().unwrap(), d["after"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(changes, [(0, 1), (1, 2), (2, 1)]);
    // Per tenant: beta's instances are its own.
    assert_eq!(status_of(&app, &beta, "simulator").await["status"], "down");

    // A multi-tenant microservice's instances serve every subscriber; the change is the
    // owner's to record.
    let body = report(Value::Null, 1, 0, 1, &["gw-1"]);
    let (status, _) = put_report(&app, &token, "gateway", &body).await;
    assert_eq!(status, StatusCode::OK);
    for tenant in [&acme, &beta] {
        assert_eq!(status_of(&app, tenant, "gateway").await["status"], "up");
    }
    let owner = application_audit(&app, 1).await;
    let last = owner.last().unwrap();
    assert_eq!(last.0, "application.instances_changed");
    assert_eq!(last.1, "gateway");
    assert_eq!(last.2["tenant_id"], Value::Null);
    assert_eq!(last.2["after"], 1);
    assert!(
        application_audit(&app, beta.id)
            .await
            .iter()
            .all(|(action, _, _)| action != "application.instances_changed")
    );
}

#[tokio::test]
async fn only_the_owner_reports_and_each_report_is_checked() {
    let app = spawn_app().await;
    create(&app, microservice("simulator", "per_tenant")).await;
    create(&app, microservice("gateway", "multi_tenant")).await;
    create(&app, web("cockpit")).await;
    let acme = app.create_tenant("acme").await;
    let idle = app.create_tenant("idle").await;
    subscribe(&app, &acme, "simulator").await;
    let admin = app.admin_token.clone();
    let ok = report(json!(acme.id), 1, 0, 1, &["sim-1"]);

    // The owner's service token with the scope reports; another scope does not.
    let token = |scopes: Value| {
        let app = &app;
        async move {
            let response = app
                .post(
                    "/api/v1/service-tokens",
                    &app.admin_token,
                    &json!({ "name": "runtime", "scopes": scopes }),
                )
                .await;
            assert_eq!(response.status(), StatusCode::CREATED);
            let body: Value = response.json().await.unwrap();
            body["token"].as_str().unwrap().to_owned()
        }
    };
    let runtime = token(json!(["applications:report"])).await;
    let (status, body) = put_report(&app, &runtime, "simulator", &ok).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let metering = token(json!(["usage:write"])).await;
    let (status, body) = put_report(&app, &metering, "simulator", &ok).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "missing_permission");
    // A subscriber's administrator sees the application but does not own it.
    let acme_token = app.token_for(&acme).await;
    let (status, body) = put_report(&app, &acme_token, "simulator", &ok).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "not_owner");
    let (status, _) = put_report(&app, &admin, "nothing", &ok).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let refused = |body: Value, key: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let response = app
                .put(
                    &format!("/api/v1/applications/{key}/instances"),
                    &admin,
                    &body,
                )
                .await;
            let status = response.status();
            (status, problem(response).await)
        }
    };
    let (status, body) = refused(report(Value::Null, 1, 0, 1, &[]), "simulator").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&body), ["tenant"]);
    let (status, body) = refused(report(json!(idle.id), 1, 0, 1, &[]), "simulator").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "not_subscribed");
    let (status, body) = refused(report(json!("nobody"), 1, 0, 1, &[]), "simulator").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "unknown_tenant");
    let (status, body) = refused(report(json!(acme.id), 1, 0, 1, &[]), "gateway").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&body), ["tenant"]);
    let (status, body) = refused(report(json!(acme.id), 1001, -1, 1, &[""]), "simulator").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_fields(&body),
        ["active", "unhealthy", "instances[0].name"]
    );
    let (status, body) = refused(report(Value::Null, 1, 0, 1, &[]), "cockpit").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "not_a_microservice");

    // The refusals left the stored report as the runtime last sent it.
    let seen = status_of(&app, &acme, "simulator").await;
    assert_eq!(
        seen["instances"]["instances"],
        json!([{ "name": "sim-1", "restarts": 0 }])
    );
}
