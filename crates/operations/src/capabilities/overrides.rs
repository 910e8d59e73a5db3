//! A parent's overrides of its subtenant's features and quota limits.

use super::caps;
use super::entitlements::{QuotaInputs, features, quotas};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::managed;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{FeatureEntitlement, FieldError, QuotaEntitlement};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::capabilities::{catalogue, overrides};
use landlord_persistence::{AnyConnection, Database, tenants};
use serde_json::json;

fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &landlord_persistence::models::TenantRow,
    action: AuditAction,
    target: AuditTarget,
    key: &str,
    object: serde_json::Value,
) -> OpResult<()> {
    record_change(
        tx,
        ctx,
        Change::new(action, tenant.tenant_id(), tenant.tenant_path())
            .target(target, key)
            .details(json!({ "after": object }))
            .object(object),
    )
}

/// Turns a feature on or off for a subtenant (or, with `None`, lets its plan decide again).
/// A parent can only grant what it has itself: turning on a feature the parent lacks is
/// refused (`feature_not_held`).
pub fn set_feature(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    enabled: Option<bool>,
) -> OpResult<FeatureEntitlement> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    ctx.transaction(db, |tx| {
        let tenant = managed(tx, caller, tenant_id)?;
        catalogue::find_feature(tx, key)?.ok_or(OpError::NotFound("feature"))?;
        if enabled == Some(true)
            && let Some(parent) = tenant.parent_id
        {
            let parent = tenants::find(tx, TenantId(parent))?.ok_or(OpError::NotFound("tenant"))?;
            let held = features(tx, &parent)?.get(key).is_some_and(|f| f.enabled);
            if !held {
                return Err(OpError::Unprocessable {
                    code: ErrorCode::FeatureNotHeld,
                    detail: format!(
                        "the parent tenant does not have feature {key:?}, so it cannot grant it"
                    ),
                    errors: vec![FieldError::new(
                        "enabled",
                        ErrorCode::FeatureNotHeld.as_str(),
                        "the parent tenant lacks this feature",
                    )],
                });
            }
        }
        overrides::set_feature(tx, tenant.id, key, enabled, ctx.now)?;
        let entitlement = features(tx, &tenant)?
            .remove(key)
            .ok_or(OpError::NotFound("feature"))?;
        record(
            tx,
            ctx,
            &tenant,
            AuditAction::TenantFeatureChanged,
            AuditTarget::Feature,
            key,
            json!({ "tenant_id": tenant.id, "feature": key, "override": enabled,
                    "enabled": entitlement.enabled, "source": entitlement.source }),
        )?;
        Ok(entitlement)
    })
}

/// Sets a subtenant's own limit for a quota (or, with `None`, lets its plan decide again).
/// Lowering a hard limit below the usage deletes nothing; consumption is refused until the
/// usage falls below it. The licence and the parent's own limit cap the sum handed out
/// (`licence_cap_exceeded`, `parent_quota_exceeded`; see [`caps`]).
pub fn set_quota(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    key: &str,
    limit: Option<i64>,
) -> OpResult<QuotaEntitlement> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    ctx.transaction(db, |tx| {
        let tenant = managed(tx, caller, tenant_id)?;
        let definition = catalogue::find_quota(tx, key)?.ok_or(OpError::NotFound("quota"))?;
        let parent = TenantId(tenant.parent_id.unwrap_or(tenant.id));
        let guard = caps::guard(tx, &[parent, tenant.tenant_id()])?;
        let before = QuotaInputs::load(tx, tenant.tenant_id(), ctx.now)?
            .limit(&definition)
            .0;
        overrides::set_quota(tx, tenant.id, key, limit, ctx.now)?;
        guard.verify(tx)?;
        let mut all = quotas(tx, tenant.tenant_id(), ctx.now)?;
        caps::annotate(tx, &tenant, &mut all)?;
        let entitlement = all.remove(key).ok_or(OpError::NotFound("quota"))?;
        record(
            tx,
            ctx,
            &tenant,
            AuditAction::TenantQuotaChanged,
            AuditTarget::QuotaDefinition,
            key,
            json!({ "tenant_id": tenant.id, "quota": key, "override": limit,
                    "limit": entitlement.limit, "previous_limit": before,
                    "used": entitlement.used, "source": entitlement.source }),
        )?;
        Ok(entitlement)
    })
}
