//! The application catalogue: the management tenant and tenants that may have subtenants
//! add applications they own; a tenant sees those owned by itself or an ancestor.

use super::application_view;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope;
use landlord_domain::application::ApplicationType;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{ApplicationView, CreateApplicationRequest};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::applications::{self as store, ApplicationRow};
use landlord_persistence::{Database, StoreError, tenants};
use serde_json::json;

pub fn create(
    db: &Database,
    ctx: &Context,
    request: CreateApplicationRequest,
) -> OpResult<ApplicationView> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    if request.owner_tenant_id.is_none() && !caller.may_have_subtenants() {
        return Err(OpError::forbidden(
            ErrorCode::SubtenantsNotAllowed,
            "only the management tenant and tenants with subtenants own applications",
        ));
    }
    let definition = request.parse()?;
    ctx.transaction(db, |tx| {
        let owner = match definition.owner_tenant_id {
            None => tenants::find(tx, caller.tenant_id)?.ok_or(OpError::NotFound("tenant"))?,
            Some(id) => scope::visible(tx, caller, id).map_err(|_| {
                OpError::field(
                    "owner_tenant_id",
                    "unknown_tenant",
                    "names no tenant of the caller's subtree",
                )
            })?,
        };
        if owner.parent_id.is_some() && !owner.allow_subtenants {
            return Err(OpError::forbidden_field(
                ErrorCode::SubtenantsNotAllowed,
                "owner_tenant_id",
                "only the management tenant and tenants with subtenants own applications",
            ));
        }
        let ms = definition.microservice;
        let row = ApplicationRow {
            key: definition.key.as_str().to_owned(),
            name: definition.name.clone(),
            application_type: match ms {
                Some(_) => ApplicationType::Microservice,
                None => ApplicationType::Web,
            }
            .as_str()
            .to_owned(),
            owner_tenant_id: owner.id,
            billing_mode: ms.map(|m| m.billing_mode.as_str().to_owned()),
            isolation: ms.map(|m| m.isolation.as_str().to_owned()),
            cpu_millicores: ms.map(|m| m.cpu_millicores),
            memory_mb: ms.map(|m| m.memory_mb),
            price_minor: definition.price.map(|p| p.minor),
            price_currency: definition.price.map(|p| p.currency.code().to_owned()),
            is_default: definition.default,
            created_at: ctx.now,
        };
        store::insert(tx, &row).map_err(|e| match e {
            StoreError::Conflict(_) => OpError::conflict_field(
                ErrorCode::KeyTaken,
                "key",
                "an application with this key exists already",
                "is already used",
            ),
            other => other.into(),
        })?;
        let view = application_view(&row)?;
        let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::ApplicationCreated,
                TenantId(owner.id),
                owner.tenant_path(),
            )
            .target(AuditTarget::Application, &row.key)
            .details(json!({ "after": object }))
            .object(object),
        )?;
        Ok(view)
    })
}

/// The applications the caller's tenant may use: owned by it or an ancestor, by key.
pub fn list(db: &Database, ctx: &Context) -> OpResult<Vec<ApplicationView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesRead)?;
    let owners: Vec<i64> = caller.tenant_path.ids().into_iter().map(|t| t.0).collect();
    db.read(|conn| {
        store::owned_by(conn, &owners)?
            .iter()
            .map(application_view)
            .collect()
    })
}
