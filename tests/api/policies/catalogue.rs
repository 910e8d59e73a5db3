use landlord_tests::{TestApp, item_strs, problem, problem_fields, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn standard() -> Value {
    json!({
        "name": "Standard",
        "description": "Our usual subtenant",
        "options": [
            {"category": "access.control", "key": "allow_origin", "value": "*", "locked": true},
            {"category": "mail", "key": "credentials.password", "value": "pw-secret-1"}
        ],
        "retention_rules": [
            {"data_type": "audit", "max_age_days": 90},
            {"data_type": "usage_events", "filter": "api_calls", "max_age_days": 30}
        ]
    })
}

async fn create_policy(app: &TestApp, body: &Value) -> Value {
    let r = app
        .post("/api/v1/tenant-policies", &app.admin_token, body)
        .await;
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

#[tokio::test]
async fn policies_are_listed_duplicated_edited_and_deleted() {
    let app = spawn_app().await;
    let policy = create_policy(&app, &standard()).await;
    assert_eq!(policy["options_count"], 2);
    assert_eq!(policy["retention_rules_count"], 2);
    let secret = policy["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == "credentials.password")
        .unwrap();
    assert_eq!(secret["value"], Value::Null);
    assert_eq!(secret["encrypted"], true);

    let id = policy["id"].as_i64().unwrap();
    let r = app
        .post(
            &format!("/api/v1/tenant-policies/{id}/duplicate"),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let copy: Value = r.json().await.unwrap();
    assert_eq!(copy["name"], "Standard (copy)");
    assert_eq!(copy["options_count"], 2);
    assert_eq!(copy["retention_rules_count"], 2);

    let list = app
        .get_json("/api/v1/tenant-policies", &app.admin_token)
        .await;
    assert_eq!(item_strs(&list, "name"), ["Standard", "Standard (copy)"]);
    assert_eq!(list["items"][0]["options_count"], 2);
    assert_eq!(list["items"][0]["description"], "Our usual subtenant");

    // A taken name is a conflict on `name`.
    let mut renamed = standard();
    renamed["name"] = json!("Standard");
    let copy_id = copy["id"].as_i64().unwrap();
    let r = app
        .put(
            &format!("/api/v1/tenant-policies/{copy_id}"),
            &app.admin_token,
            &renamed,
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(problem_fields(&problem(r).await), ["name"]);

    renamed["name"] = json!("Lean");
    renamed["options"] = json!([]);
    let r = app
        .put(
            &format!("/api/v1/tenant-policies/{copy_id}"),
            &app.admin_token,
            &renamed,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let edited: Value = r.json().await.unwrap();
    assert_eq!(edited["options_count"], 0);

    let r = app
        .delete(
            &format!("/api/v1/tenant-policies/{copy_id}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .get(
            &format!("/api/v1/tenant-policies/{copy_id}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_bad_policy_names_every_offending_field() {
    let app = spawn_app().await;
    let r = app
        .post(
            "/api/v1/tenant-policies",
            &app.admin_token,
            &json!({
                "name": "",
                "options": [{"category": "Bad", "key": "k", "value": "v"}],
                "retention_rules": []
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_fields(&problem(r).await),
        ["name", "options[0].category", "retention_rules"]
    );
    let r = app
        .post(
            "/api/v1/tenant-policies",
            &app.admin_token,
            &json!({
                "name": "X",
                "retention_rules": [{"data_type": "*", "filter": "a", "max_age_days": 0}]
            }),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_fields(&problem(r).await),
        [
            "retention_rules[0].filter",
            "retention_rules[0].max_age_days"
        ]
    );
    // An unknown policy at creation is a 422 on `policy`; link_policy needs one.
    let body = json!({"domain": "acme", "name": "Acme", "admin_username": "owner",
        "admin_email": "owner@acme.test", "policy": 999_999});
    let r = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(r).await), ["policy"]);
    assert_eq!(app.stored_tenant_count(), 1, "nothing was created");
    let body = json!({"domain": "acme", "name": "Acme", "admin_username": "owner",
        "admin_email": "owner@acme.test", "link_policy": true});
    let r = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(r).await), ["policy"]);
}

fn drift<'a>(state: &'a Value, key: &str) -> &'a Value {
    state["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == key)
        .unwrap_or_else(|| panic!("{key} in {state}"))
}

#[tokio::test]
async fn a_copied_tenant_keeps_its_policy_while_a_linked_one_follows_it() {
    let app = spawn_app().await;
    let policy = create_policy(&app, &standard()).await;
    let id = policy["id"].as_i64().unwrap();
    let copied = app
        .create_tenant_as(&app.admin_token.clone(), "copied", json!({"policy": id}))
        .await;
    let linked = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "linked",
            json!({"policy": id, "link_policy": true}),
        )
        .await;

    // Both got the options (the credential decrypts to the same value) and rules.
    for tenant in [&copied, &linked] {
        let state = app
            .get_json(
                &format!("/api/v1/tenants/{}/policy", tenant.id),
                &app.admin_token,
            )
            .await;
        assert_eq!(state["in_sync"], true, "{state}");
        assert_eq!(state["policy"]["name"], "Standard");
        let options = app
            .get_json(
                &format!("/api/v1/tenants/{}/options", tenant.id),
                &app.admin_token,
            )
            .await;
        assert_eq!(options.as_array().unwrap().len(), 2);
        let rules = app
            .get_json(
                &format!("/api/v1/tenants/{}/retention-rules", tenant.id),
                &app.admin_token,
            )
            .await;
        assert_eq!(rules["retention_rules"].as_array().unwrap().len(), 2);
    }

    // Editing the policy changes the linked tenant only.
    let mut edited = standard();
    edited["options"][0]["value"] = json!("https://example.test");
    edited["retention_rules"] = json!([{"data_type": "audit", "max_age_days": 30}]);
    let r = app
        .put(
            &format!("/api/v1/tenant-policies/{id}"),
            &app.admin_token,
            &edited,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let linked_option = app
        .get_json(
            &format!(
                "/api/v1/tenants/{}/options/access.control/allow_origin",
                linked.id
            ),
            &app.admin_token,
        )
        .await;
    assert_eq!(linked_option["value"], "https://example.test");
    let linked_state = app
        .get_json(
            &format!("/api/v1/tenants/{}/policy", linked.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(linked_state["linked"], true);
    assert_eq!(linked_state["in_sync"], true, "{linked_state}");

    let copied_option = app
        .get_json(
            &format!(
                "/api/v1/tenants/{}/options/access.control/allow_origin",
                copied.id
            ),
            &app.admin_token,
        )
        .await;
    assert_eq!(copied_option["value"], "*");

    // The copied tenant's drift view shows where it now differs.
    let state = app
        .get_json(
            &format!("/api/v1/tenants/{}/policy", copied.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(state["linked"], false);
    assert_eq!(state["in_sync"], false);
    let origin = drift(&state, "allow_origin");
    assert_eq!(origin["status"], "changed");
    assert_eq!(origin["policy_value"], "https://example.test");
    assert_eq!(origin["tenant_value"], "*");
    assert_eq!(drift(&state, "credentials.password")["status"], "same");
    let statuses: Vec<_> = state["retention_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["data_type"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(statuses, [("audit", "changed"), ("usage_events", "added")]);

    // Re-apply brings it in line.
    let r = app
        .post(
            &format!("/api/v1/tenants/{}/policy/reapply", copied.id),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let state: Value = r.json().await.unwrap();
    assert_eq!(state["in_sync"], true, "{state}");
    assert_eq!(state["linked"], false);

    // A tenant's own change (not locked) shows as drift; a changed credential too.
    let own = app.token_for(&copied).await;
    let r = app
        .put(
            &format!(
                "/api/v1/tenants/{}/options/mail/credentials.password",
                copied.id
            ),
            &own,
            &json!({"value": "another"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let state = app
        .get_json(&format!("/api/v1/tenants/{}/policy", copied.id), &own)
        .await;
    let secret = drift(&state, "credentials.password");
    assert_eq!(secret["status"], "changed");
    assert_eq!(secret["tenant_value"], Value::Null);
    // The tenant cannot re-apply to itself.
    let r = app
        .post(
            &format!("/api/v1/tenants/{}/policy/reapply", copied.id),
            &own,
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The creation was audited with the policy.
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log", copied.id),
            &app.admin_token,
        )
        .await;
    assert!(log.to_string().contains("tenant.policy_applied"), "{log}");
}
