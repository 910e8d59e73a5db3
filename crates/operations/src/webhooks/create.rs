use super::{check_url, new_secret, require};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::webhook::AddressPolicy;
use landlord_domain::wire::{CreatedWebhookEndpoint, NewWebhookEndpoint};
use landlord_persistence::Database;
use landlord_persistence::webhooks::{NewEndpointRow, endpoints};
use serde_json::json;

/// Registers an endpoint for the caller's tenant; the answer holds its secret, once. Its URL
/// must lead where `policy` lets deliveries go (see [`check_url`]).
pub fn create(
    db: &Database,
    ctx: &Context,
    input: NewWebhookEndpoint,
    policy: AddressPolicy,
) -> OpResult<CreatedWebhookEndpoint> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsChange)?;
    check_url(&input.url, policy)?;
    let secret = new_secret()?;
    ctx.transaction(db, |tx| {
        let row = endpoints::insert(
            tx,
            NewEndpointRow {
                tenant_id: caller.tenant_id.0,
                url: input.url.into_inner(),
                description: input.description,
                event_types: input.subscription.to_stored(),
                enabled: input.enabled,
                secret: secret.clone(),
                created_at: ctx.now,
                updated_at: ctx.now,
            },
        )?;
        let endpoint = row.to_view()?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::WebhookEndpointCreated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::WebhookEndpoint, row.id)
            .details(json!({ "after": endpoint })),
        )?;
        Ok(CreatedWebhookEndpoint { endpoint, secret })
    })
}
