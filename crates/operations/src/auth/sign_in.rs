use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use crate::sign_in_throttle::{self, SignInAttempt};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::user::UserStatus;
use landlord_domain::{ErrorCode, TenantId, TenantPath, UserId};
use landlord_persistence::audit::Actor;
use landlord_persistence::models::{TenantRow, UserRow};
use landlord_persistence::{Database, tenants, users};
use serde_json::json;

/// The same answer for an unknown tenant, an unknown user and a wrong password, so an
/// attempt reveals nothing about which exist.
const BAD_CREDENTIALS: &str = "the tenant, username or password is wrong";

/// Who signed in: what the token is issued for.
#[derive(Debug, Clone, Copy)]
pub struct SignedIn {
    pub user_id: UserId,
    pub tenant_id: TenantId,
    pub session_generation: i64,
    /// For a support sign-in: the tenant the support user acts in.
    pub support_tenant: Option<TenantId>,
}

/// Checks a tenant domain, username and password. Every attempt, successful or not, is
/// written to the audit log: the tenant's, or the management tenant's for an unknown one.
///
/// Every attempt is first admitted by sign-in throttling (which refuses it, unchecked, while
/// its account or address must wait), and a success takes back the failure it was charged.
pub fn sign_in(
    db: &Database,
    ctx: &Context,
    attempt: &SignInAttempt,
    given: &str,
) -> OpResult<SignedIn> {
    let admitted = sign_in_throttle::admit(ctx, db, attempt)?;
    let (tenant, username) = (attempt.tenant.as_str(), attempt.username.as_str());
    let found: Option<(TenantRow, Option<UserRow>, bool)> = db.read(|conn| {
        let Some(row) = tenants::find_by_domain(conn, tenant)? else {
            return Ok::<_, OpError>(None);
        };
        let user = users::find_by_username(conn, row.tenant_id(), username)?;
        let accessible = tenants::accessible(conn, &row)?;
        Ok(Some((row, user, accessible)))
    })?;
    let stored_hash = found
        .as_ref()
        .and_then(|(_, user, _)| user.as_ref())
        .and_then(|u| u.password_hash.clone());
    // Always verify, against a dummy hash if need be, so timing reveals nothing either.
    let verified = password::verify(stored_hash.as_deref(), given);
    let bad = || OpError::Unauthorized {
        code: ErrorCode::Unauthorized,
        detail: BAD_CREDENTIALS.into(),
    };
    let outcome = match &found {
        Some((row, Some(user), accessible)) if verified => {
            if user.status()? != UserStatus::Active {
                Err(("user_disabled", bad()))
            } else if !accessible {
                Err((
                    "tenant_blocked",
                    OpError::Unauthorized {
                        code: ErrorCode::Unauthorized,
                        detail: "the tenant is suspended or inactive".into(),
                    },
                ))
            } else {
                Ok(SignedIn {
                    user_id: UserId(user.id),
                    tenant_id: row.tenant_id(),
                    session_generation: user.session_generation,
                    support_tenant: None,
                })
            }
        }
        Some((_, Some(_), _)) => Err(("wrong_password", bad())),
        Some((_, None, _)) => Err(("unknown_user", bad())),
        None => Err(("unknown_tenant", bad())),
    };
    let found_tenant = found
        .as_ref()
        .map(|(t, _, _)| (t.tenant_id(), t.tenant_path()));
    let user_id = found
        .as_ref()
        .and_then(|(_, u, _)| u.as_ref().map(|u| u.id));
    let reason = outcome.as_ref().err().map(|(reason, _)| *reason);
    ctx.transaction(db, |tx| {
        // Attempts on unknown tenants are recorded in the management tenant's log.
        let (log_tenant, log_path): (TenantId, TenantPath) = match &found_tenant {
            Some(found) => found.clone(),
            None => tenants::find_by_domain(tx, MANAGEMENT_DOMAIN)?
                .map(|t| (t.tenant_id(), t.tenant_path()))
                .ok_or(OpError::Internal("no management tenant".into()))?,
        };
        let action = if reason.is_none() {
            AuditAction::LoginSucceeded
        } else {
            AuditAction::LoginFailed
        };
        let mut change = Change::new(action, log_tenant, log_path)
            .actor(Actor {
                user_id: if reason.is_none() { user_id } else { None },
                username: Some(username.to_owned()),
                tenant_id: found_tenant.as_ref().map(|(id, _)| id.0),
            })
            .details(match reason {
                Some(reason) => json!({ "tenant": tenant, "reason": reason }),
                None => json!({ "tenant": tenant }),
            });
        change = match user_id {
            Some(id) => change.target(AuditTarget::Session, id),
            None => change.untargeted(AuditTarget::Session),
        };
        if reason.is_some() {
            change = change.failed();
        }
        record_change(tx, ctx, change)
    })?;
    let signed_in = outcome.map_err(|(_, err)| err)?;
    sign_in_throttle::succeeded(ctx, db, &admitted)?;
    Ok(signed_in)
}
