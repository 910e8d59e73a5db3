//! Spawns the real Landlord server on a free port over a fresh database, and talks to it
//! over HTTP. SQLite by default; PostgreSQL when `LANDLORD_TEST_POSTGRES_URL` names a server
//! (each test then gets its own freshly created database).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use diesel::{Connection, PgConnection, RunQueryDsl};
use landlord::config::{BootstrapArgs, DatabaseArgs, ServeArgs};
use landlord::server::Application;
use landlord_domain::{Clock, FixedClock};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;

pub mod receiver;
pub mod smtp;

pub use landlord_domain;

pub const ADMIN_PASSWORD: &str = "management-pass-1";
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub clock: Arc<FixedClock>,
    pub db: landlord_persistence::Database,
    /// The database the server uses, so a second server can share it.
    pub database_url: String,
    /// The management administrator's token.
    pub admin_token: String,
    /// What the server was started with, for [`TestApp::sibling`].
    args: ServeArgs,
    _dir: Arc<TempDir>,
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn backend_name() -> &'static str {
    if postgres_base_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

fn postgres_base_url() -> Option<String> {
    std::env::var("LANDLORD_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A fresh database URL for one test: a file in `dir`, or a new PostgreSQL database.
pub fn fresh_database_url(dir: &std::path::Path) -> String {
    match postgres_base_url() {
        Some(base) => {
            let name = format!("landlord_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = PgConnection::establish(&base)
                .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {base}: {e}"));
            diesel::sql_query(format!(
                "CREATE DATABASE {name} TEMPLATE {}",
                migrated_template(&base)
            ))
            .execute(&mut conn)
            .unwrap();
            database_url_on(&base, &name)
        }
        None => format!("sqlite://{}", dir.join("landlord.db").display()),
    }
}

fn database_url_on(base: &str, name: &str) -> String {
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

/// A PostgreSQL database with every migration applied, made once per test process: copying
/// it is a file copy, where migrating each test's database took half a second of the
/// suite's time per test. The server still runs its migrations (none are pending) and its
/// bootstrap on the copy, as in production.
fn migrated_template(base: &str) -> &'static str {
    static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("landlord_template_{}", uuid::Uuid::new_v4().simple());
        let mut conn = PgConnection::establish(base)
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {base}: {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .unwrap();
        // A database can be copied only while nobody is connected to it: the pool is
        // dropped, and its connections closed, before the first copy.
        let db = landlord_persistence::Database::connect(&database_url_on(base, &name), 1)
            .expect("the template database opens");
        db.migrate().expect("the template database migrates");
        drop(db);
        name
    })
}

pub fn serve_args(
    dir: &std::path::Path,
    database_url: String,
    static_dir: Option<PathBuf>,
) -> ServeArgs {
    ServeArgs {
        database: DatabaseArgs {
            database_url,
            database_pool_size: 4,
        },
        bind: "127.0.0.1:0".parse().unwrap(),
        jwt_secret: Some(JWT_SECRET.to_owned()),
        data_dir: dir.to_path_buf(),
        bootstrap: BootstrapArgs {
            admin_username: "admin".to_owned(),
            admin_password: Some(ADMIN_PASSWORD.to_owned()),
            admin_email: "admin@landlord.test".to_owned(),
        },
        static_dir: static_dir.unwrap_or_else(|| dir.join("no-static")),
        public_url: None,
        token_ttl_seconds: 3600,
        workers: Some(2),
        trusted_proxies: Default::default(),
        // Tests run billing explicitly, as of their injected clock.
        billing_interval_seconds: 0,
        // The tests' webhook receivers listen on loopback.
        webhook_allow_private_networks: true,
        webhook_retention_days: 30,
        encryption_key: None,
        hosting: Default::default(),
        // Mails go to `.eml` files in the test's directory unless a test gives an SMTP sink.
        smtp_url: None,
        mail_from: "Landlord <landlord@landlord.test>".to_owned(),
        request_limits: Default::default(),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with_static(None).await
}

pub async fn spawn_app_with_static(static_dir: Option<PathBuf>) -> TestApp {
    spawn_app_configured(static_dir, |_| {}).await
}

/// Like [`spawn_app_with_static`], with the settings changed by `configure` first.
pub async fn spawn_app_configured(
    static_dir: Option<PathBuf>,
    configure: impl FnOnce(&mut ServeArgs),
) -> TestApp {
    let dir = std::env::temp_dir().join(format!("landlord-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = fresh_database_url(&dir);
    let clock = Arc::new(FixedClock::at(chrono::Utc::now()));
    let mut args = serve_args(&dir, url, static_dir);
    configure(&mut args);
    spawn_on(dir, args, clock).await
}

/// A server whose clock starts at `at`, with tokens valid for ten years of its time, so a test
/// can walk the clock through billing periods (`app.clock.set`) with the same tokens.
pub async fn spawn_app_at(at: chrono::DateTime<chrono::Utc>) -> TestApp {
    let dir = std::env::temp_dir().join(format!("landlord-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = fresh_database_url(&dir);
    let clock = Arc::new(FixedClock::at(at));
    let mut args = serve_args(&dir, url, None);
    args.token_ttl_seconds = 10 * 366 * 24 * 3600;
    spawn_on(dir, args, clock).await
}

/// A second server process over `app`'s database, with its own clock (starting at the
/// same time) and directory: as another machine behind the same load balancer would run.
pub async fn spawn_another_app(app: &TestApp) -> TestApp {
    let dir = std::env::temp_dir().join(format!("landlord-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let clock = Arc::new(FixedClock::at(app.clock.now()));
    let mut args = serve_args(&dir, app.database_url.clone(), None);
    args.token_ttl_seconds = app.args.token_ttl_seconds;
    spawn_on(dir, args, clock).await
}

/// Server logs on stderr when `LANDLORD_TEST_LOG` is set (e.g. `LANDLORD_TEST_LOG=warn`), to
/// see why a request answered 500.
fn init_test_logging() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        if let Ok(filter) = std::env::var("LANDLORD_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
    });
}

async fn spawn_on(dir: PathBuf, args: ServeArgs, clock: Arc<FixedClock>) -> TestApp {
    init_test_logging();
    let url = args.database.database_url.clone();
    let app = Application::build_with_clock(&args, clock.clone()).expect("the application starts");
    let base = format!("http://127.0.0.1:{}", app.port);
    let db = app.db.clone();
    tokio::spawn(app.server);
    // Idle connections are dropped before the server's 5 s keep-alive closes them: a test
    // that pauses (seeding, say) would otherwise send its next POST on a closed connection.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap();
    let mut test_app = TestApp {
        base,
        client,
        clock,
        db,
        database_url: url,
        admin_token: String::new(),
        args,
        _dir: Arc::new(TempDir(dir)),
    };
    test_app.admin_token = test_app
        .login_ok("management", "admin", ADMIN_PASSWORD)
        .await;
    test_app
}

/// A tenant created by a test, with its first administrator's credentials.
#[derive(Debug, Clone)]
pub struct Created {
    pub id: i64,
    pub domain: String,
    pub admin: String,
    pub password: String,
    pub body: Value,
}

impl TestApp {
    /// A second server process, as it were: its own server and connection pool over the
    /// same database, with the same clock (for state that must live in the database).
    pub fn sibling(&self) -> TestApp {
        let app = Application::build_with_clock(&self.args, self.clock.clone())
            .expect("the second application starts");
        let base = format!("http://127.0.0.1:{}", app.port);
        let db = app.db.clone();
        tokio::spawn(app.server);
        TestApp {
            base,
            client: self.client.clone(),
            clock: self.clock.clone(),
            db,
            database_url: self.database_url.clone(),
            admin_token: self.admin_token.clone(),
            args: self.args.clone(),
            _dir: self._dir.clone(),
        }
    }

    /// The server's data directory (where mails land as `.eml` files without SMTP).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.args.data_dir
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    /// `GET path` as `token`, read as JSON whatever the status (problems are JSON too).
    pub async fn get_json(&self, path: &str, token: &str) -> Value {
        self.get(path, token).await.json().await.unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::PATCH, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::PUT, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.request(Method::DELETE, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, tenant: &str, username: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "tenant": tenant, "username": username, "password": password }))
            .send()
            .await
            .unwrap()
    }

    pub async fn login_ok(&self, tenant: &str, username: &str, password: &str) -> String {
        let response = self.login(tenant, username, password).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "login to {tenant} as {username}"
        );
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// Creates a tenant as `token`'s user with an admin password, and returns it.
    pub async fn create_tenant_as(&self, token: &str, domain: &str, extra: Value) -> Created {
        let password = format!("{domain}-pass-1");
        let mut body = json!({
            "domain": domain,
            "name": format!("{domain} Ltd"),
            "admin_username": "owner",
            "admin_email": format!("owner@{domain}.test"),
            "admin_password": password,
        });
        if let (Some(obj), Value::Object(more)) = (body.as_object_mut(), extra) {
            obj.extend(more);
        }
        let response = self.post("/api/v1/tenants", token, &body).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "creating {domain}: {body}");
        Created {
            id: body["id"].as_i64().unwrap(),
            domain: domain.to_owned(),
            admin: "owner".into(),
            password,
            body,
        }
    }

    pub async fn create_tenant(&self, domain: &str) -> Created {
        self.create_tenant_as(&self.admin_token.clone(), domain, json!({}))
            .await
    }

    pub async fn token_for(&self, tenant: &Created) -> String {
        self.login_ok(&tenant.domain, &tenant.admin, &tenant.password)
            .await
    }

    /// How many tenants are stored, read directly from the database.
    pub fn stored_tenant_count(&self) -> i64 {
        self.db
            .read(landlord_persistence::tenants::count_all)
            .unwrap()
    }
}

/// The `field` of every item on a page, as text.
pub fn item_strs<'a>(page: &'a Value, field: &str) -> Vec<&'a str> {
    items(page)
        .map(|item| {
            item[field]
                .as_str()
                .unwrap_or_else(|| panic!("{field} in {item}"))
        })
        .collect()
}

/// The `field` of every item on a page, as integers (ids, counts).
pub fn item_ints(page: &Value, field: &str) -> Vec<i64> {
    items(page)
        .map(|item| {
            item[field]
                .as_i64()
                .unwrap_or_else(|| panic!("{field} in {item}"))
        })
        .collect()
}

fn items(page: &Value) -> impl Iterator<Item = &Value> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("a page of items: {page}"))
        .iter()
}

/// Reads a problem+json body, checking the media type.
pub async fn problem(response: Response) -> Value {
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "status {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// The `field` names listed in a problem's `errors`.
pub fn problem_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Loads `tenants` deterministic demo customers into `db` as of the wall clock's now, as
/// `landlord seed` does (blocking).
pub fn seed_into(db: &landlord_persistence::Database, tenants: u32, seed: u64) {
    seed_into_at(db, tenants, seed, chrono::Utc::now());
}

/// Loads `tenants` deterministic demo customers into `db` as of `now` (blocking).
pub fn seed_into_at(
    db: &landlord_persistence::Database,
    tenants: u32,
    seed: u64,
    now: chrono::DateTime<chrono::Utc>,
) {
    landlord::seed::seed_database(db, tenants, seed, now.naive_utc(), false)
        .expect("seeding works");
}
