use super::{owned, require};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_persistence::Database;
use landlord_persistence::webhooks::endpoints;
use serde_json::json;

/// Removes an endpoint with its deliveries and their attempts.
pub fn delete(db: &Database, ctx: &Context, id: i64) -> OpResult<()> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsChange)?;
    ctx.transaction(db, |tx| {
        let row = owned(tx, caller, id)?;
        let before = row.to_view()?;
        endpoints::delete(tx, row.id)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::WebhookEndpointDeleted,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::WebhookEndpoint, row.id)
            .details(json!({ "before": before })),
        )
    })
}
