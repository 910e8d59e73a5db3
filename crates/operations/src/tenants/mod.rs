//! Tenant use cases: create (provisioning its first administrator), change properties,
//! move through the lifecycle, delete a subtree.

mod bootstrap;
mod change_status;
mod create;
mod delete;
mod update;

pub use bootstrap::create_management_tenant;
pub(crate) use change_status::apply_status;
pub use change_status::{change_status, suspend};
pub use create::{CreatedTenant, create};
pub use delete::delete;
pub use update::update;

use crate::error::OpError;
use landlord_domain::ErrorCode;

pub(crate) fn domain_conflict(domain: &str) -> OpError {
    OpError::conflict_field(
        ErrorCode::DomainTaken,
        "domain",
        format!("the domain {domain:?} is already in use"),
        "is already in use by another tenant",
    )
}
