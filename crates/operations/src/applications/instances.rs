//! A runtime's report of a microservice's instances, stored as their current state. Every
//! change in the number of instances is an audit record (`application.instances_changed`)
//! in the log of the tenant they serve (the owner's, for a multi-tenant microservice).

use super::subscriptions::scope_key;
use super::{available_to, instances_view};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::application::{ApplicationType, Isolation};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{InstancesReport, InstancesView, TenantRef};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::Database;
use landlord_persistence::application_history as history;
use landlord_persistence::applications::{self as store, InstancesRow};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, tenants};
use serde_json::json;

/// Stores `report` as the instances of microservice `key` (for its `tenant`, when it is
/// isolated per tenant). Only its owner reports: an administrator or a service token with
/// the `applications:report` scope.
pub fn report(
    db: &Database,
    ctx: &Context,
    key: &str,
    report: InstancesReport,
) -> OpResult<InstancesView> {
    let caller = ctx.caller()?;
    caller.require(Permission::ApplicationsReport)?;
    let report = report.parse()?;
    ctx.transaction(db, |tx| {
        let app = store::find(tx, key)?
            .filter(|app| available_to(app, &caller.tenant_path))
            .ok_or(OpError::NotFound("application"))?;
        if app.owner_tenant_id != caller.tenant_id.0 {
            return Err(OpError::forbidden(
                ErrorCode::NotOwner,
                "only the application's owner reports its instances",
            ));
        }
        let isolation = match (
            ApplicationType::parse(&app.application_type),
            &app.isolation,
        ) {
            (Some(ApplicationType::Microservice), Some(i)) => Isolation::parse(i),
            _ => None,
        }
        .ok_or_else(|| {
            OpError::conflict(
                ErrorCode::NotAMicroservice,
                "only a microservice has instances to report",
            )
        })?;
        store::lock(tx, &app.key)?;
        let owner =
            tenants::find(tx, TenantId(app.owner_tenant_id))?.ok_or(OpError::NotFound("tenant"))?;
        let served = match (isolation, &report.tenant) {
            (Isolation::PerTenant, None) => {
                return Err(OpError::field(
                    "tenant",
                    "required",
                    "a per-tenant microservice's report names the tenant its instances serve",
                ));
            }
            (Isolation::PerTenant, Some(tenant)) => {
                let tenant = subscriber(tx, &owner, tenant)?;
                if store::subscription(tx, tenant.id, &app.key)?.is_none() {
                    return Err(OpError::field(
                        "tenant",
                        "not_subscribed",
                        "the tenant is not subscribed to this application",
                    ));
                }
                Some(tenant)
            }
            (Isolation::MultiTenant, Some(_)) => {
                return Err(OpError::field(
                    "tenant",
                    "not_allowed",
                    "a multi-tenant microservice's instances serve every subscriber",
                ));
            }
            (Isolation::MultiTenant, None) => None,
        };
        let scope = scope_key(isolation, served.as_ref().map_or(0, |t| t.id));
        let previous = store::instances(tx, &app.key, &scope)?;
        let instances = serde_json::to_string(&report.instances)
            .map_err(|e| OpError::Internal(e.to_string()))?;
        let row = InstancesRow {
            application_key: app.key.clone(),
            scope_key: scope,
            tenant_id: served.as_ref().map(|t| t.id),
            active: report.counts.active,
            unhealthy: report.counts.unhealthy,
            desired: report.counts.desired,
            instances,
            reported_at: ctx.now,
        };
        store::save_instances(tx, &row, previous.is_some())?;
        history::record_instances(
            tx,
            &row.application_key,
            &row.scope_key,
            row.tenant_id,
            row.active,
            ctx.now,
        )?;
        let before = match &previous {
            Some(p) => instances_view(p)?.instances.len(),
            None => 0,
        };
        let after = report.instances.len();
        if before != after {
            let logged = served.as_ref().unwrap_or(&owner);
            record_change(
                tx,
                ctx,
                Change::new(
                    AuditAction::ApplicationInstancesChanged,
                    TenantId(logged.id),
                    logged.tenant_path(),
                )
                .target(AuditTarget::Application, &app.key)
                .details(json!({
                    "tenant_id": row.tenant_id,
                    "before": before,
                    "after": after,
                    "active": row.active,
                    "unhealthy": row.unhealthy,
                    "desired": row.desired,
                })),
            )?;
        }
        instances_view(&row)
    })
}

/// The tenant a report names, if it is in the owner's subtree.
fn subscriber(
    conn: &mut AnyConnection,
    owner: &TenantRow,
    tenant: &TenantRef,
) -> OpResult<TenantRow> {
    let id = match tenant {
        TenantRef::Id(id) => Some(*id),
        TenantRef::Domain(domain) => tenants::find_by_domain(conn, domain)?.map(|t| t.id),
    };
    let found = match id {
        Some(id) => tenants::find_within(conn, &owner.tenant_path(), TenantId(id))?,
        None => None,
    };
    found.ok_or_else(|| {
        OpError::field(
            "tenant",
            "unknown_tenant",
            "names no tenant of the owner's subtree",
        )
    })
}
