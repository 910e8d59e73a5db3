//! Applications (seed 003): the catalogue (`/applications`), a tenant's subscribed and
//! available applications (`/tenants/{id}/applications`, subscribe and unsubscribe), and a
//! runtime's report of a microservice's instances (`/applications/{key}/instances`), and a tenant's microservice usage
//! (`/tenants/{id}/microservice-usage`). Each
//! handler parses, calls one operation in `landlord_operations::applications`, and renders.

mod catalogue;
mod instances;
mod subscriptions;
mod usage;

pub use catalogue::*;
pub use instances::*;
pub use subscriptions::*;
pub use usage::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_applications)
        .service(create_application)
        .service(report_application_instances)
        .service(list_tenant_applications)
        .service(subscribe_tenant_application)
        .service(unsubscribe_tenant_application)
        .service(get_tenant_microservice_usage);
}
