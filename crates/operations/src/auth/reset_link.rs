use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use crate::mail::queue::{queue, values, when};
use crate::password;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::mail::MailKind;
use landlord_domain::user::UserStatus;
use landlord_persistence::audit::Actor;
use landlord_persistence::{Database, tenants, users};
use serde_json::json;

/// How long a requested password-reset link stays valid.
pub const RESET_LINK_HOURS: i64 = 24;

/// A second request within this many minutes of the last link mails nothing: the inbox is
/// not to be flooded on anybody's say-so.
pub const RESEND_AFTER_MINUTES: i64 = 5;

/// Mails an active user of an accessible tenant a one-time password-reset link, replacing
/// any earlier link. Answers the same whether or not such a user exists, so a request
/// reveals nothing about which accounts do.
pub fn request_reset_link(
    db: &Database,
    ctx: &Context,
    tenant_domain: &str,
    username: &str,
) -> OpResult<()> {
    let token = password::random_secret(32);
    let now = ctx.now;
    let expires = now + chrono::Duration::hours(RESET_LINK_HOURS);
    ctx.transaction(db, |tx| {
        let Some(tenant) = tenants::find_by_domain(tx, tenant_domain)? else {
            return Ok(());
        };
        let Some(user) = users::find_by_username(tx, tenant.tenant_id(), username)? else {
            return Ok(());
        };
        if !tenants::accessible(tx, &tenant)? || user.status()? != UserStatus::Active {
            return Ok(());
        }
        let recent = user
            .password_reset_expires_at
            .is_some_and(|at| at > expires - chrono::Duration::minutes(RESEND_AFTER_MINUTES));
        if recent {
            return Ok(());
        }
        users::set_reset_token(
            tx,
            landlord_domain::UserId(user.id),
            &password::token_digest(&token),
            expires,
            now,
        )?;
        queue(
            tx,
            now,
            &tenant,
            MailKind::PasswordReset,
            &user.email,
            values([
                ("username", user.username.clone()),
                ("token", token.clone()),
                ("expires_at", when(expires)),
            ]),
        )?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::UserPasswordResetRequested,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(AuditTarget::User, user.id)
            .actor(Actor {
                user_id: None,
                username: Some(user.username.clone()),
                tenant_id: Some(user.tenant_id),
            })
            .details(json!({ "via": "mail", "expires_at": expires.and_utc() })),
        )
    })
}
