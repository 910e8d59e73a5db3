//! Service tokens: created by a tenant's manager for its own services, shown once, revocable,
//! and accepted (by the API) only where their scopes apply: consuming and releasing quota and
//! reading entitlements, as their tenant.

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::service_token::{self, PREFIX, format_scopes, parse_scopes};
use landlord_domain::wire::{CreateServiceTokenRequest, CreatedServiceToken, ServiceTokenView};
use landlord_domain::{ErrorCode, Permission, Role, TenantId, UserId};
use landlord_persistence::service_tokens::{self as store, NewServiceTokenRow, ServiceTokenRow};
use landlord_persistence::{Database, tenants};
use serde_json::json;

fn view(row: &ServiceTokenRow) -> ServiceTokenView {
    ServiceTokenView {
        id: row.id,
        name: row.name.clone(),
        scopes: parse_scopes(&row.scopes),
        tenant_id: row.tenant_id,
        created_at: row.created_at.and_utc(),
        revoked_at: row.revoked_at.map(|t| t.and_utc()),
    }
}

fn manager(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    Ok(caller)
}

fn record(
    tx: &mut landlord_persistence::AnyConnection,
    ctx: &Context,
    caller: &Caller,
    action: AuditAction,
    token: &ServiceTokenView,
) -> OpResult<()> {
    record_change(
        tx,
        ctx,
        Change::new(action, caller.tenant_id, caller.tenant_path.clone())
            .target(AuditTarget::ServiceToken, token.id)
            .details(json!({ "name": token.name, "scopes": token.scopes })),
    )
}

/// A new token for the caller's tenant; the answer is the only place the token appears.
pub fn create(
    db: &Database,
    ctx: &Context,
    request: CreateServiceTokenRequest,
) -> OpResult<CreatedServiceToken> {
    let caller = manager(ctx)?;
    let (name, scopes) = request.parse()?;
    let token = format!(
        "{PREFIX}{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    ctx.transaction(db, |tx| {
        let row = store::insert(
            tx,
            NewServiceTokenRow {
                tenant_id: caller.tenant_id.0,
                name,
                scopes: format_scopes(&scopes),
                token_hash: service_token::hash(&token),
                created_at: ctx.now,
            },
        )?;
        let service_token = view(&row);
        record(
            tx,
            ctx,
            caller,
            AuditAction::ServiceTokenCreated,
            &service_token,
        )?;
        Ok(CreatedServiceToken {
            token: token.clone(),
            service_token,
        })
    })
}

/// The caller's tenant's tokens, newest first (never the tokens themselves).
pub fn list(db: &Database, ctx: &Context) -> OpResult<Vec<ServiceTokenView>> {
    let caller = manager(ctx)?;
    db.read(|conn| {
        Ok(store::list(conn, caller.tenant_id.0)?
            .iter()
            .map(view)
            .collect())
    })
}

/// Revokes one of the caller's tenant's tokens: refused from the next request on.
pub fn revoke(db: &Database, ctx: &Context, id: i64) -> OpResult<ServiceTokenView> {
    let caller = manager(ctx)?;
    ctx.transaction(db, |tx| {
        let row =
            store::find(tx, caller.tenant_id.0, id)?.ok_or(OpError::NotFound("service token"))?;
        if row.revoked_at.is_some() {
            return Err(OpError::conflict(
                ErrorCode::InvalidTransition,
                "the service token is already revoked",
            ));
        }
        let row = store::revoke(tx, row.id, ctx.now)?;
        let token = view(&row);
        record(tx, ctx, caller, AuditAction::ServiceTokenRevoked, &token)?;
        Ok(token)
    })
}

/// The caller a service token speaks for, if it exists, is not revoked and its tenant is
/// accessible: its tenant, with only its scopes' permissions.
pub fn authenticate(db: &Database, token: &str) -> OpResult<Caller> {
    let refused = || OpError::Unauthorized {
        code: ErrorCode::InvalidToken,
        detail: "the service token is invalid or revoked".into(),
    };
    let hash = service_token::hash(token);
    db.read(|conn| {
        let row = store::find_by_hash(conn, &hash)?.ok_or_else(refused)?;
        if row.revoked_at.is_some() {
            return Err(refused());
        }
        let tenant = tenants::find(conn, TenantId(row.tenant_id))?.ok_or_else(refused)?;
        if !tenants::accessible(conn, &tenant)? {
            return Err(OpError::Unauthorized {
                code: ErrorCode::Unauthorized,
                detail: "the tenant is suspended or inactive".into(),
            });
        }
        Ok(Caller {
            user_id: UserId(0),
            username: format!("service:{}", row.name),
            role: Role::Member,
            tenant_id: tenant.tenant_id(),
            tenant_domain: tenant.domain.clone(),
            tenant_path: tenant.tenant_path(),
            tenant_allows_subtenants: tenant.allow_subtenants,
            service_scopes: Some(
                parse_scopes(&row.scopes)
                    .into_iter()
                    .map(|s| s.permission())
                    .collect(),
            ),
            support: None,
            request_limits: tenant.request_limits(),
        })
    })
}
