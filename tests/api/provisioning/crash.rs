//! `kill -9` in the middle of a step: the pipeline is in the database, so a server started
//! again resumes it once the dead process's claim lapses, and no step that had succeeded
//! runs again. The servers are real processes (`landlord-test-server`, the server's own
//! code) on the system clock; the step's timeout is short so its claim lapses in seconds.

use landlord_tests::receiver::Receiver;
use landlord_tests::{ADMIN_PASSWORD, JWT_SECRET, TempDir, fresh_database_url};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process over a database, killed (SIGKILL) when dropped.
struct ServerProcess {
    child: Child,
    base: String,
    client: reqwest::Client,
    token: String,
}

impl ServerProcess {
    async fn start(dir: &std::path::Path, database_url: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_landlord-test-server"))
            .args(["--database-url", database_url])
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(["--jwt-secret", JWT_SECRET])
            .args(["--admin-password", ADMIN_PASSWORD])
            .arg("--data-dir")
            .arg(dir)
            .arg("--static-dir")
            .arg(dir.join("no-static"))
            .args(["--billing-interval-seconds", "0"])
            .args(["--webhook-allow-private-networks", "true"])
            .env(
                "LANDLORD_LOG",
                std::env::var("LANDLORD_TEST_LOG").unwrap_or("error".into()),
            )
            .stdout(Stdio::null())
            .spawn()
            .expect("the test server starts");
        let mut server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
            token: String::new(),
        };
        let started = Instant::now();
        loop {
            let login = server
                .client
                .post(format!("{}/api/v1/auth/login", server.base))
                .json(&json!({ "tenant": "management", "username": "admin", "password": ADMIN_PASSWORD }))
                .send()
                .await;
            if let Ok(response) = login
                && response.status() == StatusCode::OK
            {
                let body: Value = response.json().await.unwrap();
                server.token = body["access_token"].as_str().unwrap().to_owned();
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not come up"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    async fn get(&self, path: &str) -> Value {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Polls `path` (up to `within`) until `check` holds.
    async fn wait(&self, path: &str, within: Duration, check: impl Fn(&Value) -> bool) -> Value {
        let started = Instant::now();
        loop {
            let value = self.get(path).await;
            if check(&value) {
                return value;
            }
            assert!(started.elapsed() < within, "timed out on {path}: {value}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// `kill -9`: no shutdown, no chance to release anything.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn step<'a>(pipeline: &'a Value, name: &str) -> &'a Value {
    pipeline["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap()
}

#[tokio::test]
async fn a_pipeline_killed_mid_step_resumes_after_a_restart_without_rerunning_succeeded_steps() {
    let dir = std::env::temp_dir().join(format!("landlord-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let _cleanup = TempDir(dir.clone());
    let database_url = fresh_database_url(&dir);
    let receiver = Receiver::start().await;

    let first = ServerProcess::start(&dir, &database_url).await;
    for name in ["create-database", "seed"] {
        first
            .post(
                "/api/v1/provisioning-steps",
                json!({ "name": name, "url": format!("{}/{name}", receiver.url), "timeout_s": 2 }),
            )
            .await;
    }
    receiver.hold_path("/hooks/seed");
    let tenant = first
        .post(
            "/api/v1/tenants",
            json!({
                "domain": "acme", "name": "Acme", "admin_username": "owner",
                "admin_email": "owner@acme.test", "admin_password": "acme-pass-1",
            }),
        )
        .await;
    let path = format!("/api/v1/tenants/{}/provisioning", tenant["id"]);
    receiver.wait_for(2).await;
    let pipeline = first
        .wait(&path, Duration::from_secs(10), |p| {
            step(p, "seed")["status"] == "running"
        })
        .await;
    assert_eq!(step(&pipeline, "create-database")["status"], "succeeded");
    first.kill();
    receiver.release();

    let second = ServerProcess::start(&dir, &database_url).await;
    let pipeline = second
        .wait(&path, Duration::from_secs(30), |p| {
            p["status"] == "succeeded"
        })
        .await;
    assert_eq!(
        step(&pipeline, "seed")["attempts"],
        2,
        "the killed attempt counts"
    );
    assert_eq!(step(&pipeline, "create-database")["attempts"], 1);
    let tenant = second
        .get(&format!("/api/v1/tenants/{}", tenant["id"]))
        .await;
    assert_eq!(tenant["status"], "active");
    let paths: Vec<String> = receiver.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        ["/hooks/create-database", "/hooks/seed", "/hooks/seed"],
        "the step that had succeeded ran once"
    );
    second.kill();
}
