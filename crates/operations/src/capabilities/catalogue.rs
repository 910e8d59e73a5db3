//! The system-wide feature and quota catalogues: read by every tenant, changed by the
//! management tenant only.

use super::caps;
use super::views::{feature_view, quota_view, thresholds_of};
use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::capability::thresholds_text;
use landlord_domain::wire::{
    CreateFeatureRequest, CreateQuotaDefinitionRequest, FeatureView, QuotaDefinitionView,
    UpdateQuotaDefinitionRequest,
};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::capabilities::caps as caps_store;
use landlord_persistence::capabilities::catalogue::{
    self as store, FeatureRow, QuotaDefinitionRow,
};
use landlord_persistence::{Database, StoreError};
use serde_json::json;

fn manager(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    if !caller.is_management() {
        return Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "only the management tenant changes the capability catalogues",
        ));
    }
    Ok(caller)
}

fn key_taken(e: StoreError) -> OpError {
    match e {
        StoreError::Conflict(_) => OpError::conflict_field(
            ErrorCode::KeyTaken,
            "key",
            "the catalogue has an entry with this key already",
            "is already used",
        ),
        other => other.into(),
    }
}

fn record(
    tx: &mut landlord_persistence::AnyConnection,
    ctx: &Context,
    caller: &Caller,
    action: AuditAction,
    target: AuditTarget,
    key: &str,
    object: serde_json::Value,
) -> OpResult<()> {
    record_change(
        tx,
        ctx,
        Change::new(action, caller.tenant_id, caller.tenant_path.clone())
            .target(target, key)
            .details(json!({ "after": object }))
            .object(object),
    )
}

pub fn create_feature(
    db: &Database,
    ctx: &Context,
    request: CreateFeatureRequest,
) -> OpResult<FeatureView> {
    let caller = manager(ctx)?;
    let entry = request.parse()?;
    ctx.transaction(db, |tx| {
        let row = FeatureRow {
            key: entry.key.as_str().to_owned(),
            name: entry.name,
            description: entry.description,
            feature_group: entry.group,
            created_at: ctx.now,
        };
        store::insert_feature(tx, &row).map_err(key_taken)?;
        let view = feature_view(&row);
        let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
        record(
            tx,
            ctx,
            caller,
            AuditAction::FeatureCreated,
            AuditTarget::Feature,
            &row.key,
            object,
        )?;
        Ok(view)
    })
}

pub fn list_features(db: &Database, ctx: &Context) -> OpResult<Vec<FeatureView>> {
    ctx.caller()?.require(Permission::CapabilitiesRead)?;
    db.read(|conn| Ok(store::features(conn)?.iter().map(feature_view).collect()))
}

pub fn create_quota(
    db: &Database,
    ctx: &Context,
    request: CreateQuotaDefinitionRequest,
) -> OpResult<QuotaDefinitionView> {
    let caller = manager(ctx)?;
    let definition = request.parse()?;
    ctx.transaction(db, |tx| {
        let row = QuotaDefinitionRow {
            key: definition.entry.key.as_str().to_owned(),
            name: definition.entry.name,
            unit: definition.unit,
            kind: definition.kind.as_str().to_owned(),
            default_limit: definition.default_limit,
            hard: definition.hard,
            licence_cap: definition.licence_cap,
            quota_group: definition.entry.group,
            created_at: ctx.now,
            alert_thresholds: thresholds_text(&definition.thresholds),
        };
        let guard = caps::guard(tx, &[caller.tenant_id])?;
        store::insert_quota(tx, &row).map_err(key_taken)?;
        guard.verify(tx)?;
        let view = with_licence(tx, caller.tenant_id, quota_view(&row)?)?;
        let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
        record(
            tx,
            ctx,
            caller,
            AuditAction::QuotaDefinitionCreated,
            AuditTarget::QuotaDefinition,
            &row.key,
            object,
        )?;
        Ok(view)
    })
}

/// The quota catalogue, each capped quota with its licence headroom.
pub fn list_quotas(db: &Database, ctx: &Context) -> OpResult<Vec<QuotaDefinitionView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesRead)?;
    let root = caller
        .tenant_path
        .ids()
        .first()
        .copied()
        .unwrap_or(caller.tenant_id);
    db.read(|conn| {
        let rows = store::quotas(conn)?;
        let mut headroom = caps::licence(conn, root, &rows)?;
        rows.iter()
            .map(|row| {
                let mut view = quota_view(row)?;
                view.licence = headroom.remove(&row.key);
                Ok(view)
            })
            .collect()
    })
}

/// The view with its licence headroom, if capped (the management tenant is `root`).
fn with_licence(
    conn: &mut landlord_persistence::AnyConnection,
    root: landlord_domain::TenantId,
    mut view: QuotaDefinitionView,
) -> OpResult<QuotaDefinitionView> {
    if let Some(row) = store::find_quota(conn, &view.key)? {
        view.licence = caps::licence(conn, root, std::slice::from_ref(&row))?.remove(&row.key);
    }
    Ok(view)
}

/// Sets or (with `None`) removes a quota's licence number, and sets its alert thresholds.
/// A licence number is refused (`licence_cap_exceeded`) below what the management tenant's
/// subtenants hold, or while one of them is unlimited. New thresholds apply from the next
/// consume; one already fired this period does not fire again.
pub fn update_quota(
    db: &Database,
    ctx: &Context,
    key: &str,
    request: UpdateQuotaDefinitionRequest,
) -> OpResult<QuotaDefinitionView> {
    let caller = manager(ctx)?;
    let change = request.parse()?;
    ctx.transaction(db, |tx| {
        let guard = caps::guard(tx, &[caller.tenant_id])?;
        let before = store::find_quota(tx, key)?.ok_or(OpError::NotFound("quota"))?;
        if let Some(cap) = change.licence_cap {
            caps_store::set_licence_cap(tx, key, cap)?;
        }
        if let Some(thresholds) = &change.thresholds {
            store::set_thresholds(tx, key, &thresholds_text(thresholds))?;
        }
        guard.verify(tx)?;
        let row = store::find_quota(tx, key)?.ok_or(OpError::NotFound("quota"))?;
        let view = with_licence(tx, caller.tenant_id, quota_view(&row)?)?;
        let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::QuotaDefinitionUpdated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::QuotaDefinition, key)
            .details(json!({
                "before": { "licence_cap": before.licence_cap, "thresholds": thresholds_of(&before)? },
                "after": { "licence_cap": row.licence_cap, "thresholds": view.thresholds },
            }))
            .object(object),
        )?;
        Ok(view)
    })
}
