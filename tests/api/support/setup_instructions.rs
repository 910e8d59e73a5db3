use landlord_tests::*;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

async fn download(app: &TestApp, id: i64, token: &str) -> reqwest::Response {
    app.get(&format!("/api/v1/tenants/{id}/setup-instructions"), token)
        .await
}

#[tokio::test]
async fn the_setup_instructions_are_a_markdown_attachment_for_the_tenants_domain() {
    let app = spawn_app_configured(None, |args| {
        args.hosting.base_domain = Some("landlord.test".into());
        args.hosting.server_address = Some("203.0.113.7".into());
    })
    .await;
    let acme = app.create_tenant("acme-eu").await;
    let response = download(&app, acme.id, &app.admin_token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(
        headers[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert_eq!(
        headers[CONTENT_DISPOSITION].to_str().unwrap(),
        "attachment; filename=\"setup-acme-eu.md\""
    );
    let text = response.text().await.unwrap();
    for needle in [
        "# Setup instructions for acme-eu Ltd",
        "| `acme-eu.landlord.test.` | A | `203.0.113.7` |",
        "CREATE DATABASE `tenant_acme_eu`",
        "CREATE USER 'u_acme_eu'@'localhost' IDENTIFIED BY '<choose a strong password>'",
        "server_name acme-eu.landlord.test;",
        "<VirtualHost *:443>",
        "ServerName acme-eu.landlord.test",
        "## 4. Domain and subdomain routing",
        "cPanel",
        "For Plesk environments these instructions do not apply",
        "Creating and assigning the MySQL database",
    ] {
        assert!(
            text.to_lowercase().contains(&needle.to_lowercase()),
            "missing {needle:?} in:\n{text}"
        );
    }
    assert!(!text.contains("{{"), "a placeholder is left");
    assert!(!text.contains(&acme.password), "no secret in the file");
}

#[tokio::test]
async fn the_operator_can_replace_a_template_and_other_tenants_are_not_found() {
    let dir = std::env::temp_dir().join(format!("setup-templates-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("setup_instructions.md"),
        "Our own steps for {{host}}\n\n{{nginx_server_block}}\n",
    )
    .unwrap();
    let templates = dir.clone();
    let app = spawn_app_configured(None, move |args| {
        args.hosting.base_domain = Some("example.net".into());
        args.hosting.setup_templates_dir = Some(templates);
    })
    .await;
    let acme = app.create_tenant("acme").await;
    let text = download(&app, acme.id, &app.admin_token)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        text.starts_with("Our own steps for acme.example.net\n"),
        "{text}"
    );
    assert!(
        text.contains("server_name acme.example.net;"),
        "the built-in nginx block"
    );

    let other = app.create_tenant("other").await;
    let owner = app.token_for(&acme).await;
    let response = download(&app, other.id, &owner).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    let _ = std::fs::remove_dir_all(dir);
}
