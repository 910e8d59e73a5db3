//! `/plans`: the caller's plan catalogue (the management tenant's, or a reseller's for its
//! subtree). Each handler parses, calls one operation in `landlord_operations::billing::plans`,
//! and renders its answer.

mod archive;
mod create;
mod get;
mod list;
mod update;

pub use archive::*;
pub use create::*;
pub use get::*;
pub use list::*;
pub use update::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_plans)
        .service(create_plan)
        .service(get_plan)
        .service(update_plan)
        .service(archive_plan);
}
