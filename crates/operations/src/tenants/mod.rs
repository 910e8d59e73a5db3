//! Tenant use cases: create (provisioning its first administrator), change properties,
//! move through the lifecycle, delete a subtree; and the reads: the customers list and its
//! CSV export, one tenant's detail, its audit log, the summary cards.

mod audit_log;
mod bootstrap;
mod change_status;
mod create;
mod delete;
mod export;
mod get;
mod list;
mod setup_instructions;
mod summary;
mod update;

pub use audit_log::{audit_log, audit_log_csv};

pub use bootstrap::create_management_tenant;
pub(crate) use change_status::apply_status;
pub use change_status::{change_status, suspend};
pub use create::{CreatedTenant, create};
pub use delete::delete;
pub use export::{Export, export};
pub use get::get;
pub use list::{TenantQuery, list};
pub use setup_instructions::{Hosting, SetupInstructions, SetupTemplates, setup_instructions};
pub use summary::summary;
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
