//! Capabilities: the feature and quota catalogues, tenants' overrides, entitlements, and
//! consuming and releasing quota. Each change is one transaction with its audit record and
//! outbox event (`record_change`).

pub(crate) mod caps;
pub mod catalogue;
pub mod consume;
pub mod entitlements;
pub mod overrides;
mod views;
