//! The meter catalogue: defined by the management tenant, read by capability and usage
//! readers.

use super::meter_view;
use crate::capabilities::views::kind_of;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::usage::{Aggregation, MeterKind, quota_link};
use landlord_domain::wire::{CreateMeterRequest, MeterView};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::capabilities::catalogue;
use landlord_persistence::usage::{self as store, MeterRow};
use landlord_persistence::{AnyConnection, Database, StoreError};
use serde_json::json;

pub fn create_meter(
    db: &Database,
    ctx: &Context,
    request: CreateMeterRequest,
) -> OpResult<MeterView> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    if !caller.is_management() {
        return Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "only the management tenant defines meters",
        ));
    }
    let meter = request.parse()?;
    ctx.transaction(db, |tx| {
        if let Some(quota) = &meter.quota {
            linkable(tx, meter.kind, meter.aggregation, quota.as_str())?;
        }
        let row = MeterRow {
            key: meter.key.as_str().to_owned(),
            name: meter.name,
            unit: meter.unit,
            aggregation: meter.aggregation.as_str().to_owned(),
            property: meter.property,
            kind: meter.kind.as_str().to_owned(),
            created_at: ctx.now,
            quota_key: meter.quota.as_ref().map(|q| q.as_str().to_owned()),
        };
        store::insert_meter(tx, &row).map_err(|e| match e {
            StoreError::Conflict(_) => OpError::conflict_field(
                ErrorCode::KeyTaken,
                "key",
                "a meter with this key exists already",
                "is already used",
            ),
            other => other.into(),
        })?;
        let view = meter_view(&row)?;
        let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::MeterCreated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::Meter, &row.key)
            .details(json!({ "after": object }))
            .object(object),
        )?;
        Ok(view)
    })
}

/// Refuses a quota the catalogue lacks, or one of a kind the meter cannot be measured
/// against (422 naming `quota`).
fn linkable(
    tx: &mut AnyConnection,
    kind: MeterKind,
    aggregation: Aggregation,
    quota: &str,
) -> OpResult<()> {
    let definition = catalogue::find_quota(tx, quota)?.ok_or_else(|| {
        OpError::field("quota", "unknown_quota", "names no quota of the catalogue")
    })?;
    let quota_kind = kind_of(&definition)?;
    quota_link(kind, aggregation, quota_kind)
        .map_err(|why| OpError::field("quota", "invalid_quota", why))?;
    Ok(())
}

/// Every meter, by key: for callers who read capabilities or usage.
pub fn list_meters(db: &Database, ctx: &Context) -> OpResult<Vec<MeterView>> {
    let caller = ctx.caller()?;
    if caller.require(Permission::UsageRead).is_err() {
        caller.require(Permission::CapabilitiesRead)?;
    }
    db.read(|conn| store::meters(conn)?.iter().map(meter_view).collect())
}
