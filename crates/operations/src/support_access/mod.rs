//! Support-user access (seed 003): a tenant's administrators grant the management tenant's
//! support users access for a period (default 24 hours, or no limit) and revoke it; the
//! management tenant switches it on or off at platform level (`platform`) and sees each
//! subtenant's status; a support user with access signs in to the tenant (`session`).

pub mod platform;
pub mod session;

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use crate::scope::visible;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::support_access::{grant_expiry, view};
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::wire::{FieldErrors, GrantSupportAccessRequest, SupportAccessView};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::models::TenantRow;
use landlord_persistence::support_access::{self as store, NewGrantRow};
use landlord_persistence::{AnyConnection, Database, Timestamp};
use serde_json::json;

/// The tenant's support-access view at `now`.
pub fn view_of(
    conn: &mut AnyConnection,
    tenant: i64,
    now: Timestamp,
) -> OpResult<SupportAccessView> {
    let enabled = platform::enabled(conn)?;
    let expiries: Vec<_> = store::active(conn, tenant, now)?
        .iter()
        .map(|g| g.expires_at.map(|t| t.and_utc()))
        .collect();
    Ok(view(enabled, &expiries))
}

/// The tenant `id`'s support access: for its own users and for the management tenant.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<SupportAccessView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    db.read(|conn| {
        let row = visible(conn, caller, id)?;
        if row.id != caller.tenant_id.0 && !caller.is_management() {
            return Err(OpError::forbidden(
                ErrorCode::OwnTenantOnly,
                "only the tenant itself and the management tenant see its support access",
            ));
        }
        view_of(conn, row.id, ctx.now)
    })
}

/// Lets support users sign in to the caller's own tenant until the requested expiry
/// (omitted: 24 hours from now; `null`: no limit).
pub fn grant(
    db: &Database,
    ctx: &Context,
    id: i64,
    request: GrantSupportAccessRequest,
) -> OpResult<SupportAccessView> {
    let caller = granter(ctx)?;
    let now = ctx.now.and_utc();
    let expires_at = grant_expiry(request.expires_at, now);
    if let Some(at) = expires_at
        && at <= now
    {
        let mut errors = FieldErrors::default();
        errors.push("expires_at", "in_the_past", "must be in the future");
        return Err(errors.into());
    }
    ctx.transaction(db, |tx| {
        let row = own_tenant(tx, caller, id)?;
        let grant = store::insert(
            tx,
            NewGrantRow {
                tenant_id: row.id,
                granted_by_user_id: Some(caller.user_id.0),
                granted_by_username: caller.username.clone(),
                granted_at: ctx.now,
                expires_at: expires_at.map(|t| t.naive_utc()),
            },
        )?;
        let view = view_of(tx, row.id, ctx.now)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::SupportAccessGranted,
                row.tenant_id(),
                row.tenant_path(),
            )
            .target(AuditTarget::SupportAccess, grant.id)
            .details(json!({ "expires_at": expires_at })),
        )?;
        Ok(view)
    })
}

/// Ends every active grant of the caller's own tenant: support sessions stop on their next
/// request.
pub fn revoke(db: &Database, ctx: &Context, id: i64) -> OpResult<SupportAccessView> {
    let caller = granter(ctx)?;
    ctx.transaction(db, |tx| {
        let row = own_tenant(tx, caller, id)?;
        let revoked = store::revoke_active(tx, row.id, ctx.now)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::SupportAccessRevoked,
                row.tenant_id(),
                row.tenant_path(),
            )
            .untargeted(AuditTarget::SupportAccess)
            .details(json!({ "revoked_requests": revoked })),
        )?;
        view_of(tx, row.id, ctx.now)
    })
}

/// A caller who may grant and revoke: a tenant administrator (`users:manage`), not a
/// support session (which would extend its own access).
fn granter(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    if caller.support.is_some() {
        return Err(OpError::forbidden(
            ErrorCode::SupportSession,
            "a support session cannot grant or revoke support access",
        ));
    }
    caller.require(Permission::UsersManage)?;
    Ok(caller)
}

/// The tenant `id` if it is the caller's own (and not the management tenant, which gives
/// support rather than receiving it).
fn own_tenant(conn: &mut AnyConnection, caller: &Caller, id: i64) -> OpResult<TenantRow> {
    let row = visible(conn, caller, id)?;
    if row.id != caller.tenant_id.0 {
        return Err(OpError::forbidden(
            ErrorCode::OwnTenantOnly,
            "only the tenant's own administrators grant or revoke its support access",
        ));
    }
    if row.domain == MANAGEMENT_DOMAIN && row.parent_id.is_none() {
        return Err(OpError::conflict(
            ErrorCode::Conflict,
            "the management tenant gives support; it does not grant support access",
        ));
    }
    Ok(row)
}
