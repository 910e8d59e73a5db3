//! A support user of the management tenant signing in to a customer's tenant (seed 003):
//! their own username and password, the target tenant's grant and the platform switch.

use super::SignedIn;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use crate::sign_in_throttle::{self, SignInAttempt};
use crate::support_access::session;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::user::UserStatus;
use landlord_domain::{ErrorCode, UserId};
use landlord_persistence::audit::Actor;
use landlord_persistence::models::{TenantRow, UserRow};
use landlord_persistence::{Database, tenants, users};
use serde_json::json;

const BAD_CREDENTIALS: &str = "the tenant, username or password is wrong";

/// Checks the management user's credentials, then that they may act in `attempt.tenant` as
/// support now. Every attempt is audited: a success in the target tenant's log (naming the
/// support user), a failure in the management tenant's.
pub fn sign_in_as_support(
    db: &Database,
    ctx: &Context,
    attempt: &SignInAttempt,
    given: &str,
) -> OpResult<SignedIn> {
    let admitted = sign_in_throttle::admit(ctx, db, attempt)?;
    let (target_domain, username) = (attempt.tenant.as_str(), attempt.username.as_str());
    type Found = (TenantRow, Option<UserRow>, Option<TenantRow>);
    let found: Found = db.read(|conn| {
        let management = tenants::find_by_domain(conn, MANAGEMENT_DOMAIN)?
            .ok_or(OpError::Internal("no management tenant".into()))?;
        let user = users::find_by_username(conn, management.tenant_id(), username)?;
        let target = tenants::find_by_domain(conn, target_domain)?;
        OpResult::Ok((management, user, target))
    })?;
    let (management, user, target) = found;
    let verified = password::verify(
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
        given,
    );
    let bad = || OpError::Unauthorized {
        code: ErrorCode::Unauthorized,
        detail: BAD_CREDENTIALS.into(),
    };
    let outcome: Result<(UserRow, TenantRow), (&str, OpError)> = match (user, target) {
        (Some(user), Some(target)) if verified => {
            let active = user.status()? == UserStatus::Active;
            let accessible =
                db.read(|conn| Ok::<_, OpError>(tenants::accessible(conn, &management)?))?;
            if !active || !accessible {
                Err(("user_disabled", bad()))
            } else {
                match db.read(|conn| session::check(conn, &user, &management, &target, ctx.now))? {
                    Ok(()) => Ok((user, target)),
                    Err(denied) => Err((denied.reason(), denied.at_sign_in())),
                }
            }
        }
        (Some(_), Some(_)) => Err(("wrong_password", bad())),
        (None, _) => Err(("unknown_user", bad())),
        (Some(_), None) => Err(("unknown_tenant", bad())),
    };
    ctx.transaction(db, |tx| {
        let change = match &outcome {
            Ok((user, target)) => Change::new(
                AuditAction::LoginSucceeded,
                target.tenant_id(),
                target.tenant_path(),
            )
            .actor(Actor {
                user_id: Some(user.id),
                username: Some(user.username.clone()),
                tenant_id: Some(management.id),
            })
            .target(AuditTarget::Session, user.id)
            .details(json!({
                "tenant": target_domain,
                "support": {
                    "user_id": user.id,
                    "username": user.username,
                    "tenant_id": management.id,
                    "on_behalf_of": { "tenant_id": target.id, "domain": target.domain },
                },
            })),
            Err((reason, _)) => Change::new(
                AuditAction::LoginFailed,
                management.tenant_id(),
                management.tenant_path(),
            )
            .actor(Actor {
                user_id: None,
                username: Some(username.to_owned()),
                tenant_id: Some(management.id),
            })
            .untargeted(AuditTarget::Session)
            .details(json!({ "tenant": target_domain, "support": true, "reason": reason }))
            .failed(),
        };
        record_change(tx, ctx, change)
    })?;
    let (user, target) = outcome.map_err(|(_, err)| err)?;
    sign_in_throttle::succeeded(ctx, db, &admitted)?;
    Ok(SignedIn {
        user_id: UserId(user.id),
        tenant_id: management.tenant_id(),
        session_generation: user.session_generation,
        support_tenant: Some(target.tenant_id()),
    })
}
