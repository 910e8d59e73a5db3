use super::visible;
use crate::auth::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::Permission;
use landlord_domain::audit::AuditAction;
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::order::NOTABLE_ORDER_MINOR;
use landlord_domain::wire::{BillingInfo, HistoryEntry, Problem, TenantDetail};
use landlord_persistence::{audit, orders};

/// How many events the account history shows.
const HISTORY: i64 = 20;

/// Show one tenant with its detail panel: counts, contact and billing information, and the
/// account history (creation, status changes, notable orders), newest first.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The tenant", body = TenantDetail),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}")]
pub async fn get_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantDetail>> {
    principal.require(Permission::TenantsRead)?;
    let id = id.into_inner();
    let caller = principal.tenant_rules();
    let (row, events, orders) = state
        .read(move |conn| {
            let row = visible(conn, &principal, id)?;
            let events = audit::lifecycle(conn, row.tenant_id(), HISTORY)?;
            let orders =
                orders::notable_orders(conn, row.tenant_id(), NOTABLE_ORDER_MINOR, HISTORY)?;
            Ok((row, events, orders))
        })
        .await?;
    let mut history: Vec<HistoryEntry> = events
        .iter()
        .filter_map(|event| {
            let (kind, verb) = match AuditAction::parse(&event.action)? {
                AuditAction::TenantSuspended => ("suspended", "Suspended"),
                AuditAction::TenantActivated => ("activated", "Activated"),
                AuditAction::TenantDeactivated => ("deactivated", "Deactivated"),
                _ => return None,
            };
            let by = event
                .actor_username
                .as_deref()
                .map(|u| format!(" by {u}"))
                .unwrap_or_default();
            Some(HistoryEntry {
                at: event.occurred_at.and_utc(),
                kind: kind.to_owned(),
                summary: format!("{verb}{by}"),
            })
        })
        .chain(orders.iter().map(|order| {
            let amount = Currency::parse(&order.currency)
                .map(|c| format_amount(order.total_minor, c))
                .unwrap_or_default();
            HistoryEntry {
                at: order.placed_at.and_utc(),
                kind: "order".to_owned(),
                summary: format!(
                    "Order {} for {amount} {} ({})",
                    order.number, order.currency, order.status
                ),
            }
        }))
        .chain(std::iter::once(HistoryEntry {
            at: row.created_at.and_utc(),
            kind: "created".to_owned(),
            summary: "Customer created".to_owned(),
        }))
        .collect();
    history.sort_by_key(|entry| std::cmp::Reverse(entry.at));
    history.truncate(HISTORY as usize);
    Ok(web::Json(TenantDetail {
        billing: BillingInfo {
            payment_method: row.billing_payment_method.clone(),
            address: row.billing_address.clone(),
        },
        tenant: row.to_view()?.seen_by(caller),
        history,
    }))
}
