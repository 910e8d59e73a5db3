//! The operator's external steps: the management tenant adds, lists, changes and removes
//! them. A change affects tenants created afterwards; a pipeline keeps the steps as they
//! were when its tenant was created.

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use crate::webhooks::{check_url, new_secret};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::listing::PageRequest;
use landlord_domain::webhook::AddressPolicy;
use landlord_domain::wire::{
    CreatedProvisioningStep, NewProvisioningStep, Page, ProvisioningStepChanges,
    ProvisioningStepView,
};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::Database;
use landlord_persistence::provisioning::definitions::{self, DefinitionChanges};
use landlord_persistence::provisioning::{DefinitionRow, NewDefinitionRow};
use serde_json::json;

fn require(caller: &Caller, permission: Permission) -> OpResult<()> {
    caller.require(permission)?;
    if caller.is_management() {
        Ok(())
    } else {
        Err(OpError::forbidden(
            ErrorCode::ManagementOnly,
            "provisioning steps are the management tenant's",
        ))
    }
}

fn change(caller: &Caller, action: AuditAction, id: i64) -> Change {
    Change::new(action, caller.tenant_id, caller.tenant_path.clone())
        .target(AuditTarget::ProvisioningStep, id)
}

/// Adds an external step; the answer holds its signing secret, once. Its URL must lead
/// where `policy` lets calls go, as a webhook endpoint's must.
pub fn create(
    db: &Database,
    ctx: &Context,
    input: NewProvisioningStep,
    policy: AddressPolicy,
) -> OpResult<CreatedProvisioningStep> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsCreate)?;
    check_url(&input.url, policy)?;
    let secret = new_secret()?;
    ctx.transaction(db, |tx| {
        if definitions::name_taken(tx, input.name.as_str())? {
            return Err(name_taken(input.name.as_str()));
        }
        let position = match input.position {
            Some(p) => p,
            None => definitions::next_position(tx)?,
        };
        let row = definitions::insert(
            tx,
            NewDefinitionRow {
                name: input.name.as_str().to_owned(),
                url: input.url.into_inner(),
                secret: secret.clone(),
                timeout_s: input.timeout_s,
                max_attempts: input.max_attempts,
                position,
                created_at: ctx.now,
                updated_at: ctx.now,
            },
        )
        .map_err(|e| match e {
            landlord_persistence::StoreError::Conflict(_) => name_taken(input.name.as_str()),
            other => other.into(),
        })?;
        let step = row.to_view();
        record_change(
            tx,
            ctx,
            change(caller, AuditAction::ProvisioningStepCreated, row.id)
                .details(json!({ "after": step })),
        )?;
        Ok(CreatedProvisioningStep { step, secret })
    })
}

fn name_taken(name: &str) -> OpError {
    OpError::conflict_field(
        ErrorCode::StepNameTaken,
        "name",
        format!("a provisioning step is already named {name:?}"),
        "is taken",
    )
}

/// The external steps in the order they run.
pub fn list(
    db: &Database,
    ctx: &Context,
    page: PageRequest,
) -> OpResult<Page<ProvisioningStepView>> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsRead)?;
    let (rows, total) = db.read(|conn| definitions::list(conn, page))?;
    Ok(Page::exact(
        rows.iter().map(DefinitionRow::to_view).collect(),
        total,
        page,
    ))
}

pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<ProvisioningStepView> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsRead)?;
    db.read(|conn| definitions::find(conn, id))?
        .map(|r| r.to_view())
        .ok_or(OpError::NotFound("provisioning step"))
}

pub fn update(
    db: &Database,
    ctx: &Context,
    id: i64,
    input: ProvisioningStepChanges,
    policy: AddressPolicy,
) -> OpResult<ProvisioningStepView> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsCreate)?;
    if let Some(url) = &input.url {
        check_url(url, policy)?;
    }
    ctx.transaction(db, |tx| {
        let before = definitions::find(tx, id)?
            .ok_or(OpError::NotFound("provisioning step"))?
            .to_view();
        let row = definitions::update(
            tx,
            id,
            DefinitionChanges {
                url: input.url.map(|u| u.into_inner()),
                timeout_s: input.timeout_s,
                max_attempts: input.max_attempts,
                position: input.position,
                updated_at: Some(ctx.now),
            },
        )?;
        let after = row.to_view();
        record_change(
            tx,
            ctx,
            change(caller, AuditAction::ProvisioningStepUpdated, id)
                .details(json!({ "before": before, "after": after })),
        )?;
        Ok(after)
    })
}

/// Removes a step: tenants created afterwards no longer call it; pipelines already
/// written keep their copy.
pub fn delete(db: &Database, ctx: &Context, id: i64) -> OpResult<()> {
    let caller = ctx.caller()?;
    require(caller, Permission::TenantsCreate)?;
    ctx.transaction(db, |tx| {
        let before = definitions::find(tx, id)?
            .ok_or(OpError::NotFound("provisioning step"))?
            .to_view();
        definitions::delete(tx, id)?;
        record_change(
            tx,
            ctx,
            change(caller, AuditAction::ProvisioningStepDeleted, id)
                .details(json!({ "before": before })),
        )?;
        Ok(())
    })
}
