use super::{new_secret, owned, require};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::RotatedWebhookSecret;
use landlord_persistence::Database;
use landlord_persistence::webhooks::endpoints;
use serde_json::json;

/// How long a rotated-out secret keeps signing deliveries next to the new one.
pub const PREVIOUS_SECRET_HOURS: i64 = 24;

/// Gives an endpoint a new secret, answered once. For [`PREVIOUS_SECRET_HOURS`] the old
/// one signs every delivery too (two signatures in `webhook-signature`), so receivers can
/// switch without missing one. A second rotation within that window retires the first
/// old secret at once: only the latest one replaced keeps signing.
pub fn rotate_secret(db: &Database, ctx: &Context, id: i64) -> OpResult<RotatedWebhookSecret> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsChange)?;
    let secret = new_secret()?;
    let until = ctx.now + chrono::Duration::hours(PREVIOUS_SECRET_HOURS);
    ctx.transaction(db, |tx| {
        let row = owned(tx, caller, id)?;
        endpoints::rotate_secret(tx, row.id, &secret, &row.secret, until, ctx.now)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::WebhookEndpointSecretRotated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::WebhookEndpoint, row.id)
            .details(json!({ "previous_secret_expires_at": until.and_utc() })),
        )?;
        Ok(RotatedWebhookSecret {
            secret: secret.clone(),
            previous_secret_expires_at: until.and_utc(),
        })
    })
}
