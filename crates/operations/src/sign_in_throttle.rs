//! Slowing down password guessing: every sign-in is admitted here before its password is
//! checked, and reported here when it succeeded. The rule (thresholds, windows, the delay
//! schedule) is `landlord_domain::sign_in_throttle`; the state is one database row per key,
//! so server processes sharing one PostgreSQL share it.
//!
//! An admitted attempt is charged as a failure in advance, in the same transaction that
//! found its keys unlocked. However many attempts arrive at once, each one sees the count
//! the previous one left, so no burst of concurrent guesses gets past the threshold. A
//! success then takes the charge back: it clears its account's streak and refunds its
//! address's failure.

use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::TenantId;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::sign_in_throttle::{FailureRecord, ThrottleKey, ThrottleScope};
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::tenant::TenantPath;
use landlord_persistence::audit::Actor;
use landlord_persistence::{AnyConnection, Database, Timestamp, sign_in_throttle, tenants, users};
use serde_json::json;
use std::net::IpAddr;

/// One sign-in attempt as the client made it: the tenant and username as typed, and the
/// client's address if known.
#[derive(Debug, Clone)]
pub struct SignInAttempt {
    pub tenant: String,
    pub username: String,
    pub address: Option<IpAddr>,
}

impl SignInAttempt {
    /// The keys the attempt counts against, account first: every transaction locks them in
    /// this order, so two of them never wait for each other.
    pub fn keys(&self) -> Vec<ThrottleKey> {
        let mut keys = vec![ThrottleKey::account(&self.tenant, &self.username)];
        keys.extend(self.address.map(ThrottleKey::address));
        keys
    }
}

/// What an admitted attempt was charged: each key's streak as the charge found it, for
/// [`succeeded`] to take the charge back.
#[derive(Debug, Clone)]
pub struct Admitted {
    charged_at: Timestamp,
    before: Vec<(ThrottleKey, Option<FailureRecord>)>,
}

/// Lets the attempt go on to check its password, charging it one failure on each of its
/// keys; or, while one of its keys must wait, refuses it with
/// [`OpError::TooManyAttempts`] without charging anything, and records the refusal in the
/// audit log (that record commits although the operation fails).
pub fn admit(ctx: &Context, db: &Database, attempt: &SignInAttempt) -> OpResult<Admitted> {
    let now = ctx.now;
    let outcome = ctx.transaction(db, |tx| {
        let mut locked = Vec::new();
        for key in attempt.keys() {
            let record = sign_in_throttle::lock(tx, &key, now)?;
            locked.push((key, record));
        }
        let waits: Vec<(ThrottleScope, i64)> = locked
            .iter()
            .filter_map(|(key, record)| {
                let verdict = key.rule().check(*record, now);
                verdict.retry_after_secs(now).map(|secs| (key.scope, secs))
            })
            .collect();
        if let Some(retry_after) = waits.iter().map(|(_, secs)| *secs).max() {
            record_refusal(tx, ctx, attempt, &waits, retry_after)?;
            return Ok(Err(retry_after));
        }
        for (key, record) in &locked {
            let charged = key.rule().after_failure(*record, now);
            sign_in_throttle::save(tx, key, Some(charged))?;
        }
        Ok(Ok(Admitted {
            charged_at: now,
            before: locked,
        }))
    })?;
    match outcome {
        Ok(admitted) => Ok(admitted),
        Err(retry_after_secs) => Err(OpError::TooManyAttempts {
            retry_after_secs,
            detail: format!(
                "too many failed sign-in attempts; try again in {retry_after_secs} second{}",
                if retry_after_secs == 1 { "" } else { "s" }
            ),
        }),
    }
}

/// The admitted attempt signed in: its account's streak is cleared and its address gets
/// back the failure it was charged. Then forgotten streaks are purged.
pub fn succeeded(ctx: &Context, db: &Database, admitted: &Admitted) -> OpResult<()> {
    let now = ctx.now;
    ctx.transaction(db, |tx| {
        for (key, before) in &admitted.before {
            let record = sign_in_throttle::lock(tx, key, now)?;
            let after = match key.scope {
                ThrottleScope::Account => None,
                ThrottleScope::Address => {
                    key.rule()
                        .after_refund(record, *before, admitted.charged_at, now)
                }
            };
            sign_in_throttle::save(tx, key, after)?;
        }
        Ok(())
    })?;
    // A transaction per scope (see `purge_expired`); a failure only delays the cleanup.
    for scope in ThrottleScope::ALL {
        let purged = db.write(|tx| -> OpResult<usize> {
            Ok(sign_in_throttle::purge_expired(tx, scope, now)?)
        });
        if let Err(err) = purged {
            tracing::warn!(error = %err, scope = scope.as_str(), "purging sign-in throttle rows failed");
        }
    }
    Ok(())
}

/// The audit record of a refused attempt, in the log where its failures are recorded: its
/// tenant's, or the management tenant's for a tenant that does not exist.
fn record_refusal(
    tx: &mut AnyConnection,
    ctx: &Context,
    attempt: &SignInAttempt,
    waits: &[(ThrottleScope, i64)],
    retry_after: i64,
) -> OpResult<()> {
    let tenant = tenants::find_by_domain(tx, &attempt.tenant)?;
    let user = match &tenant {
        Some(tenant) => users::find_by_username(tx, tenant.tenant_id(), &attempt.username)?,
        None => None,
    };
    let log_tenant = match &tenant {
        Some(tenant) => tenant.id,
        None => tenants::find_by_domain(tx, MANAGEMENT_DOMAIN)?
            .map(|t| t.id)
            .ok_or_else(|| OpError::Internal("no management tenant".into()))?,
    };
    let limits: Vec<&str> = waits.iter().map(|(scope, _)| scope.as_str()).collect();
    let (log_id, log_path) = match &tenant {
        Some(tenant) => (tenant.tenant_id(), tenant.tenant_path()),
        None => (TenantId(log_tenant), TenantPath::root(TenantId(log_tenant))),
    };
    let mut change = Change::new(AuditAction::LoginThrottled, log_id, log_path)
        .failed()
        .actor(Actor {
            user_id: None,
            username: Some(attempt.username.clone()),
            tenant_id: tenant.as_ref().map(|t| t.id),
        })
        .details(json!({
            "tenant": attempt.tenant,
            "reason": "throttled",
            "limits": limits,
            "retry_after": retry_after,
            "address": attempt.address.map(|a| a.to_string()),
        }));
    change = match user {
        Some(user) => change.target(AuditTarget::Session, user.id),
        None => change.untargeted(AuditTarget::Session),
    };
    record_change(tx, ctx, change)?;
    Ok(())
}
