//! Tenant policies (seed 003): a tenant's named sets of options and retention rules for its
//! subtenants. Read with `tenants:read`, changed with `tenants:update`; each tenant sees its
//! own policies only. A policy chosen at a tenant's creation is copied into it
//! ([`apply_at_creation`]); a linked tenant gets the policy's later edits too.

mod apply;
pub use apply::{apply_at_creation, reapply, state};

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use crate::options::{Cipher, rule_rows, rules_view};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::policy::is_credential;
use landlord_domain::wire::{
    PolicyInput, PolicyOptionView, TenantPolicyRequest, TenantPolicySummary, TenantPolicyView,
};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::policies::{self as store, PolicyOptionRow, PolicyRow};
use landlord_persistence::{AnyConnection, Database};
use serde_json::json;

fn reader(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    Ok(caller)
}

fn manager(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    Ok(caller)
}

fn summary(row: &PolicyRow, options: i64, rules: i64) -> TenantPolicySummary {
    TenantPolicySummary {
        id: row.id,
        name: row.name.clone(),
        description: row.description.clone(),
        options_count: options,
        retention_rules_count: rules,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    }
}

/// The policy as answered (credentials' values hidden).
pub(crate) fn full_view(conn: &mut AnyConnection, row: &PolicyRow) -> OpResult<TenantPolicyView> {
    let options = store::policy_options(conn, row.id)?;
    let rules = store::policy_rules(conn, row.id)?;
    Ok(TenantPolicyView {
        summary: summary(row, options.len() as i64, rules.len() as i64),
        options: options
            .iter()
            .map(|o| PolicyOptionView {
                category: o.category.clone(),
                key: o.option_key.clone(),
                value: (!o.encrypted).then(|| o.value.clone()),
                encrypted: o.encrypted,
                locked: o.locked,
            })
            .collect(),
        retention_rules: rules_view(&rules)?,
        linked_tenants: store::linked_tenants(conn, row.id)?.len() as i64,
    })
}

pub(crate) fn summary_of(
    conn: &mut AnyConnection,
    row: &PolicyRow,
) -> OpResult<TenantPolicySummary> {
    let counts = store::counts(conn, &[row.id])?;
    let (_, options, rules) = counts.first().copied().unwrap_or((row.id, 0, 0));
    Ok(summary(row, options, rules))
}

/// The request's options as stored: credentials encrypted, locks from the management
/// tenant only.
fn option_rows(
    caller: &Caller,
    cipher: &Cipher,
    input: &PolicyInput,
) -> OpResult<Vec<PolicyOptionRow>> {
    input
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            if o.locked && !caller.is_management() {
                return Err(OpError::forbidden_field(
                    ErrorCode::ManagementOnly,
                    &format!("options[{i}].locked"),
                    "only the management tenant may lock an option",
                ));
            }
            let encrypted = is_credential(&o.key);
            Ok(PolicyOptionRow {
                policy_id: 0,
                category: o.category.clone(),
                option_key: o.key.clone(),
                value: if encrypted {
                    cipher.encrypt(&o.category, &o.key, &o.value)?
                } else {
                    o.value.clone()
                },
                encrypted,
                locked: o.locked,
            })
        })
        .collect()
}

fn name_conflict(name: &str) -> OpError {
    OpError::conflict_field(
        ErrorCode::Conflict,
        "name",
        format!("a policy named {name:?} exists already"),
        "another policy has this name",
    )
}

fn owned(conn: &mut AnyConnection, caller: &Caller, id: i64) -> OpResult<PolicyRow> {
    store::find_policy(conn, caller.tenant_id.0, id)?.ok_or(OpError::NotFound("tenant policy"))
}

fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    caller: &Caller,
    action: AuditAction,
    view: &TenantPolicyView,
) -> OpResult<()> {
    record_change(
        tx,
        ctx,
        Change::new(action, caller.tenant_id, caller.tenant_path.clone())
            .target(AuditTarget::TenantPolicy, view.summary.id)
            .details(json!({ "policy": view })),
    )
}

/// A new policy of the caller's tenant.
pub fn create(
    db: &Database,
    ctx: &Context,
    cipher: &Cipher,
    request: TenantPolicyRequest,
) -> OpResult<TenantPolicyView> {
    let caller = manager(ctx)?;
    let input = request.parse()?;
    let options = option_rows(caller, cipher, &input)?;
    ctx.transaction(db, |tx| {
        let owner = caller.tenant_id.0;
        if store::name_taken(tx, owner, &input.name, None)? {
            return Err(name_conflict(&input.name));
        }
        let row = store::insert_policy(tx, owner, &input.name, &input.description, ctx.now)?;
        let options: Vec<_> = options
            .into_iter()
            .map(|o| PolicyOptionRow {
                policy_id: row.id,
                ..o
            })
            .collect();
        store::set_policy_contents(tx, row.id, &options, &rule_rows(&input.retention_rules))?;
        let view = full_view(tx, &row)?;
        record(tx, ctx, caller, AuditAction::TenantPolicyCreated, &view)?;
        Ok(view)
    })
}

/// The caller's tenant's policies, by name.
pub fn list(db: &Database, ctx: &Context) -> OpResult<Vec<TenantPolicySummary>> {
    let caller = reader(ctx)?;
    db.read(|conn| {
        let rows = store::policies_of(conn, caller.tenant_id.0)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let counts = store::counts(conn, &ids)?;
        Ok(rows
            .iter()
            .zip(counts)
            .map(|(row, (_, options, rules))| summary(row, options, rules))
            .collect())
    })
}

/// One policy of the caller's tenant.
pub fn get(db: &Database, ctx: &Context, id: i64) -> OpResult<TenantPolicyView> {
    let caller = reader(ctx)?;
    db.read(|conn| {
        let row = owned(conn, caller, id)?;
        full_view(conn, &row)
    })
}

/// Replaces a policy's name, description, options and rules; linked tenants get the new
/// contents in the same transaction.
pub fn update(
    db: &Database,
    ctx: &Context,
    cipher: &Cipher,
    id: i64,
    request: TenantPolicyRequest,
) -> OpResult<TenantPolicyView> {
    let caller = manager(ctx)?;
    let input = request.parse()?;
    let options = option_rows(caller, cipher, &input)?;
    ctx.transaction(db, |tx| {
        let row = owned(tx, caller, id)?;
        if store::name_taken(tx, caller.tenant_id.0, &input.name, Some(row.id))? {
            return Err(name_conflict(&input.name));
        }
        let row = store::update_policy(tx, row.id, &input.name, &input.description, ctx.now)?;
        let options: Vec<_> = options
            .into_iter()
            .map(|o| PolicyOptionRow {
                policy_id: row.id,
                ..o
            })
            .collect();
        store::set_policy_contents(tx, row.id, &options, &rule_rows(&input.retention_rules))?;
        let view = full_view(tx, &row)?;
        record(tx, ctx, caller, AuditAction::TenantPolicyUpdated, &view)?;
        for tenant in store::linked_tenants(tx, row.id)? {
            apply::apply_linked(tx, ctx, caller, tenant, &row)?;
        }
        Ok(view)
    })
}

/// Deletes a policy. Tenants created with it keep their options and rules; linked ones
/// are linked no more.
pub fn delete(db: &Database, ctx: &Context, id: i64) -> OpResult<TenantPolicyView> {
    let caller = manager(ctx)?;
    ctx.transaction(db, |tx| {
        let row = owned(tx, caller, id)?;
        let view = full_view(tx, &row)?;
        store::delete_policy(tx, row.id)?;
        record(tx, ctx, caller, AuditAction::TenantPolicyDeleted, &view)?;
        Ok(view)
    })
}

/// A copy of a policy named "<name> (copy)" (or "(copy 2)", ...), with the same options
/// (credentials copied as they are stored) and rules.
pub fn duplicate(db: &Database, ctx: &Context, id: i64) -> OpResult<TenantPolicyView> {
    let caller = manager(ctx)?;
    ctx.transaction(db, |tx| {
        let source = owned(tx, caller, id)?;
        let owner = caller.tenant_id.0;
        let mut n = 1;
        let name = loop {
            let candidate = match n {
                1 => format!("{} (copy)", source.name),
                n => format!("{} (copy {n})", source.name),
            };
            if !store::name_taken(tx, owner, &candidate, None)? {
                break candidate;
            }
            n += 1;
        };
        let row = store::insert_policy(tx, owner, &name, &source.description, ctx.now)?;
        let options: Vec<_> = store::policy_options(tx, source.id)?
            .into_iter()
            .map(|o| PolicyOptionRow {
                policy_id: row.id,
                ..o
            })
            .collect();
        let rules = store::policy_rules(tx, source.id)?;
        store::set_policy_contents(tx, row.id, &options, &rules)?;
        let view = full_view(tx, &row)?;
        record(tx, ctx, caller, AuditAction::TenantPolicyCreated, &view)?;
        Ok(view)
    })
}
