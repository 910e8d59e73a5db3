//! Tenant settings (issue 13): web address, support and billing emails, company size,
//! country, time zone, language and the first administrator's first name. Each is checked
//! against its real code list, editable by the parent and by the tenant's own
//! administrator (its profile only), audited, and exported.

use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn settings() -> Value {
    json!({
        "web_address": "acme.example",
        "support_email": "help@acme.example",
        "billing_email": "billing@acme.example",
        "company_size": "51-200",
        "country": "de",
        "time_zone": "Europe/Berlin",
        "language": "en-gb",
        "admin_first_name": "Ada",
    })
}

/// The settings as stored: normalised where the parser normalises.
fn stored() -> Value {
    json!({
        "web_address": "https://acme.example",
        "support_email": "help@acme.example",
        "billing_email": "billing@acme.example",
        "company_size": "51-200",
        "country": "DE",
        "time_zone": "Europe/Berlin",
        "language": "en-GB",
        "admin_first_name": "Ada",
    })
}

fn pick(tenant: &Value) -> Value {
    let keys = stored();
    let keys = keys.as_object().unwrap().keys();
    keys.map(|k| (k.clone(), tenant[k].clone()))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[tokio::test]
async fn settings_given_at_creation_are_stored_normalised_and_shown() {
    let app = spawn_app().await;
    let acme = app
        .create_tenant_as(&app.admin_token.clone(), "acme", settings())
        .await;
    assert_eq!(pick(&acme.body), stored(), "{}", acme.body);
    let read = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(pick(&read), stored());
}

#[tokio::test]
async fn each_invalid_setting_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}", acme.id);
    let bad = [
        ("web_address", json!("not a url")),
        ("web_address", json!("ftp://acme.example")),
        ("support_email", json!("nope")),
        ("billing_email", json!("@acme.example")),
        ("company_size", json!("a few")),
        ("country", json!("XX")),
        ("country", json!("DEU")),
        ("time_zone", json!("Mars/Olympus")),
        ("time_zone", json!("europe/berlin")),
        ("language", json!("klingon")),
        ("language", json!("xx-YY")),
        ("admin_first_name", json!("A\u{7}da")),
    ];
    for (field, value) in bad {
        let response = app
            .patch(&path, &app.admin_token, &json!({ field: value }))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {value}"
        );
        let problem = problem(response).await;
        if field != "company_size" {
            assert_eq!(problem_fields(&problem), [field], "{problem}");
        }
        let create = app
            .post(
                "/api/v1/tenants",
                &app.admin_token,
                &json!({
                    "domain": "other", "name": "Other", "admin_username": "o",
                    "admin_email": "o@other.test", field: value,
                }),
            )
            .await;
        assert_eq!(
            create.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "create {field}: {value}"
        );
    }
    let after = app.get_json(&path, &app.admin_token).await;
    assert_eq!(
        after["updated_at"], acme.body["updated_at"],
        "nothing changed"
    );
}

#[tokio::test]
async fn valid_settings_are_accepted_and_null_clears_them() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let path = format!("/api/v1/tenants/{}", acme.id);
    let good = [
        ("web_address", json!("http://acme.example:8080/about")),
        ("country", json!("gb")),
        ("time_zone", json!("America/Argentina/Buenos_Aires")),
        ("time_zone", json!("Etc/GMT+1")),
        ("language", json!("zh-hant-tw")),
        ("language", json!("es-419")),
        ("company_size", json!("5001+")),
        ("admin_first_name", json!("Grace")),
    ];
    for (field, value) in good {
        let response = app
            .patch(&path, &app.admin_token, &json!({ field: value }))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{field}: {value}");
    }
    let tenant = app.get_json(&path, &app.admin_token).await;
    assert_eq!(tenant["language"], "es-419");
    assert_eq!(tenant["country"], "GB");
    let cleared: Value = app
        .patch(
            &path,
            &app.admin_token,
            &json!({ "time_zone": null, "language": "", "company_size": null }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["time_zone"], Value::Null);
    assert_eq!(cleared["language"], Value::Null);
    assert_eq!(cleared["company_size"], Value::Null);
}

#[tokio::test]
async fn a_tenants_own_admin_edits_its_profile_but_not_its_lifecycle_or_hierarchy() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let token = app.token_for(&acme).await;
    let path = format!("/api/v1/tenants/{}", acme.id);
    let mine = app.get_json(&path, &token).await;
    assert!(
        mine["allowed_actions"]
            .as_array()
            .unwrap()
            .contains(&json!("update_profile")),
        "{mine}"
    );
    let mut profile = settings();
    profile["name"] = json!("Acme Group");
    let edited = app.patch(&path, &token, &profile).await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(pick(&edited), stored());
    assert_eq!(edited["name"], "Acme Group");

    let before = app.get_json(&path, &app.admin_token).await;
    for (field, value) in [
        ("domain", json!("acme-two")),
        ("type", json!("individual")),
        ("billing_payment_method", json!("Visa 4242")),
        ("allow_subtenants", json!(true)),
    ] {
        let response = app
            .patch(&path, &token, &json!({ field: value, "country": "FR" }))
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{field}");
        let problem = problem(response).await;
        assert!(
            ["own_tenant", "management_only"].contains(&problem["code"].as_str().unwrap()),
            "{problem}"
        );
    }
    for verb in ["suspend", "deactivate"] {
        let response = app
            .post(
                &format!("{path}/{verb}"),
                &token,
                &json!({ "password": acme.password }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{verb}");
        assert_eq!(problem(response).await["code"], "own_tenant");
    }
    let delete = app.delete(&path, &token).await;
    assert_eq!(delete.status(), StatusCode::FORBIDDEN);
    let after = app.get_json(&path, &app.admin_token).await;
    assert_eq!(after, before, "the refused changes changed nothing");
    assert_eq!(after["status"], "active");
}

#[tokio::test]
async fn setting_changes_are_audited_with_before_and_after() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let token = app.token_for(&acme).await;
    let path = format!("/api/v1/tenants/{}", acme.id);
    let response = app
        .patch(&path, &token, &json!({ "time_zone": "Asia/Tokyo" }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let log = app
        .get_json(&format!("{path}/audit-log"), &app.admin_token)
        .await;
    let text = log.to_string();
    assert!(text.contains("tenant.updated"), "{log}");
    assert!(text.contains("Asia/Tokyo"), "{log}");
}

#[tokio::test]
async fn the_export_has_a_column_for_each_setting() {
    let app = spawn_app().await;
    let acme = app
        .create_tenant_as(&app.admin_token.clone(), "acme", settings())
        .await;
    let columns = "domain,web_address,support_email,billing_email,company_size,country,time_zone,language,admin_first_name";
    let response = app
        .get(
            &format!("/api/v1/tenants/export?columns={columns}"),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap().trim_start_matches('\u{feff}'),
        columns
    );
    let row = lines
        .find(|l| l.starts_with(&acme.domain))
        .unwrap_or_else(|| panic!("{csv}"));
    assert_eq!(
        row,
        "acme,https://acme.example,help@acme.example,billing@acme.example,51-200,DE,Europe/Berlin,en-GB,Ada"
    );
}
