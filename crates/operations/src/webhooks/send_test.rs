use super::{disabled, owned, require};
use crate::change::{Change, new_event_id, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::event::{EventData, EventPayload, EventType};
use landlord_domain::wire::WebhookDeliveryView;
use landlord_persistence::Database;
use landlord_persistence::events::{self, NewEventRow};
use landlord_persistence::webhooks::{NewDeliveryRow, deliveries};
use serde_json::json;

/// Queues a `webhook.test` event for this endpoint only, whatever it subscribes to. The
/// event is stored already dispatched, with its one delivery, so fan-out never sends it
/// to another endpoint.
pub fn send_test(db: &Database, ctx: &Context, id: i64) -> OpResult<WebhookDeliveryView> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsUpdate)?;
    ctx.transaction(db, |tx| {
        let endpoint = owned(tx, caller, id)?;
        if !endpoint.enabled {
            return Err(disabled(&endpoint));
        }
        let payload = EventPayload {
            id: new_event_id(),
            event_type: EventType::WebhookTest.as_str().to_owned(),
            created_at: ctx.now.and_utc(),
            tenant_id: caller.tenant_id.0,
            data: EventData {
                object: json!({
                    "endpoint_id": endpoint.id,
                    "message": "A test event from Landlord: this endpoint receives webhooks.",
                }),
                previous_attributes: None,
            },
        };
        let event = events::append_dispatched(
            tx,
            NewEventRow {
                public_id: payload.id.clone(),
                event_type: payload.event_type.clone(),
                tenant_id: caller.tenant_id.0,
                tenant_path: caller.tenant_path.as_str().to_owned(),
                created_at: ctx.now,
                payload: serde_json::to_string(&payload)
                    .map_err(|e| OpError::Internal(e.to_string()))?,
            },
        )?;
        let delivery = deliveries::insert(tx, &NewDeliveryRow::due(endpoint.id, &event, ctx.now))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::WebhookEndpointTestSent,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::WebhookEndpoint, endpoint.id)
            .details(json!({ "event_id": event.public_id, "delivery_id": delivery.id })),
        )?;
        Ok(delivery.to_view(&event.public_id, &[])?)
    })
}
