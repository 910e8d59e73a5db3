//! What recording a customer's order, invoice or ticket shares: the customer must be
//! visible, a chosen number must be free, and the creation lands in the customer's audit log.

use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::ErrorCode;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, StoreError};
use serde::Serialize;
use serde_json::json;

/// A unique-number violation, as a conflict naming the field.
pub(crate) fn number_taken(err: StoreError) -> OpError {
    match err {
        StoreError::Conflict(_) => OpError::conflict_field(
            ErrorCode::NumberTaken,
            "number",
            "this number is already used for this customer",
            "is already used for this customer",
        ),
        other => other.into(),
    }
}

/// Records the creation of a customer's row in the customer's audit log.
pub(crate) fn record_created<V: Serialize>(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    created: (AuditAction, AuditTarget, i64),
    view: &V,
) -> OpResult<()> {
    let (action, target, id) = created;
    record_change(
        tx,
        ctx,
        Change::new(action, tenant.tenant_id(), tenant.tenant_path())
            .target(target, id)
            .details(json!({ "after": view })),
    )
}
