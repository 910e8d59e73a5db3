//! Whose catalogue a tenant buys from: its parent's. The management tenant's catalogue serves
//! its direct customers; a reseller (a tenant with subtenants) may keep its own for its subtree.

use crate::context::Caller;
use crate::error::{OpError, OpResult};
use landlord_domain::billing::PlanStatus;
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::AnyConnection;
use landlord_persistence::billing::plans::{self, PlanRow};
use landlord_persistence::models::TenantRow;

/// The catalogue (and invoice issuer) of `tenant`: its parent. The management tenant has none.
pub(crate) fn issuer_of(tenant: &TenantRow) -> OpResult<TenantId> {
    tenant.parent_id.map(TenantId).ok_or_else(|| {
        OpError::conflict(
            ErrorCode::InvalidTransition,
            "the management tenant has no subscription",
        )
    })
}

/// The caller's own catalogue, for managing plans: it needs the permission and a tenant that
/// may have subtenants (the management tenant or a reseller).
pub(crate) fn own_catalogue(caller: &Caller, permission: Permission) -> OpResult<TenantId> {
    caller.require(permission)?;
    if !caller.may_have_subtenants() {
        return Err(OpError::forbidden(
            ErrorCode::SubtenantsNotAllowed,
            "only the management tenant and tenants with subtenants have a plan catalogue",
        ));
    }
    Ok(caller.tenant_id)
}

/// The plan `code` of `issuer`'s catalogue, for a subscription: it must exist (else a field
/// error on `field`) and, for a new subscription or a change to it, be active.
pub(crate) fn plan_for_subscription(
    conn: &mut AnyConnection,
    issuer: TenantId,
    code: &str,
    field: &str,
    current_plan: Option<i64>,
) -> OpResult<PlanRow> {
    let plan = plans::find_by_code(conn, issuer, code)?.ok_or_else(|| {
        OpError::field(
            field,
            "unknown_plan",
            format!("there is no plan {code:?} in the catalogue"),
        )
    })?;
    if plan.status == PlanStatus::Archived.as_str() && current_plan != Some(plan.id) {
        return Err(OpError::Unprocessable {
            code: ErrorCode::PlanArchived,
            detail: format!("plan {code:?} is archived and takes no new subscriptions"),
            errors: vec![landlord_domain::wire::FieldError::new(
                field,
                "plan_archived",
                "is archived",
            )],
        });
    }
    Ok(plan)
}
