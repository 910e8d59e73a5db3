//! `/billing`: billing runs and the dunning policy. Each handler parses, calls one operation
//! in `landlord_operations::billing`, and renders its answer.

mod dunning_policy;
mod runs;

pub use dunning_policy::*;
pub use runs::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_billing_run)
        .service(list_billing_runs)
        .service(get_dunning_policy)
        .service(put_dunning_policy);
}
