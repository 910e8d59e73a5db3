//! Capabilities' storage: the feature and quota catalogues, what plans include, tenants'
//! overrides, and usage counters. Plain functions over a connection, composed by
//! `operations::capabilities` inside one transaction.

pub mod alerts;
pub mod caps;
pub mod catalogue;
pub mod leases;
pub mod overrides;
pub mod top_ups;
pub mod usage;
