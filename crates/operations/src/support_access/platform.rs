//! The platform-level switch of support-user access: a setting of the management tenant.
//! Off, no support user signs in anywhere and running support sessions stop on their next
//! request, whatever the tenants granted.

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::wire::SupportAccessSettings;
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::models::TenantRow;
use landlord_persistence::support_access as store;
use landlord_persistence::{AnyConnection, Database, tenants};
use serde_json::json;

pub(crate) fn management(conn: &mut AnyConnection) -> OpResult<TenantRow> {
    tenants::find_by_domain(conn, MANAGEMENT_DOMAIN)?
        .ok_or(OpError::Internal("no management tenant".into()))
}

/// Whether support access is on at platform level.
pub fn enabled(conn: &mut AnyConnection) -> OpResult<bool> {
    let management = management(conn)?;
    Ok(store::platform_enabled(conn, management.id)?)
}

fn management_caller(ctx: &Context, permission: Permission) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(permission)?;
    if !caller.is_management() || caller.support.is_some() {
        return Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "only the management tenant switches support access at platform level",
        ));
    }
    Ok(caller)
}

pub fn get_settings(db: &Database, ctx: &Context) -> OpResult<SupportAccessSettings> {
    management_caller(ctx, Permission::TenantsRead)?;
    db.read(|conn| {
        Ok(SupportAccessSettings {
            enabled: enabled(conn)?,
        })
    })
}

pub fn set_settings(
    db: &Database,
    ctx: &Context,
    settings: SupportAccessSettings,
) -> OpResult<SupportAccessSettings> {
    let caller = management_caller(ctx, Permission::TenantsChange)?;
    ctx.transaction(db, |tx| {
        let before = store::platform_enabled(tx, caller.tenant_id.0)?;
        store::set_platform_enabled(tx, caller.tenant_id.0, settings.enabled, ctx.now)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::SupportAccessSettingsUpdated,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .untargeted(AuditTarget::SupportAccess)
            .details(json!({ "enabled": { "before": before, "after": settings.enabled } })),
        )?;
        Ok(settings)
    })
}
