//! A webhook receiver for tests: a tiny HTTP/1.1 server on a loopback port that records
//! every request and answers 200, or 500 for as many requests as it is told to fail; told
//! to hold, it keeps requests unanswered (recorded) until it is released.

use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    /// Names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The status the receiver answered with.
    pub answered: u16,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    /// The `webhook-id` header.
    pub fn id(&self) -> String {
        self.header("webhook-id").unwrap_or_default().to_owned()
    }

    /// Whether `secret` made one of the request's signatures: Standard Webhooks, verified
    /// here with HMAC-SHA256 directly, not with the server's code.
    pub fn signed_by(&self, secret: &str) -> bool {
        use base64::Engine;
        use base64::engine::general_purpose::STANDARD as B64;
        use hmac::{Hmac, Mac};
        let key = B64
            .decode(secret.strip_prefix("whsec_").expect("a whsec_ secret"))
            .unwrap();
        let id = self.header("webhook-id").expect("webhook-id");
        let timestamp = self.header("webhook-timestamp").expect("webhook-timestamp");
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
        mac.update(format!("{id}.{timestamp}.{}", self.body).as_bytes());
        let expected = format!("v1,{}", B64.encode(mac.finalize().into_bytes()));
        self.header("webhook-signature")
            .expect("webhook-signature")
            .split(' ')
            .any(|s| s == expected)
    }

    /// How many signatures the request carries.
    pub fn signatures(&self) -> usize {
        self.header("webhook-signature")
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .count()
    }
}

#[derive(Default)]
struct Inner {
    requests: Vec<Received>,
    failures_left: usize,
}

#[derive(Clone)]
pub struct Receiver {
    /// Where to point an endpoint: `http://127.0.0.1:<port>/hooks`.
    pub url: String,
    inner: Arc<Mutex<Inner>>,
    held: Arc<tokio::sync::watch::Sender<Option<String>>>,
}

impl Receiver {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks", listener.local_addr().unwrap());
        let inner = Arc::new(Mutex::new(Inner::default()));
        let held = Arc::new(tokio::sync::watch::channel(None).0);
        let (shared, holding) = (inner.clone(), held.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, shared.clone(), holding.subscribe()));
            }
        });
        Self { url, inner, held }
    }

    /// Keeps every request from now on unanswered (but recorded) until [`Receiver::release`].
    pub fn hold(&self) {
        self.hold_path("/");
    }

    /// Like [`Receiver::hold`], for requests whose path starts with `prefix` only.
    pub fn hold_path(&self, prefix: &str) {
        self.held.send_replace(Some(prefix.to_owned()));
    }

    /// Answers the held requests and those that follow.
    pub fn release(&self) {
        self.held.send_replace(None);
    }

    /// Answers the next `n` requests with 500.
    pub fn fail_next(&self, n: usize) {
        self.inner.lock().unwrap().failures_left = n;
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.lock().unwrap().requests.clone()
    }

    /// Waits (up to 15 s) until at least `count` requests have arrived, and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..300 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the receiver got {} requests, not {count}",
            self.received().len()
        );
    }
}

async fn serve(
    stream: TcpStream,
    inner: Arc<Mutex<Inner>>,
    mut held: tokio::sync::watch::Receiver<Option<String>>,
) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).await.unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        let length = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let held_path = path.clone();
        let status = {
            let mut inner = inner.lock().unwrap();
            let status = if inner.failures_left > 0 {
                inner.failures_left -= 1;
                500
            } else {
                200
            };
            inner.requests.push(Received {
                method,
                path,
                headers,
                body: String::from_utf8_lossy(&body).into_owned(),
                answered: status,
            });
            status
        };
        // A held request waits here; the sender may give up (a timeout) or die meanwhile.
        let released = |held: &Option<String>| {
            held.as_deref()
                .is_none_or(|prefix| !held_path.starts_with(prefix))
        };
        if held.wait_for(released).await.is_err() {
            return;
        }
        let text = if status == 200 {
            "thanks"
        } else {
            "receiver is failing on purpose"
        };
        let response = format!(
            "HTTP/1.1 {status} {}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{text}",
            if status == 200 {
                "OK"
            } else {
                "Internal Server Error"
            },
            text.len()
        );
        if reader
            .get_mut()
            .write_all(response.as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}
