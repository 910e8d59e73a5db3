//! Orders, invoices and support tickets.

use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn orders_get_numbers_statuses_and_times_from_the_server_and_keep_exact_money() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let response = app
        .post(
            "/api/v1/orders",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "total": "19.9", "currency": "EUR" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let order: Value = response.json().await.unwrap();
    assert_eq!(order["number"], "ORD-00001");
    assert_eq!(order["status"], "pending");
    assert_eq!(order["total"], "19.90");
    let second: Value = app.post("/api/v1/orders", &app.admin_token, &json!({ "tenant_id": acme.id, "total": "0.10", "currency": "EUR", "number": "X-1", "status": "paid" })).await.json().await.unwrap();
    assert_eq!(
        (second["number"].as_str(), second["status"].as_str()),
        (Some("X-1"), Some("paid"))
    );
    let fetched = app
        .get_json(&format!("/api/v1/orders/{}", order["id"]), &app.admin_token)
        .await;
    assert_eq!(fetched, order);
    let duplicate = app
        .post(
            "/api/v1/orders",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "total": "1", "currency": "EUR", "number": "X-1" }),
        )
        .await;
    assert_eq!(duplicate.status(), StatusCode::CONFLICT);
    assert_eq!(problem_fields(&problem(duplicate).await), ["number"]);
}

#[tokio::test]
async fn bad_amounts_and_currencies_are_field_errors() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    for (total, currency, field) in [
        ("1.999", "EUR", "total"),
        ("-5", "EUR", "total"),
        ("1e3", "EUR", "total"),
        ("10", "XYZ", "currency"),
        ("1.5", "JPY", "total"),
    ] {
        let response = app
            .post(
                "/api/v1/orders",
                &app.admin_token,
                &json!({ "tenant_id": acme.id, "total": total, "currency": currency }),
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{total} {currency}"
        );
        assert_eq!(problem_fields(&problem(response).await), [field]);
    }
    let response = app.post("/api/v1/invoices", &app.admin_token, &json!({ "tenant_id": acme.id, "amount": "5", "currency": "EUR", "issued_at": "2026-02-01T00:00:00Z", "due_at": "2026-01-01T00:00:00Z" })).await;
    assert_eq!(problem_fields(&problem(response).await), ["due_at"]);
    let response = app
        .post(
            "/api/v1/tickets",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "subject": "  ", "priority": "whenever" }),
        )
        .await;
    assert_eq!(problem_fields(&problem(response).await), ["priority"]);
}

#[tokio::test]
async fn lists_filter_by_customer_and_status_sort_and_paginate() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let globex = app.create_tenant("globex").await;
    for (tenant, amount, status) in [
        (acme.id, "10", "paid"),
        (acme.id, "30", "open"),
        (acme.id, "20", "paid"),
        (globex.id, "99", "paid"),
    ] {
        app.post(
            "/api/v1/invoices",
            &app.admin_token,
            &json!({ "tenant_id": tenant, "amount": amount, "currency": "EUR", "status": status }),
        )
        .await;
        app.clock.advance(chrono::Duration::minutes(1));
    }
    let page = app
        .get_json(
            &format!(
                "/api/v1/invoices?tenant={}&status=paid&sort=-amount",
                acme.id
            ),
            &app.admin_token,
        )
        .await;
    let amounts = item_strs(&page, "amount");
    assert_eq!(amounts, ["20.00", "10.00"]);
    let newest = app
        .get_json("/api/v1/invoices?per_page=1&page=2", &app.admin_token)
        .await;
    assert_eq!(newest["total"], 4);
    assert_eq!(
        newest["items"][0]["amount"], "20.00",
        "newest first by default"
    );
    let tickets = app
        .get("/api/v1/tickets?status=lost", &app.admin_token)
        .await;
    assert_eq!(problem_fields(&problem(tickets).await), ["status"]);
}

#[tokio::test]
async fn another_tenants_activity_is_invisible() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let globex = app.create_tenant("globex").await;
    let order: Value = app
        .post(
            "/api/v1/orders",
            &app.admin_token,
            &json!({ "tenant_id": globex.id, "total": "5", "currency": "EUR" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let ticket: Value = app
        .post(
            "/api/v1/tickets",
            &app.admin_token,
            &json!({ "tenant_id": globex.id, "subject": "Secret" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = app.token_for(&acme).await;
    assert_eq!(
        app.get(&format!("/api/v1/orders/{}", order["id"]), &token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{}", ticket["id"]), &token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/api/v1/orders?tenant={}", globex.id), &token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let mine = app.get_json("/api/v1/orders", &token).await;
    assert_eq!(mine["total"], 0);
    let write = app
        .post(
            "/api/v1/orders",
            &token,
            &json!({ "tenant_id": globex.id, "total": "1", "currency": "EUR" }),
        )
        .await;
    assert_eq!(write.status(), StatusCode::NOT_FOUND);
    let globex_row = app
        .get_json(&format!("/api/v1/tenants/{}", globex.id), &app.admin_token)
        .await;
    assert_eq!(
        globex_row["orders_count"], 1,
        "the refused write stored nothing"
    );
}

#[tokio::test]
async fn every_order_invoice_and_ticket_names_its_customer_on_list_and_get() {
    let app = spawn_app().await;
    let acme = app.create_tenant("acme").await;
    let globex = app.create_tenant("globex").await;
    let bodies = |tenant: i64| {
        [
            (
                "orders",
                json!({ "tenant_id": tenant, "total": "5", "currency": "EUR" }),
            ),
            (
                "invoices",
                json!({ "tenant_id": tenant, "amount": "5", "currency": "EUR" }),
            ),
            (
                "tickets",
                json!({ "tenant_id": tenant, "subject": "Printer on fire" }),
            ),
        ]
    };
    for tenant in [acme.id, globex.id] {
        for (collection, body) in bodies(tenant) {
            let created = app
                .post(&format!("/api/v1/{collection}"), &app.admin_token, &body)
                .await;
            assert_eq!(created.status(), StatusCode::CREATED, "{collection}");
        }
    }
    // The name is read with the row, not copied into it: a rename shows at once.
    let renamed = app
        .patch(
            &format!("/api/v1/tenants/{}", globex.id),
            &app.admin_token,
            &json!({ "name": "Globex Renamed" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let name_of = |tenant: i64| {
        if tenant == acme.id {
            "acme Ltd"
        } else {
            "Globex Renamed"
        }
    };

    for collection in ["orders", "invoices", "tickets"] {
        let page = app
            .get_json(&format!("/api/v1/{collection}"), &app.admin_token)
            .await;
        let items = page["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{collection}");
        for item in items {
            let tenant = item["tenant_id"].as_i64().unwrap();
            assert_eq!(item["tenant_name"], name_of(tenant), "{collection}: {item}");
            let fetched = app
                .get_json(
                    &format!("/api/v1/{collection}/{}", item["id"]),
                    &app.admin_token,
                )
                .await;
            assert_eq!(&fetched, item, "{collection}: get answers as the list");
        }
        let filtered = app
            .get_json(
                &format!("/api/v1/{collection}?tenant={}", acme.id),
                &app.admin_token,
            )
            .await;
        assert_eq!(
            filtered["items"][0]["tenant_name"], "acme Ltd",
            "{collection}"
        );
    }
}
