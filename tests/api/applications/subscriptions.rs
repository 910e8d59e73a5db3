use super::{
    application_audit, create, create_as, event_types, keys, microservice, reseller, subscription,
    tenant_applications, tenant_applications_as, web,
};
use landlord_tests::{problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_new_tenant_is_subscribed_to_the_default_applications_when_it_is_created() {
    let app = spawn_app().await;
    let before = app.create_tenant("before").await;
    let mut cockpit = web("cockpit");
    cockpit["default"] = json!(true);
    create(&app, cockpit).await;
    create(&app, web("extras")).await;
    let (shop, shop_token) = reseller(&app, "shop").await;
    let mut portal = web("shop-portal");
    portal["default"] = json!(true);
    create_as(&app, &shop_token, portal).await;

    let acme = app.create_tenant("acme").await;
    let apps = tenant_applications(&app, &acme).await;
    assert_eq!(apps["tenant_id"], acme.id);
    assert_eq!(keys(&apps["subscribed"]), ["cockpit"]);
    assert_eq!(keys(&apps["available"]), ["extras"]);
    assert_eq!(subscription(&apps, "cockpit")["status"], Value::Null);
    // In the creation's transaction: recorded and published with it, after tenant.created.
    let audit = application_audit(&app, acme.id).await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "application.subscribed");
    assert_eq!(audit[0].1, "cockpit");
    assert_eq!(
        event_types(&app, acme.id)[..2],
        ["application.subscribed", "tenant.created"]
    );
    // The provisioning pipeline reports the step as done.
    let pipeline = app
        .get_json(
            &format!("/api/v1/tenants/{}/provisioning", acme.id),
            &app.admin_token,
        )
        .await;
    let step = pipeline["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "subscribe_applications")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(step["status"], "succeeded", "{pipeline}");

    // A tenant created before the default is not subscribed after the fact.
    assert_eq!(
        keys(&tenant_applications(&app, &before).await["subscribed"]),
        Vec::<String>::new()
    );
    // The reseller's customers get both its own defaults and its ancestors'.
    let customer = app
        .create_tenant_as(&shop_token, "customer", json!({}))
        .await;
    let apps = tenant_applications_as(&app, &shop_token, customer.id).await;
    assert_eq!(keys(&apps["subscribed"]), ["cockpit", "shop-portal"]);
    // The reseller has its ancestor's default, and may subscribe to its own application.
    let apps = tenant_applications(&app, &shop).await;
    assert_eq!(keys(&apps["subscribed"]), ["cockpit"]);
    assert_eq!(keys(&apps["available"]), ["extras", "shop-portal"]);
}

#[tokio::test]
async fn subscribing_and_unsubscribing_are_recorded_and_published() {
    let app = spawn_app().await;
    create(&app, web("cockpit")).await;
    create(&app, microservice("simulator", "per_tenant")).await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}/applications/simulator", acme.id);

    let response = app.post(&path, &app.admin_token, &json!({})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["application"]["key"], "simulator");
    assert_eq!(body["status"], "down");
    assert_eq!(body["instances"], Value::Null);
    // Subscribing again changes nothing: 200 with the same subscription, nothing recorded.
    app.clock.advance(chrono::Duration::minutes(5));
    let response = app.post(&path, &app.admin_token, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let again: Value = response.json().await.unwrap();
    assert_eq!(again["subscribed_at"], body["subscribed_at"]);

    let apps = tenant_applications(&app, &acme).await;
    assert_eq!(keys(&apps["subscribed"]), ["simulator"]);
    assert_eq!(keys(&apps["available"]), ["cockpit"]);

    let response = app.delete(&path, &app.admin_token).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app.delete(&path, &app.admin_token).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let apps = tenant_applications(&app, &acme).await;
    assert_eq!(keys(&apps["subscribed"]), Vec::<String>::new());
    assert_eq!(keys(&apps["available"]), ["cockpit", "simulator"]);

    let audit = application_audit(&app, acme.id).await;
    let actions: Vec<(&str, &str)> = audit
        .iter()
        .map(|(a, k, _)| (a.as_str(), k.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("application.subscribed", "simulator"),
            ("application.unsubscribed", "simulator")
        ]
    );
    let events = event_types(&app, acme.id);
    assert_eq!(
        events[..2],
        ["application.unsubscribed", "application.subscribed"]
    );
    let stored = app
        .db
        .read(|c| landlord_persistence::events::for_tenant(c, acme.id, 1))
        .unwrap();
    let payload: Value = serde_json::from_str(&stored[0].payload).unwrap();
    assert_eq!(payload["data"]["object"]["tenant_id"], acme.id);
    assert_eq!(payload["data"]["object"]["application"]["key"], "simulator");
}

#[tokio::test]
async fn subscriptions_stay_within_the_callers_subtree() {
    let app = spawn_app().await;
    let (shop, shop_token) = reseller(&app, "shop").await;
    let (_other, other_token) = reseller(&app, "other").await;
    create_as(&app, &shop_token, web("shop-portal")).await;
    create_as(&app, &other_token, web("other-portal")).await;
    let customer = app
        .create_tenant_as(&shop_token, "customer", json!({}))
        .await;
    let path = |key: &str| format!("/api/v1/tenants/{}/applications/{key}", customer.id);

    // A neighbour reseller: the customer does not exist for it.
    let response = app
        .get(
            &format!("/api/v1/tenants/{}/applications", customer.id),
            &other_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = app
        .post(&path("shop-portal"), &other_token, &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // An application owned outside the tenant's ancestry is not available to it.
    let response = app
        .post(&path("other-portal"), &shop_token, &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(problem(response).await["code"], "not_found");
    // A tenant's parent subscribes it, not the tenant itself.
    let response = app
        .post(
            &format!("/api/v1/tenants/{}/applications/shop-portal", shop.id),
            &shop_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(response).await["code"], "own_tenant");
    // Nothing was stored by the refusals.
    let apps = tenant_applications_as(&app, &shop_token, customer.id).await;
    assert_eq!(keys(&apps["subscribed"]), Vec::<String>::new());
    assert_eq!(application_audit(&app, customer.id).await.len(), 0);

    let response = app
        .post(&path("shop-portal"), &shop_token, &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}
