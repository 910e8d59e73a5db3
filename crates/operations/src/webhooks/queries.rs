//! What the API lists and shows: reads, no transaction of their own.

use super::{owned, require};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::listing::PageRequest;
use landlord_domain::webhook::DeliveryStatus;
use landlord_domain::wire::{Page, WebhookDeliveryView, WebhookEndpointView};
use landlord_persistence::Database;
use landlord_persistence::webhooks::{AttemptRow, deliveries, endpoints};
use std::collections::HashMap;

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
    let (rows, total, attempts) = db.read(|conn| {
        let endpoint = owned(conn, caller, endpoint)?;
        let (rows, total) = deliveries::list_for_endpoint(conn, endpoint.id, status, page)?;
        let ids: Vec<i64> = rows.iter().map(|(d, _)| d.id).collect();
        let attempts = deliveries::attempts_for(conn, &ids)?;
        OpResult::Ok((rows, total, attempts))
    })?;
    let mut by_delivery: HashMap<i64, Vec<AttemptRow>> = HashMap::new();
    for attempt in attempts {
        by_delivery
            .entry(attempt.delivery_id)
            .or_default()
            .push(attempt);
    }
    let items = rows
        .iter()
        .map(|(d, event_id)| {
            d.to_view(
                event_id,
                by_delivery.get(&d.id).map_or(&[][..], Vec::as_slice),
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    })
}
