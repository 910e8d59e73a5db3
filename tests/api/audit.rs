use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn log(app: &TestApp, tenant: i64, query: &str) -> Vec<Value> {
    let response = app
        .get(
            &format!("/api/v1/tenants/{tenant}/audit-log?{query}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Value>().await.unwrap()["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn actions(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn every_change_is_recorded_with_actor_request_id_and_before_after() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let tick = || app.clock.advance(chrono::Duration::seconds(1));
    tick();
    let update = app
        .patch(
            &format!("/api/v1/tenants/{}", acme.id),
            &app.admin_token,
            &json!({ "name": "Acme Two" }),
        )
        .await;
    let request_id = update.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    tick();
    app.post(
        &format!("/api/v1/tenants/{}/suspend", acme.id),
        &app.admin_token,
        &json!({ "password": ADMIN_PASSWORD }),
    )
    .await;
    tick();
    app.post(
        &format!("/api/v1/tenants/{}/activate", acme.id),
        &app.admin_token,
        &json!({}),
    )
    .await;
    tick();
    app.login(&acme.domain, "owner", "wrong-pass-1").await;
    tick();
    app.token_for(&acme).await;

    let entries = log(&app, acme.id, "").await;
    assert_eq!(
        actions(&entries),
        [
            "auth.login_succeeded",
            "auth.login_failed",
            "tenant.activated",
            "tenant.suspended",
            "tenant.updated",
            "tenant.created"
        ],
        "newest first"
    );
    let updated = &entries[4];
    assert_eq!(updated["details"]["before"], json!({ "name": "acme Ltd" }));
    assert_eq!(updated["details"]["after"], json!({ "name": "Acme Two" }));
    assert_eq!(updated["actor_username"], "admin");
    assert_eq!(updated["actor_tenant_id"], 1);
    assert_eq!(updated["request_id"], request_id.as_str());
    assert_eq!(entries[3]["details"]["after"]["status"], "suspended");
    assert_eq!(entries[1]["outcome"], "failure");
    assert_eq!(entries[1]["details"]["reason"], "wrong_password");
}

#[tokio::test]
async fn failed_sign_ins_to_unknown_tenants_land_in_the_management_log() {
    let app = spawn_app().await;
    app.login("ghost-town", "someone", "whatever-1").await;
    let entries = log(&app, 1, "").await;
    let failure = entries
        .iter()
        .find(|e| e["action"] == "auth.login_failed")
        .expect("recorded");
    assert_eq!(failure["details"]["reason"], "unknown_tenant");
    assert_eq!(failure["details"]["tenant"], "ghost-town");
}

#[tokio::test]
async fn the_log_reads_by_time_range() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let start = landlord_domain::Clock::now(app.clock.as_ref());
    app.clock.advance(chrono::Duration::hours(1));
    app.patch(
        &format!("/api/v1/tenants/{}", acme.id),
        &app.admin_token,
        &json!({ "name": "Later" }),
    )
    .await;
    let middle =
        (start + chrono::Duration::minutes(30)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let from = format!("from={}", middle.replace('+', "%2B"));
    assert_eq!(
        actions(&log(&app, acme.id, &from).await),
        ["tenant.updated"]
    );
    let to = format!("to={}", middle.replace('+', "%2B"));
    assert_eq!(actions(&log(&app, acme.id, &to).await), ["tenant.created"]);
    let bad = app
        .get(
            &format!("/api/v1/tenants/{}/audit-log?from=yesterday", acme.id),
            &app.admin_token,
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(bad).await), ["from"]);
}

#[tokio::test]
async fn the_log_downloads_as_csv() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    app.patch(
        &format!("/api/v1/tenants/{}", acme.id),
        &app.admin_token,
        &json!({ "name": "Acme, \"Quoted\"" }),
    )
    .await;
    let response = app
        .request(
            reqwest::Method::GET,
            &format!("/api/v1/tenants/{}/audit-log", acme.id),
            Some(&app.admin_token),
        )
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("audit-log.csv")
    );
    let body = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(reader.headers().unwrap().get(2), Some("action"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][2], "tenant.updated");
    let details: Value = serde_json::from_str(&rows[0][10]).unwrap();
    assert_eq!(
        details["after"]["name"], "Acme, \"Quoted\"",
        "quoting round-trips exactly"
    );
}

#[tokio::test]
async fn seeded_customers_carry_the_history_a_real_creation_writes() {
    let app = spawn_app().await;
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || seed_into(&db, 40, 11))
        .await
        .unwrap();
    let page = app
        .get_json(
            "/api/v1/tenants?per_page=100&sort=created_at",
            &app.admin_token,
        )
        .await;
    let mut saw_status_change = false;
    for tenant in page["items"].as_array().unwrap() {
        if tenant["domain"] == "management" {
            continue;
        }
        let id = tenant["id"].as_i64().unwrap();
        let entries = log(&app, id, "per_page=200").await;
        let actions = actions(&entries);
        let count = |action: &str| actions.iter().filter(|a| **a == action).count() as i64;
        assert_eq!(count("tenant.created"), 1, "{}", tenant["domain"]);
        assert_eq!(
            count("order.created"),
            tenant["orders_count"].as_i64().unwrap()
        );
        assert_eq!(
            count("invoice.finalized"),
            tenant["invoices_count"].as_i64().unwrap(),
            "every seeded invoice was finalised by billing"
        );
        assert_eq!(
            count("ticket.created"),
            tenant["tickets_count"].as_i64().unwrap()
        );
        assert_eq!(
            count("user.created"),
            tenant["users_count"].as_i64().unwrap() - 1,
            "the first admin comes with the tenant"
        );
        let created = entries
            .iter()
            .find(|e| e["action"] == "tenant.created")
            .unwrap();
        assert_eq!(
            created["occurred_at"], tenant["created_at"],
            "recorded at the customer's own time"
        );
        assert_eq!(created["actor_username"], "admin");
        assert_eq!(created["target_id"], id.to_string());
        for entry in &entries {
            assert!(
                entry["target_id"].is_string(),
                "every record names its target: {entry}"
            );
        }
        if tenant["status"] != "active" {
            saw_status_change = true;
            let detail = app
                .get_json(&format!("/api/v1/tenants/{id}"), &app.admin_token)
                .await;
            let kind = if tenant["status"] == "suspended" {
                "suspended"
            } else {
                "deactivated"
            };
            let kinds: Vec<&str> = detail["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["kind"].as_str().unwrap())
                .collect();
            assert!(kinds.contains(&kind), "{kinds:?}");
        }
    }
    assert!(
        saw_status_change,
        "the seed has suspended or inactive customers"
    );
}
