//! What the API lists and shows: reads, no transaction of their own.

use super::{owned, require};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::listing::PageRequest;
use landlord_domain::webhook::DeliveryStatus;
use landlord_domain::wire::{Page, WebhookDeliveryView, WebhookEndpointView};
use landlord_persistence::Database;
use landlord_persistence::webhooks::{deliveries, endpoints};

/// The caller's tenant's endpoints, oldest first.
pub fn list_endpoints(
    db: &Database,
    ctx: &Context,
    page: PageRequest,
) -> OpResult<Page<WebhookEndpointView>> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsRead)?;
    let (rows, total) = db.read(|conn| endpoints::list(conn, caller.tenant_id, page))?;
    Ok(Page {
        items: rows.iter().map(|r| r.to_view()).collect::<Result<_, _>>()?,
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    })
}

pub fn get_endpoint(db: &Database, ctx: &Context, id: i64) -> OpResult<WebhookEndpointView> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsRead)?;
    Ok(db.read(|conn| owned(conn, caller, id))?.to_view()?)
}

/// An endpoint's deliveries, newest first, each with its attempts.
pub fn list_deliveries(
    db: &Database,
    ctx: &Context,
    endpoint: i64,
    status: Option<DeliveryStatus>,
    page: PageRequest,
) -> OpResult<Page<WebhookDeliveryView>> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsRead)?;
    let (rows, total) = db.read(|conn| {
        let endpoint = owned(conn, caller, endpoint)?;
        OpResult::Ok(deliveries::list_for_endpoint(
            conn,
            endpoint.id,
            status,
            page,
        )?)
    })?;
    let items = rows
        .iter()
        .map(|(d, event_id, attempts)| d.to_view(event_id, attempts))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    })
}
