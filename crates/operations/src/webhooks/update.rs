use super::{check_url, owned, require};
use crate::change::{Change, changed_fields, record_change};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::webhook::AddressPolicy;
use landlord_domain::wire::{WebhookEndpointChanges, WebhookEndpointView};
use landlord_persistence::Database;
use landlord_persistence::webhooks::endpoints::{self, EndpointSettings};
use serde_json::json;

/// Changes an endpoint. Enabling it clears why the server disabled it and starts its
/// failure clock afresh; disabling it by hand gives no reason. A new URL must lead where
/// `policy` lets deliveries go (see [`check_url`]).
pub fn update(
    db: &Database,
    ctx: &Context,
    id: i64,
    changes: WebhookEndpointChanges,
    policy: AddressPolicy,
) -> OpResult<WebhookEndpointView> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsChange)?;
    if let Some(url) = &changes.url {
        check_url(url, policy)?;
    }
    ctx.transaction(db, |tx| {
        let row = owned(tx, caller, id)?;
        let enabled = changes.enabled.unwrap_or(row.enabled);
        let toggled = enabled != row.enabled;
        let settings = EndpointSettings {
            url: changes.url.map_or(row.url.clone(), |u| u.into_inner()),
            description: changes.description.unwrap_or(row.description.clone()),
            event_types: changes
                .subscription
                .map_or(row.event_types.clone(), |s| s.to_stored()),
            enabled,
            disabled_reason: if toggled {
                None
            } else {
                row.disabled_reason.clone()
            },
            failing_since: if toggled && enabled {
                None
            } else {
                row.failing_since
            },
            updated_at: ctx.now,
        };
        let before = row.to_view()?;
        let unchanged = settings.url == row.url
            && settings.description == row.description
            && settings.event_types == row.event_types
            && !toggled;
        if unchanged {
            return Ok(before);
        }
        let after = endpoints::update(tx, row.id, &settings)?.to_view()?;
        let (old, new) = changed_fields(&before, &after);
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::WebhookEndpointUpdated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::WebhookEndpoint, row.id)
            .details(json!({ "before": old, "after": new })),
        )?;
        Ok(after)
    })
}
