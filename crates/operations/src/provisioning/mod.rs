//! Provisioning as visible, resumable steps. A new tenant's pipeline is written in its
//! create transaction ([`pipeline::write`]): the built-in steps run there and are recorded;
//! the operator's external steps ([`steps`]) are left pending for the server's [`worker`],
//! which calls them one after another, signed like webhooks, with retries. The tenant is
//! active once every step is done, `inactive` when one fails for good; then "run again"
//! ([`retry`]) or "mark as active" ([`mark_active`]).
//!
//! Who: the management tenant defines the external steps; a tenant's pipeline is read and
//! acted on by whoever manages the tenant (its own tenant and subtree, else 404).

mod actions;
pub mod pipeline;
pub mod steps;
pub mod worker;

pub use actions::{get, mark_active, retry};

use crate::error::{OpError, OpResult};
use landlord_domain::TenantId;
use landlord_domain::provisioning::pipeline_status;
use landlord_domain::wire::TenantProvisioningView;
use landlord_persistence::AnyConnection;
use landlord_persistence::provisioning::pipeline as store;

/// A tenant's pipeline as the API shows it (no steps: a tenant created before
/// provisioning was recorded, which is done).
pub(crate) fn view(conn: &mut AnyConnection, tenant: TenantId) -> OpResult<TenantProvisioningView> {
    let rows = store::for_tenant(conn, tenant)?;
    let steps = rows
        .iter()
        .map(|r| r.to_view())
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TenantProvisioningView {
        tenant_id: tenant.0,
        status: pipeline_status(steps.iter().map(|s| s.status)),
        steps,
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> OpResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| OpError::Internal(e.to_string()))
}
