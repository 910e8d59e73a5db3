//! Starting ChromeDriver and Chromium, and small helpers over fantoccini.

use crate::chromium::{self, Chromium};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use landlord_tests::{TestApp, spawn_app_with_static};
use serde_json::json;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Browser {
    pub client: Client,
    pub app: TestApp,
    driver: Child,
    /// Taken from the pool for this test; `None` only while being dropped.
    chromium: Option<Chromium>,
    /// Where Chromium saves downloads.
    #[allow(dead_code)] // Read by the export flow.
    pub downloads: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // ChromeDriver leads its own process group: ending it ends this test's session, and
        // Chromium (started apart from it) stays for the next test unless this one failed.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(chromium) = self.chromium.take()
            && !std::thread::panicking()
        {
            chromium::give_back(chromium);
        }
    }
}

/// How often waits look again. fantoccini's default (250 ms) made every wait for a render
/// cost an eighth of a second on average, where a render takes a few milliseconds.
pub const POLL: Duration = Duration::from_millis(20);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn dist() -> PathBuf {
    let dist = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/dist"));
    assert!(
        dist.join("pkg/app_bg.wasm").exists(),
        "build the admin app first: make frontend"
    );
    dist
}

/// A server with `customers` seeded tenants and a fresh ChromeDriver session on a pooled
/// Chromium.
pub async fn open(customers: u32) -> Browser {
    let app = spawn_app_with_static(Some(dist())).await;
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || landlord_tests::seed_into(&db, customers, 11))
        .await
        .unwrap();
    let chromium = tokio::task::spawn_blocking(chromium::take).await.unwrap();

    let port = free_port();
    let driver =
        Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (make test installs it)");
    let capabilities = json!({
        "goog:chromeOptions": { "debuggerAddress": chromium.debugger }
    });
    let mut client = None;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let caps = capabilities
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .collect();
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
    let client = client.expect("ChromeDriver attaches a session to Chromium");
    Browser {
        client,
        app,
        driver,
        downloads: chromium.downloads.clone(),
        chromium: Some(chromium),
    }
}

pub fn css(selector: &str) -> Locator<'_> {
    Locator::Css(selector)
}

pub fn id(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

impl Browser {
    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.app.url(path)).await.unwrap();
    }

    /// Waits (up to 10 s) for an element by test id.
    pub async fn find(&self, test_id: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .every(POLL)
            .for_element(css(&id(test_id)))
            .await
            .unwrap_or_else(|e| panic!("no {test_id}: {e}"))
    }

    pub async fn all(&self, selector: &str) -> Vec<Element> {
        self.client.find_all(css(selector)).await.unwrap()
    }

    pub async fn fill(&self, test_id: &str, text: &str) {
        let field = self.find(test_id).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, test_id: &str) {
        self.find(test_id).await.click().await.unwrap();
    }

    /// Polls `check` until it holds (up to 10 s), for effects that arrive asynchronously.
    pub async fn eventually<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if check().await {
                return;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("timed out waiting for: {what}");
    }

    /// The `data-domain` of every customer row shown; empty while the table re-renders.
    pub async fn shown_domains(&self) -> Vec<String> {
        let mut domains = Vec::new();
        for row in self.all(&id("customer-row")).await {
            match row.attr("data-domain").await {
                Ok(domain) => domains.push(domain.unwrap_or_default()),
                Err(_) => return Vec::new(), // The row went stale mid-read: look again.
            }
        }
        domains
    }

    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/screenshots"))
            .join(format!("{name}.png"));
        std::fs::write(path, png).unwrap();
    }

    pub async fn sign_in(&self, tenant: &str, username: &str, password: &str) {
        self.goto("/").await;
        self.fill("signin-tenant", tenant).await;
        self.fill("signin-username", username).await;
        self.fill("signin-password", password).await;
        self.click("signin-submit").await;
    }
}

impl Browser {
    /// GETs an API path as the management admin and reads the JSON answer.
    pub async fn api_json(&self, path: &str) -> serde_json::Value {
        let response = self.app.get(path, &self.app.admin_token).await;
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// Presses `key` with a modifier held (e.g. Cmd/Ctrl+K), wherever the focus is.
    pub async fn press_with(&self, modifier: fantoccini::key::Key, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down {
                value: modifier.into(),
            })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up {
                value: modifier.into(),
            });
        self.client.perform_actions(keys).await.unwrap();
        self.client.release_actions().await.unwrap();
    }

    /// The path and query of the page shown, e.g. `/orders?tenant=4`.
    pub async fn location(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The text of an element by test id, or an empty string while it is absent or stale.
    pub async fn text_of(&self, test_id: &str) -> String {
        match self.client.find(css(&id(test_id))).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The `attr` of every element matching `test_id`; `None` when one went stale mid-read.
    pub async fn attrs(&self, test_id: &str, attr: &str) -> Option<Vec<String>> {
        let mut values = Vec::new();
        for element in self.all(&id(test_id)).await {
            values.push(element.attr(attr).await.ok()?.unwrap_or_default());
        }
        Some(values)
    }
}
