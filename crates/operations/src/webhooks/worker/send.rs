//! One HTTP attempt: the event's payload, signed, POSTed with a timeout.

use crate::webhooks::destination::{GuardedResolver, refused_before_sending};
use landlord_domain::Clock;
use landlord_domain::webhook::{
    AddressPolicy, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, RESPONSE_SNIPPET_BYTES,
    RefusedAddress, is_success, response_snippet, signature_header,
};
use landlord_persistence::Timestamp;
use landlord_persistence::webhooks::deliveries::Claimed;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long an endpoint has to answer.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// What every attempt goes through: the HTTP client and the policy of where it may go.
#[derive(Debug, Clone)]
pub struct Sender {
    http: reqwest::Client,
    policy: AddressPolicy,
}

impl Sender {
    /// A client with a timeout, no redirects (a receiver answers where it was registered,
    /// and a redirect could point anywhere), and a user agent naming the sender. Under a
    /// strict policy it resolves names through [`GuardedResolver`] and ignores
    /// `HTTP(S)_PROXY`, since a proxy would resolve and connect beyond the guard.
    pub fn new(policy: AddressPolicy) -> reqwest::Result<Self> {
        let mut builder = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Landlord-Webhooks/", env!("CARGO_PKG_VERSION")));
        if !policy.allow_private_networks {
            builder = builder
                .no_proxy()
                .dns_resolver(Arc::new(GuardedResolver { policy }));
        }
        Ok(Self {
            http: builder.build()?,
            policy,
        })
    }

    /// The client, for other signed calls that keep to the same policy (provisioning steps).
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub(crate) fn policy(&self) -> AddressPolicy {
        self.policy
    }
}

/// What happened when a claimed delivery was sent.
#[derive(Debug)]
pub(super) struct Attempt {
    pub claim: Claimed,
    pub at: Timestamp,
    pub response_status: Option<u16>,
    pub latency_ms: i64,
    pub error: Option<String>,
    pub response_body: Option<String>,
}

impl Attempt {
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.response_status.is_some_and(is_success)
    }
}

pub(super) async fn attempt(sender: &Sender, clock: &dyn Clock, claim: Claimed) -> Attempt {
    let now = clock.now();
    let at = now.naive_utc();
    let mut attempt = Attempt {
        claim,
        at,
        response_status: None,
        latency_ms: 0,
        error: None,
        response_body: None,
    };
    let secrets = match attempt.claim.endpoint.signing_secrets(at) {
        Ok(secrets) => secrets,
        Err(err) => {
            tracing::error!(endpoint = attempt.claim.endpoint.id, error = %err, "cannot sign a webhook");
            attempt.error = Some("the endpoint's secret could not be read".to_owned());
            return attempt;
        }
    };
    if let Some(refused) = refused_before_sending(&attempt.claim.endpoint.url, sender.policy) {
        attempt.error = Some(refused.to_string());
        return attempt;
    }
    let event = &attempt.claim.event;
    let timestamp = now.timestamp();
    let signature = signature_header(&secrets, &event.public_id, timestamp, &event.payload);
    let started = Instant::now();
    let sent = sender
        .http
        .post(&attempt.claim.endpoint.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(HEADER_ID, &event.public_id)
        .header(HEADER_TIMESTAMP, timestamp.to_string())
        .header(HEADER_SIGNATURE, signature)
        .body(event.payload.clone())
        .send()
        .await;
    match sent {
        Ok(mut response) => {
            let status = response.status();
            attempt.response_status = Some(status.as_u16());
            let mut body = Vec::new();
            while body.len() < RESPONSE_SNIPPET_BYTES {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    Ok(None) | Err(_) => break,
                }
            }
            attempt.response_body = Some(response_snippet(&body)).filter(|b| !b.is_empty());
            if !is_success(status.as_u16()) {
                attempt.error = Some(if status.is_redirection() {
                    format!("the endpoint answered {status}; redirects are not followed")
                } else {
                    format!("the endpoint answered {status}")
                });
            }
        }
        Err(err) => attempt.error = Some(describe(&err)),
    }
    attempt.latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    attempt
}

/// A failed request in a sentence, without the URL (the delivery log shows it already).
pub(crate) fn describe(err: &reqwest::Error) -> String {
    use std::error::Error;
    if err.is_timeout() {
        return format!("no answer within {} s", TIMEOUT.as_secs());
    }
    let mut cause = String::new();
    let mut source = err.source();
    while let Some(inner) = source {
        // The guard's refusal says all there is to say.
        if let Some(refused) = inner.downcast_ref::<RefusedAddress>() {
            return refused.to_string();
        }
        cause = inner.to_string();
        source = inner.source();
    }
    let what = if err.is_connect() {
        "could not connect"
    } else if err.is_request() || err.is_body() {
        "the request failed"
    } else {
        "the exchange failed"
    };
    if cause.is_empty() {
        what.to_owned()
    } else {
        format!("{what}: {cause}")
    }
}
