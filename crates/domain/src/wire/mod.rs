//! The JSON shapes of the HTTP API (`/api/v1`), shared by the server and the admin app.
//!
//! Requests use plain strings and check themselves with `check()`, which reports every
//! offending field at once using the domain parsers, so the SPA validates exactly as the
//! server does. Unknown fields are rejected.

mod application_instances;
mod applications;
mod audit;
mod auth;
mod billing_runs;
mod capabilities;
mod caps;
mod common;
mod custom_properties;
mod customers;
mod documents;
mod invoices;
mod mail;
mod microservice_usage;
mod notifications;
mod orders;
pub mod patterns;
mod plans;
mod policies;
mod provisioning;
mod service_tokens;
mod subscriptions;
mod support_access;
mod tenant_bodies;
mod tenant_requests;
mod tenants;
mod tickets;
mod top_ups;
mod usage;
mod usage_table;
mod users;
mod webhooks;

pub use application_instances::*;
pub use applications::*;
pub use audit::*;
pub use auth::*;
pub use billing_runs::*;
pub use capabilities::*;
pub use caps::*;
pub use common::*;
pub use custom_properties::*;
pub use customers::*;
pub use documents::*;
pub use invoices::*;
pub use mail::*;
pub use microservice_usage::*;
pub use notifications::*;
pub use orders::*;
pub use plans::*;
pub use policies::*;
pub use provisioning::*;
pub use service_tokens::*;
pub use subscriptions::*;
pub use support_access::*;
pub use tenant_bodies::*;
pub use tenants::*;
pub use tickets::*;
pub use top_ups::*;
pub use usage::*;
pub use usage_table::*;
pub use users::*;
pub use webhooks::*;
