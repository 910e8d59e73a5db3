//! `/tenants`: the management tenant's (and resellers') view of their subtenants.

mod activate;
mod audit_log;
mod create;
mod deactivate;
mod delete;
mod emails;
mod export;
mod get;
mod list;
mod setup_instructions;
mod summary;
mod suspend;
mod update;

pub use activate::*;
pub use audit_log::*;
pub use create::*;
pub use deactivate::*;
pub use delete::*;
pub use emails::*;
pub use export::*;
pub use get::*;
pub use list::*;
pub use setup_instructions::*;
pub use summary::*;
pub use suspend::*;
pub use update::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The fixed paths come before `/tenants/{id}`, which would otherwise claim them.
    cfg.service(get_customer_summary)
        .service(export_tenants)
        .service(list_tenants)
        .service(create_tenant)
        .service(get_tenant)
        .service(update_tenant)
        .service(delete_tenant)
        .service(suspend_tenant)
        .service(activate_tenant)
        .service(deactivate_tenant)
        .service(get_tenant_audit_log)
        .service(get_tenant_setup_instructions)
        .service(list_tenant_emails);
}
