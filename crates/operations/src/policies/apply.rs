//! A policy written into a tenant: at creation, on re-apply and, for linked tenants, on
//! each edit of the policy; and the drift view comparing the two.

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use crate::options::{Cipher, rules_view};
use crate::scope;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::policy::{DriftStatus, OptionEntry, PolicyChoice, option_drift, rule_drift};
use landlord_domain::wire::TenantPolicyState;
use landlord_domain::{Permission, TenantId};
use landlord_persistence::models::TenantRow;
use landlord_persistence::policies::{self as store, OptionRow, PolicyLinkRow, PolicyRow};
use landlord_persistence::{AnyConnection, Database, tenants};
use serde_json::json;

/// Why a policy was written into a tenant (the audit record's `reason`).
#[derive(Debug, Clone, Copy)]
enum Reason {
    Creation,
    Reapply,
    PolicyUpdated,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Self::Creation => "creation",
            Self::Reapply => "reapply",
            Self::PolicyUpdated => "policy_updated",
        }
    }
}

/// Copies the caller's policy `choice` into the tenant just created (`tenant`), inside the
/// creation's transaction; with `choice.linked` the tenant stays linked to it. `Ok(true)`
/// when a policy was applied. An unknown policy is a 422 on `policy`.
pub fn apply_at_creation(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    choice: &PolicyChoice,
) -> OpResult<bool> {
    let caller = ctx.caller()?;
    let policy = store::find_policy(tx, caller.tenant_id.0, choice.policy)?
        .ok_or_else(|| OpError::field("policy", "not_found", "no such tenant policy"))?;
    write_into(
        tx,
        ctx,
        caller,
        tenant,
        &policy,
        choice.linked,
        Reason::Creation,
    )?;
    Ok(true)
}

/// Writes `policy` into a linked tenant after the policy changed.
pub(super) fn apply_linked(
    tx: &mut AnyConnection,
    ctx: &Context,
    caller: &Caller,
    tenant: i64,
    policy: &PolicyRow,
) -> OpResult<()> {
    let tenant = tenants::find(tx, TenantId(tenant))?.ok_or(OpError::NotFound("tenant"))?;
    write_into(
        tx,
        ctx,
        caller,
        &tenant,
        policy,
        true,
        Reason::PolicyUpdated,
    )
}

/// The policy's options set on the tenant (an option the management tenant locked stays
/// as it is unless the management tenant applies), its rules replacing the tenant's, and
/// the tenant's link recorded.
fn write_into(
    tx: &mut AnyConnection,
    ctx: &Context,
    caller: &Caller,
    tenant: &TenantRow,
    policy: &PolicyRow,
    linked: bool,
    reason: Reason,
) -> OpResult<()> {
    let mut skipped = Vec::new();
    for option in store::policy_options(tx, policy.id)? {
        let existing = store::find_option(tx, tenant.id, &option.category, &option.option_key)?;
        if existing.is_some_and(|o| o.locked) && !caller.is_management() {
            skipped.push(format!("{}/{}", option.category, option.option_key));
            continue;
        }
        store::put_option(
            tx,
            &OptionRow {
                tenant_id: tenant.id,
                category: option.category,
                option_key: option.option_key,
                value: option.value,
                encrypted: option.encrypted,
                locked: option.locked,
                updated_at: ctx.now,
            },
        )?;
    }
    let rules = store::policy_rules(tx, policy.id)?;
    store::set_rules(tx, tenant.id, &rules)?;
    store::set_link(
        tx,
        &PolicyLinkRow {
            tenant_id: tenant.id,
            policy_id: policy.id,
            linked,
            applied_at: ctx.now,
        },
    )?;
    record_change(
        tx,
        ctx,
        Change::new(
            AuditAction::TenantPolicyApplied,
            tenant.tenant_id(),
            tenant.tenant_path(),
        )
        .target(AuditTarget::TenantPolicy, policy.id)
        .details(json!({
            "policy_id": policy.id,
            "policy_name": policy.name,
            "linked": linked,
            "reason": reason.as_str(),
            "skipped_locked_options": skipped,
        })),
    )
}

/// Writes the tenant's policy into it again (a managed tenant; `tenants:update`), undoing
/// its drift; answers the drift view afterwards.
pub fn reapply(
    db: &Database,
    ctx: &Context,
    cipher: &Cipher,
    tenant: i64,
) -> OpResult<TenantPolicyState> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    ctx.transaction(db, |tx| {
        let tenant = scope::managed(tx, caller, tenant)?;
        let link = store::link_of(tx, tenant.id)?.ok_or(OpError::NotFound("tenant policy"))?;
        let policy =
            store::policy_by_id(tx, link.policy_id)?.ok_or(OpError::NotFound("tenant policy"))?;
        write_into(
            tx,
            ctx,
            caller,
            &tenant,
            &policy,
            link.linked,
            Reason::Reapply,
        )?;
        compare(tx, cipher, &tenant)
    })
}

/// A visible tenant's policy and where the tenant now differs from it.
pub fn state(
    db: &Database,
    ctx: &Context,
    cipher: &Cipher,
    tenant: i64,
) -> OpResult<TenantPolicyState> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    db.read(|conn| {
        let tenant = scope::visible(conn, caller, tenant)?;
        compare(conn, cipher, &tenant)
    })
}

fn entry(cipher: &Cipher, row: OptionRow) -> OpResult<OptionEntry> {
    let value = if row.encrypted {
        cipher.decrypt(&row.category, &row.option_key, &row.value)?
    } else {
        row.value
    };
    Ok(OptionEntry {
        category: row.category,
        key: row.option_key,
        value,
        encrypted: row.encrypted,
        locked: row.locked,
    })
}

fn compare(
    conn: &mut AnyConnection,
    cipher: &Cipher,
    tenant: &TenantRow,
) -> OpResult<TenantPolicyState> {
    let Some(link) = store::link_of(conn, tenant.id)? else {
        return Ok(TenantPolicyState {
            policy: None,
            linked: false,
            applied_at: None,
            in_sync: true,
            options: Vec::new(),
            retention_rules: Vec::new(),
        });
    };
    let policy =
        store::policy_by_id(conn, link.policy_id)?.ok_or(OpError::NotFound("tenant policy"))?;
    let policy_options = store::policy_options(conn, policy.id)?
        .into_iter()
        .map(|o| {
            entry(
                cipher,
                OptionRow {
                    tenant_id: tenant.id,
                    category: o.category,
                    option_key: o.option_key,
                    value: o.value,
                    encrypted: o.encrypted,
                    locked: o.locked,
                    updated_at: policy.updated_at,
                },
            )
        })
        .collect::<OpResult<Vec<_>>>()?;
    let tenant_options = store::options_of(conn, tenant.id)?
        .into_iter()
        .map(|o| entry(cipher, o))
        .collect::<OpResult<Vec<_>>>()?;
    let as_entries = |rules: Vec<landlord_domain::wire::RetentionRule>| {
        rules
            .into_iter()
            .map(|r| (r.data_type, r.filter, r.max_age_days))
            .collect::<Vec<_>>()
    };
    let policy_rules = as_entries(rules_view(&store::policy_rules(conn, policy.id)?)?);
    let tenant_rules = as_entries(rules_view(&store::rules_of(conn, tenant.id)?)?);
    let options = option_drift(&policy_options, &tenant_options);
    let retention_rules = rule_drift(&policy_rules, &tenant_rules);
    let in_sync = options.iter().all(|o| o.status == DriftStatus::Same)
        && retention_rules
            .iter()
            .all(|r| r.status == DriftStatus::Same);
    Ok(TenantPolicyState {
        policy: Some(super::summary_of(conn, &policy)?),
        linked: link.linked,
        applied_at: Some(link.applied_at.and_utc()),
        in_sync,
        options,
        retention_rules,
    })
}
