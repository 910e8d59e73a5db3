use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::password::NewPassword;
use landlord_domain::{TenantId, UserId};
use landlord_persistence::audit::Actor;
use landlord_persistence::{Database, tenants, users};
use serde_json::json;

/// Sets a new password with the token of a password-reset link; the link works once.
pub fn reset_password(
    db: &Database,
    ctx: &Context,
    token: &str,
    new_password: NewPassword,
) -> OpResult<()> {
    let hash = password::hash(new_password.expose()).map_err(OpError::Internal)?;
    let digest = password::token_digest(token);
    ctx.transaction(db, |tx| {
        let invalid = || {
            OpError::field(
                "token",
                "invalid_token",
                "the link is invalid, expired or already used",
            )
        };
        let user = users::find_by_reset_token(tx, &digest)?.ok_or_else(invalid)?;
        if user
            .password_reset_expires_at
            .is_none_or(|expires| expires <= ctx.now)
        {
            return Err(invalid());
        }
        let tenant = tenants::find(tx, TenantId(user.tenant_id))?.ok_or_else(invalid)?;
        users::set_password(tx, UserId(user.id), &hash, ctx.now)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::UserPasswordReset,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(AuditTarget::User, user.id)
            .actor(Actor {
                user_id: Some(user.id),
                username: Some(user.username.clone()),
                tenant_id: Some(user.tenant_id),
            })
            .details(json!({ "via": "reset_link" })),
        )
    })
}
