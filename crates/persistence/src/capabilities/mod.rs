//! Capabilities' storage: the feature and quota catalogues, what plans include, tenants'
//! overrides, and usage counters. Plain functions over a connection, composed by
//! `operations::capabilities` inside one transaction.

pub mod caps;
pub mod catalogue;
pub mod overrides;
pub mod usage;
