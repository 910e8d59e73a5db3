use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400_and_stores_nothing() {
    let app = spawn_app().await;
    let before = app.stored_tenant_count();
    let response = app
        .request(
            reqwest::Method::POST,
            "/api/v1/tenants",
            Some(&app.admin_token),
        )
        .header("content-type", "application/json")
        .body("{\"domain\": \"acme\",")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await["code"], "malformed_body");
    assert_eq!(app.stored_tenant_count(), before);
}

#[tokio::test]
async fn unknown_fields_are_422_naming_the_field() {
    let app = spawn_app().await;
    let body = json!({ "domain": "acme", "name": "Acme", "admin_username": "o", "admin_email": "o@acme.test", "colour": "red" });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = problem(response).await;
    assert_eq!(problem_fields(&problem), ["colour"]);
    assert_eq!(problem["errors"][0]["code"], "unknown_field");
    assert_eq!(app.stored_tenant_count(), 1);
}

#[tokio::test]
async fn bad_enum_values_in_bodies_and_queries_are_422_naming_the_field() {
    let app = spawn_app().await;
    let body = json!({ "domain": "acme", "name": "Acme", "type": "alien", "admin_username": "o", "admin_email": "o@acme.test" });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(response).await), ["type"]);

    for (query, field) in [
        ("status=sleeping", "status"),
        ("type=alien", "type"),
        ("per_page=1000", "per_page"),
        ("sort=colour", "sort"),
        ("page=0", "page"),
        ("bogus=1", "bogus"),
    ] {
        let response = app
            .get(&format!("/api/v1/tenants?{query}"), &app.admin_token)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
        assert_eq!(problem_fields(&problem(response).await), [field], "{query}");
    }
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let app = spawn_app().await;
    let body = json!({ "domain": "acme", "name": "x".repeat(100_000), "admin_username": "o", "admin_email": "o@acme.test" });
    let response = app.post("/api/v1/tenants", &app.admin_token, &body).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(problem(response).await["code"], "payload_too_large");
    assert_eq!(app.stored_tenant_count(), 1);
}

#[tokio::test]
async fn bodies_that_are_not_json_are_415() {
    let app = spawn_app().await;
    let response = app
        .request(
            reqwest::Method::POST,
            "/api/v1/tenants",
            Some(&app.admin_token),
        )
        .header("content-type", "text/plain")
        .body("domain=acme")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn bad_ids_and_unknown_paths_are_404_problems() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/tenants/abc",
        "/api/v1/tenants/99999",
        "/api/v1/tenants/-1",
        "/api/v1/nothing-here",
        "/api/nothing",
    ] {
        let response = app.get(path, &app.admin_token).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let problem = problem(response).await;
        assert_eq!(problem["status"], 404);
        assert_eq!(problem["instance"], path);
        assert!(problem["request_id"].is_string());
    }
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_problems_repeat_it() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/tenants/424242", &app.admin_token).await;
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(problem(response).await["request_id"], header.as_str());
}

#[tokio::test]
async fn health_and_readiness_probes_answer() {
    let app = spawn_app().await;
    assert_eq!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_openapi_document_and_docs_page_are_served() {
    let app = spawn_app().await;
    let spec: serde_json::Value = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["paths"]["/api/v1/tenants/{id}/suspend"]["post"].is_object());
    assert_eq!(
        spec["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    let html = docs.text().await.unwrap();
    assert!(html.contains("swagger"), "the docs page is Swagger UI");
    assert!(
        !html.contains("cdn."),
        "the docs page loads nothing from a CDN"
    );
}

#[tokio::test]
async fn pages_beyond_the_declared_maximum_are_422_naming_page_on_every_list() {
    let app = spawn_app().await;
    let max = landlord_domain::listing::PageRequest::MAX_PAGE;
    let endpoint = app
        .post(
            "/api/v1/webhook-endpoints",
            &app.admin_token,
            &json!({ "url": "https://hooks.example.com/x", "event_types": ["*"] }),
        )
        .await;
    assert_eq!(endpoint.status(), StatusCode::CREATED);
    let endpoint: serde_json::Value = endpoint.json().await.unwrap();
    let deliveries = format!("/api/v1/webhook-endpoints/{}/deliveries", endpoint["id"]);
    for list in [
        "/api/v1/tenants",
        "/api/v1/users",
        "/api/v1/orders",
        "/api/v1/invoices",
        "/api/v1/tickets",
        "/api/v1/tenants/1/audit-log",
        "/api/v1/webhook-endpoints",
        &deliveries,
    ] {
        for page in ["2147483648".to_owned(), (max + 1).to_string()] {
            let response = app
                .get(&format!("{list}?page={page}"), &app.admin_token)
                .await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{list}?page={page}"
            );
            let problem = problem(response).await;
            assert_eq!(problem_fields(&problem), ["page"], "{list}?page={page}");
        }
        let last = app
            .get(&format!("{list}?page={max}&per_page=200"), &app.admin_token)
            .await;
        assert_eq!(last.status(), StatusCode::OK, "{list}?page={max}");
        let page: serde_json::Value = last.json().await.unwrap();
        assert_eq!(page["items"], json!([]), "{list}: nothing that far");
    }
}

#[tokio::test]
async fn a_body_operation_answers_415_400_and_422_for_bodies_it_cannot_read() {
    let app = spawn_app().await;
    let tenant = app.create_tenant("acme").await;
    let send = |content_type: &'static str, body: &'static str| {
        app.request(
            reqwest::Method::POST,
            "/api/v1/tickets",
            Some(&app.admin_token),
        )
        .header("content-type", content_type)
        .body(body)
        .send()
    };
    let response = send("text/plain", "subject=help").await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(problem(response).await["code"], "unsupported_media_type");
    let response = send("application/json", "{\"subject\": ").await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(response).await["code"], "malformed_body");
    // JSON, but not the object every body is: serde alone would read `[null]` as a struct.
    let response = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/tenants/{}", tenant.id),
            Some(&app.admin_token),
        )
        .json(&json!([null, null]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(response).await["errors"][0]["code"], "invalid_type");

    let spec: serde_json::Value = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, method) in [
        ("/api/v1/tickets", "post"),
        ("/api/v1/users", "post"),
        ("/api/v1/tenants/{id}", "patch"),
        ("/api/v1/tenants/{id}/suspend", "post"),
    ] {
        for status in ["400", "413", "415", "422"] {
            assert!(
                spec["paths"][path][method]["responses"][status].is_object(),
                "{method} {path} documents {status}"
            );
        }
    }
}

#[tokio::test]
async fn undeclared_methods_on_known_paths_are_405_with_allow() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        ("DELETE", "/api/v1/tenants/summary", "GET"),
        ("PUT", "/api/v1/tenants", "GET, POST"),
        ("PUT", "/api/v1/tenants/1", "GET, DELETE, PATCH"),
        ("TRACE", "/healthz", "GET"),
        ("GET", "/api/v1/auth/logout", "POST"),
    ] {
        let response = app
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                path,
                Some(&app.admin_token),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        assert_eq!(problem(response).await["code"], "method_not_allowed");
    }
    let response = app
        .request(
            reqwest::Method::DELETE,
            "/api/v1/nothing-here",
            Some(&app.admin_token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_list_names_every_bad_parameter_its_own_and_the_pagings_at_once() {
    let app = spawn_app().await;
    for (query, fields) in [
        ("status=lost&per_page=0", vec!["per_page", "status"]),
        ("per_page=many", vec!["per_page"]),
        ("colour=red&page=0", vec!["colour", "page"]),
    ] {
        let response = app
            .get(&format!("/api/v1/orders?{query}"), &app.admin_token)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
        assert_eq!(problem_fields(&problem(response).await), fields, "{query}");
    }
    let unknown = app
        .get("/api/v1/webhook-endpoints?status=pending", &app.admin_token)
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(unknown).await), ["status"]);
}
