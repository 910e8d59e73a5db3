//! One-off invoices with lines, drafts and their numbers, payments, void, write-off and PDF.

use super::*;
use landlord_tests::{problem, problem_fields};

#[tokio::test]
async fn a_draft_has_no_number_until_it_is_finalised_and_numbers_never_skip() {
    let app = app_at("2026-05-01T00:00:00Z").await;
    let acme = app.create_tenant("acme").await;
    let create = |body: Value| {
        let app = &app;
        async move { app.post("/api/v1/invoices", &app.admin_token, &body).await }
    };
    let draft = create(json!({ "tenant_id": acme.id, "currency": "EUR", "lines": [
        { "description": "Onboarding workshop", "unit_amount": "450.00" },
        { "description": "Extra seats", "quantity": 3, "unit_amount": "12.50" },
    ] }))
    .await;
    assert_eq!(draft.status(), StatusCode::CREATED);
    let draft: Value = draft.json().await.unwrap();
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["number"], Value::Null);
    assert_eq!(draft["total"], "487.50");
    assert_eq!(draft["lines"][1]["amount"], "37.50");
    let open = create(
        json!({ "tenant_id": acme.id, "currency": "EUR", "amount": "10", "status": "open" }),
    )
    .await;
    let open: Value = open.json().await.unwrap();
    assert_eq!(open["number"], "INV-2026-000001");
    let finalized = app
        .post(
            &format!("/api/v1/invoices/{}/finalize", draft["id"]),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(finalized.status(), StatusCode::OK);
    let finalized: Value = finalized.json().await.unwrap();
    assert_eq!(
        (finalized["number"].as_str(), finalized["status"].as_str()),
        (Some("INV-2026-000002"), Some("open"))
    );
    assert_eq!(finalized["due_at"], "2026-05-15T00:00:00Z");
    let twice = app
        .post(
            &format!("/api/v1/invoices/{}/finalize", draft["id"]),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    let bad = create(json!({ "tenant_id": acme.id, "currency": "EUR", "lines": [{ "description": "", "unit_amount": "1.234", "quantity": 0 }] })).await;
    let mut fields = problem_fields(&problem(bad).await);
    fields.sort();
    assert_eq!(
        fields,
        [
            "lines[0].description",
            "lines[0].quantity",
            "lines[0].unit_amount"
        ]
    );
    let both = create(json!({ "tenant_id": acme.id, "currency": "EUR", "amount": "1", "lines": [{ "description": "x", "unit_amount": "1" }] })).await;
    assert_eq!(problem_fields(&problem(both).await), ["amount"]);
    // Each value within its bound, but their product in cents beyond 64 bits.
    let huge = create(json!({ "tenant_id": acme.id, "currency": "EUR", "lines": [{ "description": "x", "unit_amount": "999999999999999", "quantity": 1000000 }] })).await;
    assert_eq!(huge.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(huge).await), ["lines[0].quantity"]);
}

#[tokio::test]
async fn payments_void_and_write_off_follow_the_invoice_states() {
    let app = app_at("2026-05-01T00:00:00Z").await;
    let acme = app.create_tenant("acme").await;
    let open = |amount: &str| {
        let app = &app;
        let body =
            json!({ "tenant_id": acme.id, "currency": "EUR", "amount": amount, "status": "open" });
        async move {
            app.post("/api/v1/invoices", &app.admin_token, &body)
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let first = open("100.00").await;
    let pay = |invoice: &Value, amount: &str| {
        let app = &app;
        let path = format!("/api/v1/invoices/{}/payments", invoice["id"]);
        let body = json!({ "amount": amount, "method": "bank_transfer" });
        async move { app.post(&path, &app.admin_token, &body).await }
    };
    let part = pay(&first, "40.00").await;
    assert_eq!(part.status(), StatusCode::CREATED);
    let part: Value = part.json().await.unwrap();
    assert_eq!(
        (part["amount"].as_str(), part["provider"].as_str()),
        (Some("40.00"), Some("manual"))
    );
    let after = app
        .get_json(
            &format!("/api/v1/invoices/{}", first["id"]),
            &app.admin_token,
        )
        .await;
    assert_eq!(
        (after["status"].as_str(), after["amount_due"].as_str()),
        (Some("open"), Some("60.00"))
    );
    pay(&first, "60.00").await;
    let paid = app
        .get_json(
            &format!("/api/v1/invoices/{}", first["id"]),
            &app.admin_token,
        )
        .await;
    assert_eq!(paid["status"], "paid");
    let late = pay(&first, "1.00").await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(problem(late).await["code"], "invoice_not_open");
    let void_paid = app
        .post(
            &format!("/api/v1/invoices/{}/void", first["id"]),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(void_paid.status(), StatusCode::CONFLICT);

    let second = open("5.00").await;
    let voided = app
        .post(
            &format!("/api/v1/invoices/{}/void", second["id"]),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(voided.json::<Value>().await.unwrap()["status"], "void");
    let third = open("7.00").await;
    let written_off = app
        .post(
            &format!("/api/v1/invoices/{}/mark-uncollectible", third["id"]),
            &app.admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(
        written_off.json::<Value>().await.unwrap()["status"],
        "uncollectible"
    );
    // Paid after all.
    assert_eq!(pay(&third, "7.00").await.status(), StatusCode::CREATED);
    let third = app
        .get_json(
            &format!("/api/v1/invoices/{}", third["id"]),
            &app.admin_token,
        )
        .await;
    assert_eq!(third["status"], "paid");
    // Revenue counts paid invoices only.
    let summary = app
        .get_json("/api/v1/tenants/summary", &app.admin_token)
        .await;
    assert!(summary.to_string().contains("107.00"), "{summary}");
}

#[tokio::test]
async fn an_invoice_downloads_as_a_pdf_with_its_lines() {
    let app = app_at("2026-05-01T00:00:00Z").await;
    let acme = app.create_tenant("acme").await;
    let invoice: Value = app
        .post(
            "/api/v1/invoices",
            &app.admin_token,
            &json!({ "tenant_id": acme.id, "currency": "EUR", "status": "open", "lines": [
            { "description": "Onboarding workshop", "unit_amount": "450.00" },
        ] }),
        )
        .await
        .json()
        .await
        .unwrap();
    let response = app
        .get(
            &format!("/api/v1/invoices/{}/pdf", invoice["id"]),
            &app.admin_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.contains("attachment") && disposition.contains("INV-2026-000001.pdf"),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let path = std::env::temp_dir().join(format!(
        "landlord-invoice-{}.pdf",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::write(&path, &bytes).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed by scripts/ensure-tools.sh (poppler-utils)");
    std::fs::remove_file(&path).ok();
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "INV-2026-000001",
        "acme Ltd",
        "Onboarding workshop",
        "450.00",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let token = app.token_for(&app.create_tenant("globex").await).await;
    let hidden = app
        .get(&format!("/api/v1/invoices/{}/pdf", invoice["id"]), &token)
        .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}
