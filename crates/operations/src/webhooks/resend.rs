use super::{disabled, require};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::WebhookDeliveryView;
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::Database;
use landlord_persistence::webhooks::{deliveries, endpoints};
use serde_json::json;

/// Queues a delivery again, due at once and with a fresh retry schedule, keeping its
/// attempts. It still goes in event order: while an earlier event to the same endpoint
/// about the same tenant is pending, it waits.
pub fn resend(db: &Database, ctx: &Context, id: i64) -> OpResult<WebhookDeliveryView> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsUpdate)?;
    ctx.transaction(db, |tx| {
        let (delivery, event_id) = deliveries::find_owned(tx, caller.tenant_id, id)?
            .ok_or(OpError::NotFound("webhook delivery"))?;
        let endpoint = endpoints::find(tx, delivery.endpoint_id)?
            .ok_or(OpError::NotFound("webhook delivery"))?;
        if !endpoint.enabled {
            return Err(disabled(&endpoint));
        }
        if delivery.locked_until.is_some_and(|until| until > ctx.now) {
            return Err(OpError::conflict(
                ErrorCode::Conflict,
                "an attempt of this delivery is under way; try again in a moment",
            ));
        }
        let requeued = deliveries::requeue(tx, delivery.id, ctx.now)?;
        let attempts = deliveries::attempts_for(tx, &[delivery.id])?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::WebhookDeliveryResent,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::WebhookEndpoint, endpoint.id)
            .details(json!({ "delivery_id": delivery.id, "event_id": event_id })),
        )?;
        Ok(requeued.to_view(&event_id, &attempts)?)
    })
}
