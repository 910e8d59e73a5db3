//! A real SMTP server on loopback for the mail tests: aiosmtpd (installed from PyPI into the
//! project's virtualenv by `scripts/ensure-aiosmtpd.sh`) running `smtp_sink.py`, which
//! writes every accepted message into a folder. Stopped when dropped.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A message as the sink decoded it.
#[derive(Debug, Clone, Deserialize)]
pub struct Delivered {
    pub envelope_to: Vec<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub content_type: String,
    pub text: Option<String>,
    pub html: Option<String>,
}

impl Delivered {
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    pub fn html(&self) -> &str {
        self.html.as_deref().unwrap_or_default()
    }

    /// The token of the first `reset-password?token=` link in the text part.
    pub fn reset_token(&self) -> Option<String> {
        let text = self.text();
        let start = text.find("reset-password?token=")? + "reset-password?token=".len();
        Some(
            text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect(),
        )
    }
}

pub struct SmtpSink {
    pub port: u16,
    folder: PathBuf,
    child: Child,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_path_buf()
}

/// The virtualenv's python with aiosmtpd, installed once per test run.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let out = Command::new(workspace_root().join("scripts/ensure-aiosmtpd.sh"))
            .stderr(Stdio::inherit())
            .output()
            .expect("scripts/ensure-aiosmtpd.sh runs");
        assert!(out.status.success(), "installing aiosmtpd failed");
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
    })
}

/// A loopback port nothing listens on (for now).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on(free_port()).await
    }

    /// Starts the server on `port` and waits until it accepts connections.
    pub async fn start_on(port: u16) -> SmtpSink {
        let python = python().to_path_buf();
        let folder =
            std::env::temp_dir().join(format!("landlord-smtp-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&folder).unwrap();
        let child = Command::new(python)
            .env("PYTHONPATH", workspace_root().join("tests/support"))
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "smtp_sink.Sink"])
            .arg(&folder)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("the SMTP sink starts");
        let sink = SmtpSink {
            port,
            folder,
            child,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "the SMTP sink did not start on {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        sink
    }

    /// `smtp://127.0.0.1:<port>` for `LANDLORD_SMTP_URL`.
    pub fn url(&self) -> String {
        smtp_url(self.port)
    }

    /// Every message received so far, in order.
    pub fn messages(&self) -> Vec<Delivered> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits (up to 15 s) until `count` messages arrived, and answers them.
    pub async fn wait_for(&self, count: usize) -> Vec<Delivered> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "expected {count} mails, got {}: {messages:?}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// `smtp://127.0.0.1:<port>`.
pub fn smtp_url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}
