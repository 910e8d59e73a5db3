//! A tenant's retention rules: read with `tenants:read`, replaced with `tenants:update`.

use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope;
use landlord_domain::Permission;
use landlord_domain::audit::AuditAction;
use landlord_domain::policy::RetentionDataType;
use landlord_domain::wire::{RetentionRule, RetentionRulesRequest, RetentionRulesView};
use landlord_persistence::Database;
use landlord_persistence::policies::{self as store, RuleRow};
use serde_json::json;

/// Stored rules as answered.
pub fn rules_view(rows: &[RuleRow]) -> OpResult<Vec<RetentionRule>> {
    rows.iter()
        .map(|r| {
            Ok(RetentionRule {
                data_type: RetentionDataType::parse(&r.data_type).ok_or_else(|| {
                    OpError::Internal(format!("unknown retention data type {}", r.data_type))
                })?,
                filter: r.filter.clone(),
                max_age_days: r.max_age_days,
            })
        })
        .collect()
}

/// Rules as stored.
pub fn rule_rows(rules: &[RetentionRule]) -> Vec<RuleRow> {
    rules
        .iter()
        .map(|r| RuleRow {
            data_type: r.data_type.as_str().to_owned(),
            filter: r.filter.clone(),
            max_age_days: r.max_age_days,
        })
        .collect()
}

/// The retention rules of a visible tenant.
pub fn get_rules(db: &Database, ctx: &Context, tenant: i64) -> OpResult<RetentionRulesView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    db.read(|conn| {
        let tenant = scope::visible(conn, caller, tenant)?;
        Ok(RetentionRulesView {
            retention_rules: rules_view(&store::rules_of(conn, tenant.id)?)?,
        })
    })
}

/// Replaces the retention rules of a visible tenant.
pub fn put_rules(
    db: &Database,
    ctx: &Context,
    tenant: i64,
    request: RetentionRulesRequest,
) -> OpResult<RetentionRulesView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    let rules = request.parse()?;
    ctx.transaction(db, |tx| {
        let tenant = scope::visible(tx, caller, tenant)?;
        let before = rules_view(&store::rules_of(tx, tenant.id)?)?;
        store::set_rules(tx, tenant.id, &rule_rows(&rules))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::TenantRetentionRulesSet,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .details(json!({ "before": before, "after": rules })),
        )?;
        Ok(RetentionRulesView {
            retention_rules: rules,
        })
    })
}
