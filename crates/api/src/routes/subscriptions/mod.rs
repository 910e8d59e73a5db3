//! `/tenants/{id}/subscription`: a tenant's subscription to a plan of its parent's catalogue.
//! Each handler parses, calls one operation in `landlord_operations::billing::subscriptions`,
//! and renders its answer.

mod cancel;
mod get;
mod pause;
mod preview;
mod put;
mod resume;

pub use cancel::*;
pub use get::*;
pub use pause::*;
pub use preview::*;
pub use put::*;
pub use resume::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_subscription)
        .service(put_subscription)
        .service(preview_subscription)
        .service(cancel_subscription)
        .service(pause_subscription)
        .service(resume_subscription);
}
