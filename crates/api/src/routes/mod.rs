//! Every HTTP operation, one file each, grouped by resource. Registration goes through
//! `utoipa_actix_web`, so a route without OpenAPI documentation does not compile.

pub mod applications;
pub mod auth;
pub mod billing;
pub mod capabilities;
pub mod custom_properties;
mod customer_records;
pub mod health;
pub mod invoices;
pub mod orders;
pub mod plans;
pub mod provisioning;
pub mod search;
pub mod service_tokens;
pub mod subscriptions;
pub mod support_access;
pub mod tenant_options;
pub mod tenant_policies;
pub mod tenants;
pub mod tickets;
pub mod usage;
pub mod users;
pub mod webhooks;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/api/v1` operations.
pub fn configure(cfg: &mut ServiceConfig) {
    auth::configure(cfg);
    tenants::configure(cfg);
    users::configure(cfg);
    orders::configure(cfg);
    invoices::configure(cfg);
    tickets::configure(cfg);
    search::configure(cfg);
    webhooks::configure(cfg);
    plans::configure(cfg);
    subscriptions::configure(cfg);
    billing::configure(cfg);
    capabilities::configure(cfg);
    service_tokens::configure(cfg);
    usage::configure(cfg);
    tenant_options::configure(cfg);
    tenant_policies::configure(cfg);
    provisioning::configure(cfg);
    support_access::configure(cfg);
    applications::configure(cfg);
    custom_properties::configure(cfg);
}
