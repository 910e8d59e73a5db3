use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use landlord_tests::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn forge(header: Header, claims: Value, secret: &[u8]) -> String {
    encode(&header, &claims, &EncodingKey::from_secret(secret)).unwrap()
}

/// One unpadded base64url JWT segment, to build tokens jsonwebtoken refuses to (alg=none).
fn encode_segment(value: &Value) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

fn claims(app: &TestApp) -> Value {
    let now = landlord_domain::Clock::now(app.clock.as_ref()).timestamp();
    json!({ "sub": "1", "tid": 1, "sgen": 0, "iss": "landlord", "aud": "landlord-api", "iat": now, "nbf": now, "exp": now + 600 })
}

async fn status_with(app: &TestApp, token: &str) -> StatusCode {
    app.get("/api/v1/tenants", token).await.status()
}

#[tokio::test]
async fn login_returns_a_bearer_token_that_opens_the_api() {
    let app = spawn_app().await;
    let response = app.login("management", "admin", ADMIN_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let me = app
        .get_json("/api/v1/auth/me", body["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me["user"]["username"], "admin");
    assert_eq!(me["tenant"]["domain"], "management");
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("tenants:change"))
    );
}

#[tokio::test]
async fn wrong_credentials_get_the_same_401_whatever_was_wrong() {
    let app = spawn_app().await;
    for (tenant, user, password) in [
        ("management", "admin", "wrong-pass-1"),
        ("management", "nobody", ADMIN_PASSWORD),
        ("nowhere", "admin", ADMIN_PASSWORD),
    ] {
        let response = app.login(tenant, user, password).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let problem = problem(response).await;
        assert_eq!(problem["code"], "unauthorized");
        assert_eq!(
            problem["detail"],
            "the tenant, username or password is wrong"
        );
    }
}

#[tokio::test]
async fn a_correctly_forged_token_is_accepted_so_the_rejections_below_are_meaningful() {
    let app = spawn_app().await;
    let token = forge(
        Header::new(Algorithm::HS256),
        claims(&app),
        JWT_SECRET.as_bytes(),
    );
    assert_eq!(status_with(&app, &token).await, StatusCode::OK);
}

#[tokio::test]
async fn tokens_with_alg_none_are_rejected() {
    let app = spawn_app().await;
    let header = encode_segment(&json!({ "alg": "none", "typ": "JWT" }));
    let payload = encode_segment(&claims(&app));
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert_eq!(status_with(&app, &token).await, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn tokens_signed_with_another_algorithm_are_rejected() {
    let app = spawn_app().await;
    for alg in [Algorithm::HS384, Algorithm::HS512] {
        let token = forge(Header::new(alg), claims(&app), JWT_SECRET.as_bytes());
        assert_eq!(
            status_with(&app, &token).await,
            StatusCode::UNAUTHORIZED,
            "{alg:?}"
        );
    }
}

#[tokio::test]
async fn tampered_tokens_and_tokens_signed_with_another_secret_are_rejected() {
    let app = spawn_app().await;
    let other = forge(
        Header::new(Algorithm::HS256),
        claims(&app),
        b"some-other-secret-some-other-secret!!",
    );
    assert_eq!(status_with(&app, &other).await, StatusCode::UNAUTHORIZED);
    // Swap the payload for one naming another user, keeping the original signature.
    let genuine = app.admin_token.clone();
    let mut parts: Vec<String> = genuine.split('.').map(str::to_owned).collect();
    let mut altered = claims(&app);
    altered["sub"] = json!("2");
    parts[1] = encode_segment(&altered);
    assert_eq!(
        status_with(&app, &parts.join(".")).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_issuer_audience_and_missing_claims_are_rejected() {
    let app = spawn_app().await;
    let mut wrong_issuer = claims(&app);
    wrong_issuer["iss"] = json!("someone-else");
    let mut wrong_audience = claims(&app);
    wrong_audience["aud"] = json!("another-api");
    let mut no_audience = claims(&app);
    no_audience.as_object_mut().unwrap().remove("aud");
    let mut no_expiry = claims(&app);
    no_expiry.as_object_mut().unwrap().remove("exp");
    for (what, claims) in [
        ("issuer", wrong_issuer),
        ("audience", wrong_audience),
        ("no aud", no_audience),
        ("no exp", no_expiry),
    ] {
        let token = forge(Header::new(Algorithm::HS256), claims, JWT_SECRET.as_bytes());
        assert_eq!(
            status_with(&app, &token).await,
            StatusCode::UNAUTHORIZED,
            "{what}"
        );
    }
}

#[tokio::test]
async fn tokens_expire_by_the_server_clock() {
    let app = spawn_app().await;
    let token = app.admin_token.clone();
    app.clock.advance(chrono::Duration::seconds(3599));
    assert_eq!(status_with(&app, &token).await, StatusCode::OK);
    app.clock.advance(chrono::Duration::seconds(10));
    let response = app.get("/api/v1/tenants", &token).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn requests_without_a_token_are_401_problems() {
    let app = spawn_app().await;
    let response = app
        .request(reqwest::Method::GET, "/api/v1/tenants", None)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(problem(response).await["status"], 401);
}

#[tokio::test]
async fn signing_out_revokes_live_tokens_but_not_later_sign_ins() {
    let app = spawn_app().await;
    let first = app.admin_token.clone();
    let second = app.login_ok("management", "admin", ADMIN_PASSWORD).await;
    let response = app
        .request(reqwest::Method::POST, "/api/v1/auth/logout", Some(&first))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(status_with(&app, &first).await, StatusCode::UNAUTHORIZED);
    assert_eq!(status_with(&app, &second).await, StatusCode::UNAUTHORIZED);
    let fresh = app.login_ok("management", "admin", ADMIN_PASSWORD).await;
    assert_eq!(status_with(&app, &fresh).await, StatusCode::OK);
}

#[tokio::test]
async fn a_first_admin_without_a_password_signs_in_after_using_the_reset_link_once() {
    let app = spawn_app().await;
    let body = json!({ "domain": "linked", "name": "Linked", "admin_username": "owner", "admin_email": "owner@linked.test" });
    let created: Value = app
        .post("/api/v1/tenants", &app.admin_token, &body)
        .await
        .json()
        .await
        .unwrap();
    let url = created["admin_password_reset_url"]
        .as_str()
        .expect("a reset link when no password is given");
    let token = url.split("token=").nth(1).unwrap();
    assert_eq!(
        app.login("linked", "owner", "").await.status(),
        StatusCode::UNAUTHORIZED
    );

    let reset = json!({ "token": token, "password": "chosen-pass-1" });
    let response = app
        .client
        .post(app.url("/api/v1/auth/password-reset"))
        .json(&reset)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    app.login_ok("linked", "owner", "chosen-pass-1").await;

    let again = app
        .client
        .post(app.url("/api/v1/auth/password-reset"))
        .json(&reset)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&problem(again).await), ["token"]);
}
