//! `/provisioning-steps` (the operator's external steps) and `/tenants/{id}/provisioning`
//! (a tenant's pipeline, run again or marked active). Each handler parses, calls one
//! operation in `landlord_operations::provisioning`, and renders its answer.

mod create_step;
mod delete_step;
mod get_tenant;
mod list_steps;
mod mark_active;
mod retry;
mod update_step;

pub use create_step::*;
pub use delete_step::*;
pub use get_tenant::*;
pub use list_steps::*;
pub use mark_active::*;
pub use retry::*;
pub use update_step::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_provisioning_steps)
        .service(create_provisioning_step)
        .service(update_provisioning_step)
        .service(delete_provisioning_step)
        .service(get_tenant_provisioning)
        .service(retry_tenant_provisioning)
        .service(mark_tenant_provisioning_active);
}
