//! The meter catalogue: defined by the management tenant, read by capability and usage
//! readers.

use super::meter_view;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{CreateMeterRequest, MeterView};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::usage::{self as store, MeterRow};
use landlord_persistence::{Database, StoreError};
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
        let row = MeterRow {
            key: meter.key.as_str().to_owned(),
            name: meter.name,
            unit: meter.unit,
            aggregation: meter.aggregation.as_str().to_owned(),
            property: meter.property,
            kind: meter.kind.as_str().to_owned(),
            created_at: ctx.now,
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

/// Every meter, by key: for callers who read capabilities or usage.
pub fn list_meters(db: &Database, ctx: &Context) -> OpResult<Vec<MeterView>> {
    let caller = ctx.caller()?;
    if caller.require(Permission::UsageRead).is_err() {
        caller.require(Permission::CapabilitiesRead)?;
    }
    db.read(|conn| store::meters(conn)?.iter().map(meter_view).collect())
}
