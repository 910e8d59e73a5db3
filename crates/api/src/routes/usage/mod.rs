//! Usage metering: the meter catalogue (`/meters`), ingesting usage events
//! (`/usage/events`), a tenant's daily usage (`/tenants/{id}/usage`) and the all-tenants
//! table (`/usage/statistics`, and its CSV export). Each handler
//! parses, calls one operation in `landlord_operations::usage`, and renders its answer.

mod events;
mod meters;
mod table;
mod tenant_usage;

pub use events::*;
pub use meters::*;
pub use table::*;
pub use tenant_usage::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_meters)
        .service(create_meter)
        .service(ingest_usage_events)
        .service(get_tenant_usage)
        .service(get_usage_statistics)
        .service(export_usage_statistics);
}
