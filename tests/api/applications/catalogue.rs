use super::{application_audit, create, create_as, microservice, reseller, web};
use landlord_tests::{item_strs, problem, problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn applications_are_created_listed_and_their_keys_are_unique() {
    let app = spawn_app().await;
    let cockpit = create(
        &app,
        json!({ "key": "cockpit", "name": "Cockpit", "type": "web", "default": true }),
    )
    .await;
    assert_eq!(cockpit["type"], "web");
    assert_eq!(cockpit["owner_tenant_id"], 1);
    assert_eq!(cockpit["default"], true);
    assert_eq!(cockpit["billing_mode"], Value::Null);
    assert_eq!(cockpit["cpu_millicores"], Value::Null);
    let reports = create(
        &app,
        json!({ "key": "reports", "name": "Reports", "type": "microservice",
            "billing_mode": "subscription", "isolation": "per_tenant",
            "subscription_price": { "amount": "9.90", "currency": "EUR" } }),
    )
    .await;
    assert_eq!(reports["billing_mode"], "subscription");
    assert_eq!(reports["isolation"], "per_tenant");
    assert_eq!(reports["cpu_millicores"], 500);
    assert_eq!(reports["memory_mb"], 512);
    assert_eq!(
        reports["subscription_price"],
        json!({ "amount": "9.90", "currency": "EUR" })
    );
    let simulator = create(
        &app,
        json!({ "key": "simulator", "name": "Simulator",
        "type": "microservice" }),
    )
    .await;
    assert_eq!(simulator["billing_mode"], "resources");
    assert_eq!(simulator["isolation"], "multi_tenant");

    let list = app.get_json("/api/v1/applications", &app.admin_token).await;
    assert_eq!(item_strs(&list, "key"), ["cockpit", "reports", "simulator"]);
    assert_eq!(list["total"], 3);

    let response = app
        .post("/api/v1/applications", &app.admin_token, &web("cockpit"))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = problem(response).await;
    assert_eq!(body["code"], "key_taken");
    assert_eq!(problem_fields(&body), ["key"]);
    let list = app.get_json("/api/v1/applications", &app.admin_token).await;
    assert_eq!(list["total"], 3);

    let audit = application_audit(&app, 1).await;
    let created: Vec<&str> = audit.iter().map(|(_, key, _)| key.as_str()).collect();
    assert_eq!(created, ["cockpit", "reports", "simulator"]);
    assert!(
        audit
            .iter()
            .all(|(action, _, _)| action == "application.created")
    );
    assert_eq!(audit[1].2["after"]["subscription_price"]["amount"], "9.90");
}

#[tokio::test]
async fn every_invalid_field_is_named_and_nothing_is_stored() {
    let app = spawn_app().await;
    for (body, fields) in [
        (
            json!({ "key": "Bad Key", "name": " ", "type": "microservice",
                "cpu_millicores": 0, "memory_mb": 2_000_000 }),
            vec!["key", "name", "cpu_millicores", "memory_mb"],
        ),
        (
            json!({ "key": "web", "name": "Web", "type": "web", "billing_mode": "resources",
                "isolation": "per_tenant" }),
            vec!["billing_mode", "isolation"],
        ),
        (
            json!({ "key": "paid", "name": "Paid", "type": "microservice",
                "billing_mode": "subscription" }),
            vec!["subscription_price"],
        ),
        (
            json!({ "key": "metered", "name": "Metered", "type": "microservice",
                "subscription_price": { "amount": "1.00", "currency": "EUR" } }),
            vec!["subscription_price"],
        ),
        (
            json!({ "key": "yen", "name": "Yen", "type": "web",
                "subscription_price": { "amount": "1.50", "currency": "JPY" } }),
            vec!["subscription_price.amount"],
        ),
        (
            json!({ "key": "nobody", "name": "Nobody", "type": "web",
                "owner_tenant_id": 999_999 }),
            vec!["owner_tenant_id"],
        ),
    ] {
        let response = app
            .post("/api/v1/applications", &app.admin_token, &body)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        let problem = problem(response).await;
        assert_eq!(problem["code"], "validation_failed");
        assert_eq!(problem_fields(&problem), fields, "{body}");
    }
    let response = app
        .post(
            "/api/v1/applications",
            &app.admin_token,
            &json!({ "key": "x", "name": "X", "type": "desktop" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let list = app.get_json("/api/v1/applications", &app.admin_token).await;
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn only_tenants_that_may_have_subtenants_own_applications() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let acme_token = app.token_for(&acme).await;
    let response = app
        .post("/api/v1/applications", &acme_token, &web("own"))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "subtenants_not_allowed");
    // Nor may the management tenant make it their owner.
    let mut body = web("theirs");
    body["owner_tenant_id"] = json!(acme.id);
    let response = app
        .post("/api/v1/applications", &app.admin_token, &body)
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        problem_fields(&problem(response).await),
        ["owner_tenant_id"]
    );

    let (shop, shop_token) = reseller(&app, "shop").await;
    let own = create_as(&app, &shop_token, web("shop-portal")).await;
    assert_eq!(own["owner_tenant_id"], shop.id);
    let mut body = web("for-shop");
    body["owner_tenant_id"] = json!(shop.id);
    assert_eq!(create(&app, body).await["owner_tenant_id"], shop.id);
    // A tenant without subtenants still reads its ancestors' catalogue (empty here).
    assert_eq!(
        app.get_json("/api/v1/applications", &acme_token).await["total"],
        0
    );
}

#[tokio::test]
async fn a_tenant_sees_the_applications_of_itself_and_its_ancestors_only() {
    let app = spawn_app().await;
    create(&app, web("platform")).await;
    let (_shop, shop_token) = reseller(&app, "shop").await;
    create_as(&app, &shop_token, microservice("shop-sim", "per_tenant")).await;
    let (_other, other_token) = reseller(&app, "other").await;
    let customer = app
        .create_tenant_as(&shop_token, "customer", json!({}))
        .await;
    let customer_token = app.token_for(&customer).await;

    let seen = |list: Value| -> Vec<String> {
        item_strs(&list, "key")
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        seen(app.get_json("/api/v1/applications", &customer_token).await),
        ["platform", "shop-sim"]
    );
    assert_eq!(
        seen(app.get_json("/api/v1/applications", &shop_token).await),
        ["platform", "shop-sim"]
    );
    assert_eq!(
        seen(app.get_json("/api/v1/applications", &other_token).await),
        ["platform"]
    );
    assert_eq!(
        seen(app.get_json("/api/v1/applications", &app.admin_token).await),
        ["platform"]
    );
}
