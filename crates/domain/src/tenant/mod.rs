//! Tenants: their domain label, name, type, lifecycle status, place in the hierarchy, and
//! who may do what to them.

mod actions;
mod domain;
mod hierarchy;
mod host;
mod name;
pub mod settings;
mod status;
mod tenant_type;

pub use actions::{Caller, Refusal, Target, TenantAction};
pub use domain::{DomainError, TenantDomain};
pub use hierarchy::TenantPath;
pub use host::tenant_of_host;
pub use name::{NameError, TenantName};
pub use status::{StatusChange, StatusReason, TenantStatus, TransitionError};
pub use tenant_type::TenantType;

/// The domain of the management tenant, which exists from the first start and manages all others.
pub const MANAGEMENT_DOMAIN: &str = "management";
