//! The first administrator's mail at tenant creation (seed 002): the activation link, the
//! sign-in details, or nothing.

use super::{app_with_sink, create, emails, tenant_body, wait_emails};
use landlord_tests::{problem, problem_fields};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_activation_link_mail_lets_the_administrator_choose_a_password_once() {
    let (app, sink) = app_with_sink().await;
    let (status, body) = create(
        &app,
        tenant_body("acme", json!({ "admin_notification": "activation_link" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, vec!["owner@acme.test".to_owned()]);
    assert!(mail.to.contains("owner@acme.test"), "{}", mail.to);
    assert!(
        mail.from.contains("landlord@landlord.test"),
        "{}",
        mail.from
    );
    assert_eq!(mail.subject, "Activate your acme Ltd account");
    assert_eq!(mail.content_type, "multipart/alternative");
    assert!(mail.html().contains("<a href=\""), "{}", mail.html());
    let token = mail.reset_token().expect("a link in the mail");
    assert!(mail.html().contains(&token));
    // The link is the one the answer carries.
    assert!(
        body["admin_password_reset_url"]
            .as_str()
            .unwrap()
            .ends_with(&token)
    );

    let reset = |password: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            app.client
                .post(app.url("/api/v1/auth/password-reset"))
                .json(&json!({ "token": token, "password": password }))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        reset("chosen-pass-1").await.status(),
        StatusCode::NO_CONTENT
    );
    app.login_ok("acme", "owner", "chosen-pass-1").await;
    // Once only.
    let again = reset("another-pass-2").await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(again).await), vec!["token"]);
    app.login_ok("acme", "owner", "chosen-pass-1").await;

    let list = emails(&app, body["id"].as_i64().unwrap()).await;
    assert_eq!(list["total"], 1, "{list}");
    let item = &list["items"][0];
    assert_eq!(item["kind"], "activation_link");
    assert_eq!(item["status"], "sent");
    assert_eq!(item["attempts"], 1);
    assert_eq!(item["recipient"], "owner@acme.test");
    assert_eq!(item["subject"], "Activate your acme Ltd account");
    assert!(item["sent_at"].is_string());
    assert!(item["last_error"].is_null());
}

#[tokio::test]
async fn the_credentials_mail_carries_a_password_that_signs_in() {
    let (app, sink) = app_with_sink().await;
    // A given password is mailed as it is.
    let (status, body) = create(
        &app,
        tenant_body(
            "given",
            json!({ "admin_notification": "credentials", "admin_password": "given-pass-1" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body.get("admin_password_reset_url").is_none(), "{body}");
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.subject, "Your sign-in details for given Ltd");
    assert!(
        mail.text().contains("Password: given-pass-1"),
        "{}",
        mail.text()
    );
    assert!(mail.text().contains("Tenant:   given"), "{}", mail.text());
    assert!(mail.html().contains("<code>given-pass-1</code>"));

    // Without one, a generated password is mailed, and it works.
    let (status, body) = create(
        &app,
        tenant_body("generated", json!({ "admin_notification": "credentials" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body.get("admin_password_reset_url").is_none(), "{body}");
    let mail = sink.wait_for(2).await.remove(1);
    let line = mail
        .text()
        .lines()
        .find(|l| l.trim_start().starts_with("Password:"))
        .unwrap()
        .to_owned();
    let password = line.trim_start().trim_start_matches("Password:").trim();
    assert_eq!(password.len(), 16, "{line}");
    app.login_ok("generated", "owner", password).await;
}

#[tokio::test]
async fn without_a_choice_no_mail_is_sent_and_german_tenants_get_german_mails() {
    let (app, sink) = app_with_sink().await;
    let (status, quiet) = create(
        &app,
        tenant_body("quiet", json!({ "admin_password": "quiet-pass-1" })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{quiet}");
    let (status, german) = create(
        &app,
        tenant_body(
            "deutsch",
            json!({ "admin_notification": "activation_link", "language": "de-AT" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{german}");
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.subject, "Aktivieren Sie Ihr Konto bei deutsch Ltd");
    assert!(mail.text().contains("Passwort"), "{}", mail.text());
    assert!(mail.html().contains("lang=\"de\""));
    let list = wait_emails(&app, german["id"].as_i64().unwrap(), |m| {
        m["status"] == "sent"
    })
    .await;
    assert_eq!(list["items"][0]["language"], "de");
    // Nothing for the tenant that chose no mail.
    assert_eq!(
        emails(&app, quiet["id"].as_i64().unwrap()).await["total"],
        0
    );
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn an_activation_link_with_a_password_or_an_unknown_choice_is_refused_naming_the_field() {
    let (app, sink) = app_with_sink().await;
    let (status, body) = create(
        &app,
        tenant_body(
            "both",
            json!({ "admin_notification": "activation_link", "admin_password": "both-pass-1" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(problem_fields(&body), vec!["admin_notification"]);
    let (status, body) = create(
        &app,
        tenant_body("carrier", json!({ "admin_notification": "pigeon" })),
    )
    .await;
    assert!(status.is_client_error(), "{status} {body}");
    assert!(body.to_string().contains("admin_notification"), "{body}");
    assert_eq!(app.stored_tenant_count(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn a_tenant_sees_its_own_mails_and_no_other_tenants() {
    let (app, _sink) = app_with_sink().await;
    let mine = app
        .create_tenant_as(
            &app.admin_token.clone(),
            "mine",
            json!({ "admin_notification": "credentials" }),
        )
        .await;
    let other = app.create_tenant("other").await;
    let token = app.token_for(&mine).await;
    let own = app
        .get_json(&format!("/api/v1/tenants/{}/emails", mine.id), &token)
        .await;
    assert_eq!(own["total"], 1, "{own}");
    let response = app
        .get(&format!("/api/v1/tenants/{}/emails", other.id), &token)
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let bad = app
        .get(
            &format!("/api/v1/tenants/{}/emails?status=lost", mine.id),
            &token,
        )
        .await;
    assert!(bad.status().is_client_error());
    assert!(problem(bad).await.to_string().contains("status"));
}
