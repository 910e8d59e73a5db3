use landlord_tests::{TestApp, spawn_app_at};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

async fn actions(app: &TestApp, tenant: i64) -> Vec<String> {
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{tenant}/audit-log?per_page=100"),
            &app.admin_token,
        )
        .await;
    log["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{log}"))
        .iter()
        .map(|i| i["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_daily_purge_deletes_entries_older_than_a_rule_and_is_audited() {
    let start = chrono::Utc::now();
    let app = spawn_app_at(start).await;
    let acme = app.create_tenant("acme").await;
    let other = app.create_tenant("other").await;
    let r = app
        .put(
            &format!("/api/v1/tenants/{}/retention-rules", acme.id),
            &app.admin_token,
            &json!({"retention_rules": [{"data_type": "audit", "max_age_days": 30}]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let before = actions(&app, acme.id).await;
    assert!(before.contains(&"tenant.created".to_owned()), "{before:?}");

    // A day and a half later, nothing is old enough yet.
    app.clock.set(start + chrono::Duration::hours(36));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(actions(&app, acme.id).await, before);

    // 31 days later the daily purge deletes acme's old entries and records that it did.
    app.clock.set(start + chrono::Duration::days(31));
    let mut after = Vec::new();
    for _ in 0..40 {
        after = actions(&app, acme.id).await;
        if after.contains(&"retention.purged".to_owned()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        after,
        ["retention.purged"],
        "only the purge's own record is left"
    );
    let log = app
        .get_json(
            &format!("/api/v1/tenants/{}/audit-log", acme.id),
            &app.admin_token,
        )
        .await;
    let details: &Value = &log["items"][0]["details"];
    assert_eq!(details["audit"].as_u64().unwrap() as usize, before.len());
    // A tenant without rules keeps everything.
    assert!(
        actions(&app, other.id)
            .await
            .contains(&"tenant.created".to_owned())
    );
}

#[tokio::test]
async fn a_purge_as_of_a_moment_applies_filters_and_wildcards() {
    let start = chrono::Utc::now();
    let app = spawn_app_at(start).await;
    let acme = app.create_tenant("acme").await;
    let beta = app.create_tenant("beta").await;
    // acme keeps everything but `tenant.` entries for 10 days; beta everything for 5.
    for (tenant, rules) in [
        (
            acme.id,
            json!([{"data_type": "audit", "filter": "tenant.", "max_age_days": 10}]),
        ),
        (beta.id, json!([{"data_type": "*", "max_age_days": 5}])),
    ] {
        let r = app
            .put(
                &format!("/api/v1/tenants/{tenant}/retention-rules"),
                &app.admin_token,
                &json!({"retention_rules": rules}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    // An acme login leaves an `auth.` entry, which its filter keeps.
    app.token_for(&acme).await;
    let at = (start + chrono::Duration::days(11)).naive_utc();
    let ctx = landlord_operations::Context::new(None, at, None);
    let db = app.db.clone();
    let purged =
        tokio::task::spawn_blocking(move || landlord_operations::retention::purge(&db, &ctx))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(purged.tenants, 2);
    let acme_left = actions(&app, acme.id).await;
    assert!(
        acme_left.iter().any(|a| a.starts_with("auth.")),
        "{acme_left:?}"
    );
    assert!(
        !acme_left.iter().any(|a| a.starts_with("tenant.")),
        "{acme_left:?}"
    );
    assert!(acme_left.contains(&"retention.purged".to_owned()));
    assert_eq!(actions(&app, beta.id).await, ["retention.purged"]);
}
