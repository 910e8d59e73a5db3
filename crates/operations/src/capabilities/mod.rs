//! Capabilities: the feature and quota catalogues, tenants' overrides, entitlements,
//! consuming and releasing quota, top-ups, leases on concurrent quotas, and threshold
//! alerts with the tenant's notifications. Each change is one transaction with its audit
//! record and outbox event (`record_change`).

mod alerts;
pub(crate) mod caps;
pub mod catalogue;
pub mod consume;
pub mod entitlements;
pub mod leases;
pub mod notifications;
pub mod overrides;
pub mod top_ups;
pub(crate) mod views;
