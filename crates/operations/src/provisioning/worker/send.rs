//! One call of an external step: `{type, tenant_id, domain, name, step, attempt}`, signed
//! with the step's secret (Standard Webhooks), POSTed with the step's timeout.

use crate::webhooks::destination::refused_before_sending;
use crate::webhooks::worker::Sender;
use crate::webhooks::worker::send::describe;
use landlord_domain::Clock;
use landlord_domain::webhook::{
    HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, WebhookSecret, is_success, signature_header,
};
use landlord_persistence::Timestamp;
use landlord_persistence::models::TenantRow;
use landlord_persistence::provisioning::StepRow;
use serde_json::json;
use std::time::Duration;

/// A claimed step with its tenant.
#[derive(Debug, Clone)]
pub(super) struct Claimed {
    pub step: StepRow,
    pub tenant: TenantRow,
}

/// What happened when a claimed step was called.
#[derive(Debug)]
pub(super) struct Attempt {
    pub claim: Claimed,
    pub at: Timestamp,
    /// `None`: the step succeeded.
    pub error: Option<String>,
}

/// The `webhook-id` of a step's calls: the same in every attempt, so the operator's
/// endpoint can tell a retry from a new step.
pub fn message_id(step: &StepRow) -> String {
    format!("prov_{}", step.id)
}

pub(super) async fn attempt(sender: &Sender, clock: &dyn Clock, claim: Claimed) -> Attempt {
    let now = clock.now();
    let at = now.naive_utc();
    let error = call(sender, now.timestamp(), &claim).await.err();
    Attempt { claim, at, error }
}

async fn call(sender: &Sender, timestamp: i64, claim: &Claimed) -> Result<(), String> {
    let step = &claim.step;
    let (Some(url), Some(secret)) = (&step.url, &step.secret) else {
        return Err("the step has no endpoint".to_owned());
    };
    let secret = WebhookSecret::parse(secret).map_err(|_| {
        tracing::error!(step = step.id, "cannot sign a provisioning step");
        "the step's secret could not be read".to_owned()
    })?;
    if let Some(refused) = refused_before_sending(url, sender.policy()) {
        return Err(refused.to_string());
    }
    let body = json!({
        "type": "provisioning.step",
        "tenant_id": claim.tenant.id,
        "domain": claim.tenant.domain,
        "name": claim.tenant.name,
        "step": step.name,
        "attempt": step.attempts,
        "max_attempts": step.max_attempts,
    })
    .to_string();
    let id = message_id(step);
    let signature = signature_header(&[secret], &id, timestamp, &body);
    let timeout = Duration::from_secs(u64::try_from(step.timeout_s.max(1)).unwrap_or(1));
    let sent = sender
        .http()
        .post(url)
        .timeout(timeout)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(HEADER_ID, &id)
        .header(HEADER_TIMESTAMP, timestamp.to_string())
        .header(HEADER_SIGNATURE, signature)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) if is_success(response.status().as_u16()) => Ok(()),
        Ok(response) => Err(format!("the endpoint answered {}", response.status())),
        Err(err) if err.is_timeout() => Err(format!("no answer within {} s", timeout.as_secs())),
        Err(err) => Err(describe(&err)),
    }
}
