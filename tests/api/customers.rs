//! The Customers page's backend: summary, counts, detail, search palette and export.

use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn summary(app: &TestApp) -> Value {
    app.get("/api/v1/tenants/summary", &app.admin_token)
        .await
        .json()
        .await
        .unwrap()
}

async fn add(app: &TestApp, kind: &str, body: Value) -> Value {
    let response = app
        .post(&format!("/api/v1/{kind}"), &app.admin_token, &body)
        .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{kind}: {body}");
    body
}

#[tokio::test]
async fn the_summary_changes_as_soon_as_a_change_commits() {
    let app = spawn_app().await;
    assert_eq!(
        summary(&app).await,
        json!({ "total_customers": 0, "companies": 0, "individuals": 0, "users": 0, "revenue": [], "mrr": [] })
    );
    let acme = app.create_tenant("acme").await;
    let solo = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "solo",
            json!({ "type": "individual" }),
        )
        .await;
    add(
        &app,
        "users",
        json!({ "tenant_id": acme.id, "username": "second", "email": "s@acme.test" }),
    )
    .await;
    add(
        &app,
        "invoices",
        json!({ "tenant_id": acme.id, "amount": "19.90", "currency": "EUR", "status": "paid" }),
    )
    .await;
    add(
        &app,
        "invoices",
        json!({ "tenant_id": solo.id, "amount": "0.15", "currency": "EUR", "status": "paid" }),
    )
    .await;
    add(
        &app,
        "invoices",
        json!({ "tenant_id": solo.id, "amount": "500", "currency": "EUR", "status": "open" }),
    )
    .await;
    add(
        &app,
        "invoices",
        json!({ "tenant_id": solo.id, "amount": "1500", "currency": "JPY", "status": "paid" }),
    )
    .await;
    let s = summary(&app).await;
    assert_eq!(s["total_customers"], 2);
    assert_eq!(s["companies"], 1);
    assert_eq!(s["individuals"], 1);
    assert_eq!(
        s["users"], 3,
        "two first admins and one more; the management tenant's own staff are not customers"
    );
    assert_eq!(
        s["revenue"],
        json!([{ "amount": "1500", "currency": "JPY" }, { "amount": "20.05", "currency": "EUR" }])
    );

    app.patch(
        &format!("/api/v1/tenants/{}", solo.id),
        &app.admin_token,
        &json!({ "type": "company" }),
    )
    .await;
    assert_eq!(summary(&app).await["companies"], 2);

    assert_eq!(
        app.delete(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let s = summary(&app).await;
    assert_eq!(
        (s["total_customers"].as_i64(), s["users"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        s["revenue"],
        json!([{ "amount": "1500", "currency": "JPY" }, { "amount": "0.15", "currency": "EUR" }])
    );
}

#[tokio::test]
async fn a_resellers_summary_covers_only_its_subtree() {
    let app = spawn_app().await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true }),
        )
        .await;
    let token = app.token_for(&reseller).await;
    app.create_tenant_as(&token, "child", json!({ "type": "individual" }))
        .await;
    app.create_tenant("other").await;
    let mine = app.get_json("/api/v1/tenants/summary", &token).await;
    assert_eq!(
        (
            mine["total_customers"].as_i64(),
            mine["individuals"].as_i64(),
            mine["users"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(
        summary(&app).await["total_customers"],
        3,
        "the management tenant sees all three"
    );
}

#[tokio::test]
async fn every_row_carries_counts_that_match_the_activity_lists() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    for n in 0..3 {
        add(
            &app,
            "orders",
            json!({ "tenant_id": acme.id, "total": format!("{n}.50"), "currency": "USD" }),
        )
        .await;
    }
    add(
        &app,
        "invoices",
        json!({ "tenant_id": acme.id, "amount": "10", "currency": "USD" }),
    )
    .await;
    add(
        &app,
        "tickets",
        json!({ "tenant_id": acme.id, "subject": "Help" }),
    )
    .await;
    add(
        &app,
        "tickets",
        json!({ "tenant_id": acme.id, "subject": "More help" }),
    )
    .await;
    let row = app
        .get_json("/api/v1/tenants?q=acme", &app.admin_token)
        .await;
    let row = &row["items"][0];
    for (count, list) in [
        ("users_count", "users"),
        ("orders_count", "orders"),
        ("invoices_count", "invoices"),
        ("tickets_count", "tickets"),
    ] {
        let page = app
            .get_json(
                &format!("/api/v1/{list}?tenant={}", acme.id),
                &app.admin_token,
            )
            .await;
        assert_eq!(row[count], page["total"], "{count}");
    }
    assert_eq!(row["orders_count"], 3);
    let detail = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(detail["tickets_count"], 2);
}

#[tokio::test]
async fn the_list_sorts_by_user_count() {
    let app = spawn_app().await;
    let busy = app.create_tenant("busy").await;
    app.create_tenant("quiet").await;
    for n in 0..2 {
        add(&app, "users", json!({ "tenant_id": busy.id, "username": format!("u{n}"), "email": format!("u{n}@busy.test") })).await;
    }
    let page = app
        .get_json(
            "/api/v1/tenants?sort=-users_count&parent=1",
            &app.admin_token,
        )
        .await;
    let domains = item_strs(&page, "domain");
    assert_eq!(domains, ["busy", "quiet"]);
    let page = app
        .get_json(
            "/api/v1/tenants?sort=users_count&parent=1",
            &app.admin_token,
        )
        .await;
    assert_eq!(page["items"][0]["domain"], "quiet");
}

#[tokio::test]
async fn the_detail_panel_has_contact_billing_and_a_history_newest_first() {
    let app = spawn_app().await;
    let extra = json!({ "contact_address": "Baker Street 221b, London", "country": "gb", "billing_payment_method": "Visa •••• 4242", "billing_address": "Accounts, Baker Street 221b" });
    let acme = app
        .create_tenant_as(&app.admin_token.clone(), "acme", extra)
        .await;
    app.clock.advance(chrono::Duration::minutes(20));
    add(
        &app,
        "orders",
        json!({ "tenant_id": acme.id, "total": "2500.00", "currency": "GBP", "number": "BIG-1" }),
    )
    .await;
    add(
        &app,
        "orders",
        json!({ "tenant_id": acme.id, "total": "3.00", "currency": "GBP" }),
    )
    .await;
    app.clock.advance(chrono::Duration::minutes(20));
    app.post(
        &format!("/api/v1/tenants/{}/suspend", acme.id),
        &app.admin_token,
        &json!({ "password": ADMIN_PASSWORD }),
    )
    .await;
    let detail = app
        .get_json(&format!("/api/v1/tenants/{}", acme.id), &app.admin_token)
        .await;
    assert_eq!(detail["country"], "GB", "{detail}");
    assert_eq!(detail["contact_address"], "Baker Street 221b, London");
    assert_eq!(
        detail["billing"],
        json!({ "payment_method": "Visa •••• 4242", "address": "Accounts, Baker Street 221b" })
    );
    let kinds: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["suspended", "order", "created"],
        "only notable orders appear"
    );
    assert!(
        detail["history"][1]["summary"]
            .as_str()
            .unwrap()
            .contains("BIG-1")
    );
}

#[tokio::test]
async fn the_search_palette_finds_every_kind_within_the_callers_subtree() {
    let app = spawn_app().await;
    let acme = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "zebra-corp",
            json!({ "name": "Zebra Corp" }),
        )
        .await;
    add(
        &app,
        "orders",
        json!({ "tenant_id": acme.id, "total": "1", "currency": "EUR", "number": "ZEB-77" }),
    )
    .await;
    add(
        &app,
        "tickets",
        json!({ "tenant_id": acme.id, "subject": "Zebra stripes missing" }),
    )
    .await;
    let results = app.get_json("/api/v1/search?q=zeb", &app.admin_token).await;
    let kinds: Vec<(&str, &str)> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap(), h["link"].as_str().unwrap()))
        .collect();
    let tenant_link = format!("/customers/{}", acme.id);
    let orders_link = format!("/orders?tenant={}", acme.id);
    let support_link = format!("/support?tenant={}", acme.id);
    assert!(
        kinds.contains(&("tenant", tenant_link.as_str())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("order", orders_link.as_str())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("ticket", support_link.as_str())),
        "{kinds:?}"
    );

    let other = app.create_tenant("other").await;
    let token = app.token_for(&other).await;
    let foreign = app.get_json("/api/v1/search?q=zeb", &token).await;
    assert_eq!(
        foreign["hits"],
        json!([]),
        "another tenant's rows are invisible"
    );
    let empty = app.get("/api/v1/search?q=", &app.admin_token).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn export(app: &TestApp, query: &str) -> (reqwest::header::HeaderMap, Vec<Vec<String>>) {
    let response = app
        .get(&format!("/api/v1/tenants/export?{query}"), &app.admin_token)
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    let headers = response.headers().clone();
    let body = response.text().await.unwrap();
    let rows = csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[tokio::test]
async fn every_export_column_holds_what_the_list_shows() {
    use landlord_domain::csv_cell::neutralise;
    use landlord_domain::export::ExportColumn;
    let app = spawn_app().await;
    seed(&app, 40).await;
    let reseller = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "reseller",
            json!({ "allow_subtenants": true, "contact_phone": "+1 555 0100", "name": "=Formula" }),
        )
        .await;
    let token = app.token_for(&reseller).await;
    // A parent other than the management tenant.
    app.create_tenant_as(&token, "sub", json!({})).await;
    let all = ExportColumn::ALL.map(ExportColumn::key).join(",");
    let (_, rows) = export(&app, &format!("columns={all}&sort=name")).await;
    let list = app
        .get_json("/api/v1/tenants?sort=name&per_page=200", &app.admin_token)
        .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(rows.len(), items.len());
    for (row, item) in rows.iter().zip(items) {
        let text = |field: &str| match &item[field] {
            Value::Null => String::new(),
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let created_at = chrono::DateTime::parse_from_rfc3339(&text("created_at")).unwrap();
        let expected: Vec<String> = ExportColumn::ALL
            .iter()
            .map(|column| match column {
                ExportColumn::Type => text("type"),
                ExportColumn::Email if item["contact_email"].is_null() => text("admin_email"),
                ExportColumn::Email => text("contact_email"),
                ExportColumn::Created => created_at.format("%Y-%m-%d").to_string(),
                ExportColumn::CreatedAt => created_at
                    .to_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                other => text(other.key()),
            })
            .map(|cell| neutralise(&cell).into_owned())
            .collect();
        assert_eq!(row, &expected, "{item}");
    }
    let parent = ExportColumn::ALL
        .iter()
        .position(|c| *c == ExportColumn::ParentId)
        .unwrap();
    assert!(
        rows.iter()
            .any(|row| row[parent] == reseller.id.to_string()),
        "a subtenant's parent is exported"
    );
}

#[tokio::test]
async fn the_export_holds_exactly_the_filtered_list_in_its_order() {
    let app = spawn_app().await;
    for (domain, kind) in [
        ("alpha", "company"),
        ("bravo", "individual"),
        ("charlie", "company"),
        ("delta", "company"),
    ] {
        app.create_tenant_as(&app.admin_token.clone(), domain, json!({ "type": kind }))
            .await;
    }
    let list = app
        .get_json("/api/v1/tenants?type=company&sort=-name", &app.admin_token)
        .await;
    let listed = item_strs(&list, "name");
    let (headers, rows) = export(&app, "type=company&sort=-name").await;
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let exported: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(exported, listed);
    assert_eq!(
        rows[0].len(),
        8,
        "name, type, status, email, users, orders, invoices, created"
    );
    assert_eq!(rows[0][1], "company");
    assert_eq!(rows[0][4], "1");
}

#[tokio::test]
async fn the_export_columns_can_be_picked_and_ordered() {
    let app = spawn_app().await;
    app.create_tenant("alpha").await;
    let response = app
        .get(
            "/api/v1/tenants/export?columns=domain,users_count&parent=1",
            &app.admin_token,
        )
        .await;
    let body = response.text().await.unwrap();
    assert_eq!(body, "domain,users_count\nalpha,1\n");
    let bad = app
        .get(
            "/api/v1/tenants/export?columns=domain,colour",
            &app.admin_token,
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(bad).await), ["columns"]);
}

#[tokio::test]
async fn exported_cells_are_safe_in_a_spreadsheet_and_otherwise_exact() {
    let app = spawn_app().await;
    let names = [
        "=HYPERLINK(\"http://x\")",
        "+SUM(1)",
        "-2",
        "@cmd",
        "Comma, \"quoted\"; semi",
        "Ünïcødé ✓",
    ];
    for (n, name) in names.iter().enumerate() {
        app.create_tenant_as(
            &app.admin_token.clone(),
            &format!("t{n}"),
            json!({ "name": name }),
        )
        .await;
    }
    let (_, rows) = export(&app, "columns=domain,name&sort=domain&parent=1").await;
    let exported: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        exported,
        [
            "'=HYPERLINK(\"http://x\")",
            "'+SUM(1)",
            "'-2",
            "'@cmd",
            "Comma, \"quoted\"; semi",
            "Ünïcødé ✓"
        ]
    );
}

#[tokio::test]
async fn large_exports_stream_every_row_once() {
    let app = spawn_app().await;
    let seeded = seed(&app, 2_500).await;
    for sort in ["name", "-created_at", "status", "-users_count", "domain"] {
        let (_, rows) = export(&app, &format!("columns=id&sort={sort}")).await;
        assert_eq!(rows.len() as u32, seeded, "every customer, by {sort}");
        let mut ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len() as u32,
            seeded,
            "no row twice across batches, by {sort}"
        );
        // The export's order is the list's order.
        let first = app
            .get_json(
                &format!("/api/v1/tenants?sort={sort}&per_page=3&page=400"),
                &app.admin_token,
            )
            .await;
        let listed: Vec<String> = first["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].to_string())
            .collect();
        let exported: Vec<String> = rows[1197..1200].iter().map(|r| r[0].clone()).collect();
        assert_eq!(listed, exported, "by {sort}");
    }
}

/// Loads demo data straight into the test's database.
async fn seed(app: &TestApp, tenants: u32) -> u32 {
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || landlord_tests::seed_into(&db, tenants, 7))
        .await
        .unwrap();
    tenants
}

#[tokio::test]
async fn seeded_data_is_consistent_with_its_counters() {
    let app = spawn_app().await;
    seed(&app, 300).await;
    let s = summary(&app).await;
    assert_eq!(s["total_customers"], 300);
    let companies = app
        .get_json(
            "/api/v1/tenants?type=company&parent=1&per_page=1",
            &app.admin_token,
        )
        .await;
    assert_eq!(s["companies"], companies["total"]);
    // Unfiltered and type-only totals come from the counters; they must equal a real count.
    let (_, everyone) = export(&app, "columns=id").await;
    let all = app
        .get_json("/api/v1/tenants?per_page=1", &app.admin_token)
        .await;
    assert_eq!(all["total"].as_i64().unwrap(), everyone.len() as i64);
    let (_, company_rows) = export(&app, "columns=id&type=company").await;
    let all_companies = app
        .get_json("/api/v1/tenants?type=company&per_page=1", &app.admin_token)
        .await;
    assert_eq!(
        all_companies["total"].as_i64().unwrap(),
        company_rows.len() as i64,
        "the counters agree with the export under a type filter"
    );
    let users = app
        .get_json("/api/v1/users?per_page=1", &app.admin_token)
        .await;
    assert_eq!(
        s["users"].as_i64().unwrap(),
        users["total"].as_i64().unwrap() - 1,
        "all users but the management admin"
    );
    let (_, rows) = export(
        &app,
        "columns=users_count,orders_count,invoices_count&parent=1",
    )
    .await;
    let orders = app
        .get_json("/api/v1/orders?per_page=1", &app.admin_token)
        .await;
    let exported_orders: i64 = rows.iter().map(|r| r[1].parse::<i64>().unwrap()).sum();
    assert_eq!(exported_orders, orders["total"].as_i64().unwrap());
}

/// Every row of the list for `query`, walking its pages, and its reported total.
async fn all_pages(app: &TestApp, query: &str) -> (Vec<i64>, i64, bool) {
    let mut ids = Vec::new();
    let mut page = 1;
    loop {
        let body = app
            .get_json(
                &format!("/api/v1/tenants?{query}&per_page=200&page={page}"),
                &app.admin_token,
            )
            .await;
        let items = body["items"].as_array().unwrap();
        ids.extend(items.iter().map(|t| t["id"].as_i64().unwrap()));
        if items.len() < 200 {
            return (
                ids,
                body["total"].as_i64().unwrap(),
                body["total_exact"].as_bool().unwrap(),
            );
        }
        page += 1;
    }
}

#[tokio::test]
async fn search_finds_exactly_the_rows_containing_the_needle_whatever_its_length() {
    let app = spawn_app().await;
    seed(&app, 2_500).await;
    // A needle found only at the very end of the searchable text.
    let terminal = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "terminal",
            json!({ "admin_email": "owner@terminal.qj", "name": "100% Pure_Text \"Quoted\"" }),
        )
        .await;
    // What each tenant's search covers, read back through the unfiltered export.
    let (_, rows) = export(&app, "columns=id,name,domain,contact_email,admin_email").await;
    let texts: Vec<(i64, String)> = rows
        .iter()
        .map(|r| {
            let name = r[1].trim_start_matches('\'');
            (
                r[0].parse().unwrap(),
                format!("{name}\u{1f}{}\u{1f}{}\u{1f}{}", r[2], r[3], r[4]).to_lowercase(),
            )
        })
        .collect();
    for needle in [
        "a",
        "e",
        "z",
        "ü",
        "u",
        "ac",
        "st",
        "zq",
        "qj",
        "ll",
        "acm",
        "Acme",
        "müll",
        "stark",
        "acme-d",
        "example",
        "%",
        "100%",
        "_t",
        "\"quoted\"",
        "nothing-like-this",
    ] {
        let lower = needle.to_lowercase();
        let mut expected: Vec<i64> = texts
            .iter()
            .filter(|(_, text)| text.contains(&lower))
            .map(|(id, _)| *id)
            .collect();
        expected.sort_unstable();
        let q: String = form_urlencoded::byte_serialize(needle.as_bytes()).collect();
        let (_, exported) = export(&app, &format!("q={q}&columns=id")).await;
        let mut exported: Vec<i64> = exported.iter().map(|r| r[0].parse().unwrap()).collect();
        exported.sort_unstable();
        assert_eq!(exported, expected, "the export for {needle:?}");
        let (mut listed, total, exact) = all_pages(&app, &format!("q={q}&sort=name")).await;
        listed.sort_unstable();
        assert_eq!(listed, expected, "the list for {needle:?}");
        if expected.len() <= 1_000 {
            assert_eq!((total, exact), (expected.len() as i64, true), "{needle:?}");
        } else {
            assert_eq!(
                (total, exact),
                (1_000, false),
                "{needle:?} counts up to the cap"
            );
        }
    }
    let (found, _, _) = all_pages(&app, "q=qj").await;
    assert_eq!(found, vec![terminal.id]);
}

#[tokio::test]
async fn filtered_searches_find_exactly_the_matching_rows_however_common_the_needle() {
    let app = spawn_app().await;
    seed(&app, 2_500).await;
    let (_, rows) = export(
        &app,
        "columns=id,name,domain,contact_email,admin_email,type,status",
    )
    .await;
    let tenants: Vec<(i64, String, &str, &str)> = rows
        .iter()
        .map(|r| {
            let name = r[1].trim_start_matches('\'');
            let text = format!("{name}\u{1f}{}\u{1f}{}\u{1f}{}", r[2], r[3], r[4]);
            (r[0].parse().unwrap(), text.to_lowercase(), &*r[5], &*r[6])
        })
        .collect();
    // Common needles under rare filters, and the reverse: each way of counting is taken.
    for needle in ["a", "e", "st", "an", "acme", "example", "x"] {
        for (kind, status) in [
            (None, Some("inactive")),
            (Some("individual"), None),
            (Some("company"), Some("active")),
            (Some("individual"), Some("suspended")),
        ] {
            let mut expected: Vec<i64> = tenants
                .iter()
                .filter(|(_, text, t, s)| {
                    text.contains(needle)
                        && kind.is_none_or(|k| k == *t)
                        && status.is_none_or(|st| st == *s)
                })
                .map(|(id, ..)| *id)
                .collect();
            expected.sort_unstable();
            let mut query = format!("q={needle}&sort=name");
            if let Some(kind) = kind {
                query.push_str(&format!("&type={kind}"));
            }
            if let Some(status) = status {
                query.push_str(&format!("&status={status}"));
            }
            let (mut listed, total, exact) = all_pages(&app, &query).await;
            listed.sort_unstable();
            assert_eq!(listed, expected, "the list for {query}");
            let count = expected.len() as i64;
            assert_eq!(
                (total, exact),
                (count.min(1_000), count <= 1_000),
                "the total for {query}"
            );
        }
    }
}

#[tokio::test]
async fn search_combines_with_filters_and_follows_renames() {
    let app = spawn_app().await;
    seed(&app, 300).await;
    let renamed = app.create_tenant("renamed").await;
    let (found, total, _) = all_pages(&app, "q=zebrafish").await;
    assert_eq!((found.len(), total), (0, 0));
    let response = app
        .patch(
            &format!("/api/v1/tenants/{}", renamed.id),
            &app.admin_token,
            &json!({ "name": "Zebrafish Labs" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (found, total, exact) = all_pages(&app, "q=zebrafish").await;
    assert_eq!((found, total, exact), (vec![renamed.id], 1, true));
    let (found, _, _) = all_pages(&app, "q=renamed%20ltd").await;
    assert!(found.is_empty(), "the old name is no longer found");
    let (found, _, _) = all_pages(&app, "q=zebra&type=individual").await;
    assert!(found.is_empty(), "a company is not an individual");
    let (found, _, _) = all_pages(&app, "q=zebra&status=active&type=company").await;
    assert_eq!(found, vec![renamed.id]);
    let response = app
        .delete(&format!("/api/v1/tenants/{}", renamed.id), &app.admin_token)
        .await;
    assert!(response.status().is_success());
    let (found, _, _) = all_pages(&app, "q=zebra").await;
    assert!(found.is_empty(), "a deleted tenant leaves the index");
}

/// The list's total for `query` as `token`, and the number of rows its export holds.
async fn total_and_rows(app: &TestApp, token: &str, query: &str) -> (i64, i64) {
    let page = app
        .get_json(&format!("/api/v1/tenants?{query}&per_page=1"), token)
        .await;
    assert_eq!(page["total_exact"], true, "{query}");
    let response = app
        .get(&format!("/api/v1/tenants/export?{query}&columns=id"), token)
        .await;
    let rows = response.text().await.unwrap().lines().count() as i64 - 1;
    (page["total"].as_i64().unwrap(), rows)
}

/// Totals under every type and status filter come from counters kept in each change's
/// transaction; after each kind of change they must still equal the rows, at every level.
#[tokio::test]
async fn filtered_totals_match_the_rows_through_every_change() {
    let app = spawn_app().await;
    seed(&app, 120).await;
    let admin = app.admin_token.clone();
    let reseller = app
        .create_tenant_as(&admin, "reseller", json!({ "allow_subtenants": true }))
        .await;
    let reseller_token = app.token_for(&reseller).await;
    let child = app
        .create_tenant_as(&reseller_token, "child-co", json!({}))
        .await;
    let person = app
        .create_tenant_as(
            &reseller_token,
            "child-person",
            json!({ "type": "individual" }),
        )
        .await;
    let check = |step: &'static str| {
        let (app, admin, reseller_token) = (&app, admin.clone(), reseller_token.clone());
        async move {
            for token in [&admin, &reseller_token] {
                for kind in ["", "&type=company", "&type=individual"] {
                    for status in [
                        "",
                        "&status=active",
                        "&status=suspended",
                        "&status=inactive",
                    ] {
                        let query = format!("sort=name{kind}{status}");
                        let (total, rows) = total_and_rows(app, token, &query).await;
                        assert_eq!(total, rows, "{step}: {query}");
                    }
                }
            }
        }
    };
    check("created").await;
    // A search within a reseller's subtree: the trigram index answers, the scope still holds.
    let found = app
        .get_json("/api/v1/tenants?q=child&sort=-name", &reseller_token)
        .await;
    let ids = item_ints(&found, "id");
    assert_eq!(ids, vec![person.id, child.id], "{found}");
    assert_eq!(
        (found["total"].clone(), found["total_exact"].clone()),
        (json!(2), json!(true))
    );
    let found = app
        .get_json("/api/v1/tenants?q=reseller", &reseller_token)
        .await;
    assert_eq!(
        found["total"], 0,
        "not its own tenant, nor its parent's other customers"
    );
    let found = app
        .get_json(
            "/api/v1/tenants?q=reseller&include_self=true",
            &reseller_token,
        )
        .await;
    assert_eq!(
        item_ints(&found, "id"),
        [reseller.id],
        "its own tenant when asked for"
    );
    // One- and two-character needles take other paths through the index: still scoped.
    for needle in ["ch", "c"] {
        let found = app
            .get_json(
                &format!("/api/v1/tenants?q={needle}&per_page=200"),
                &reseller_token,
            )
            .await;
        let ids = item_ints(&found, "id");
        let subtree = [child.id, person.id];
        assert!(
            ids.iter().all(|id| subtree.contains(id)),
            "{needle}: {found}"
        );
        assert!(
            ids.contains(&child.id) && ids.contains(&person.id),
            "{needle}: {found}"
        );
        assert_eq!(found["total"], ids.len(), "{needle}: {found}");
    }
    let suspended = app
        .post(
            &format!("/api/v1/tenants/{}/suspend", child.id),
            &admin,
            &json!({ "password": ADMIN_PASSWORD }),
        )
        .await;
    assert_eq!(suspended.status(), StatusCode::OK);
    check("suspended").await;
    let deactivated = app
        .post(
            &format!("/api/v1/tenants/{}/deactivate", person.id),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(deactivated.status(), StatusCode::OK);
    check("deactivated").await;
    let retyped = app
        .patch(
            &format!("/api/v1/tenants/{}", child.id),
            &admin,
            &json!({ "type": "individual" }),
        )
        .await;
    assert_eq!(retyped.status(), StatusCode::OK);
    check("type changed").await;
    let activated = app
        .post(
            &format!("/api/v1/tenants/{}/activate", child.id),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(activated.status(), StatusCode::OK);
    check("activated").await;
    let deleted = app
        .delete(&format!("/api/v1/tenants/{}", child.id), &admin)
        .await;
    assert!(deleted.status().is_success());
    check("child deleted").await;
    let deleted = app
        .delete(&format!("/api/v1/tenants/{}", reseller.id), &admin)
        .await;
    assert!(deleted.status().is_success());
    let (total, rows) = total_and_rows(&app, &admin, "status=active").await;
    assert_eq!(total, rows, "a whole subtree deleted");
}
