//! `/users`: the users of the caller's tenant and its subtenants.

mod create;
mod delete;
mod get;
mod list;

pub use create::*;
pub use delete::*;
pub use get::*;
pub use list::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(delete_user);
}
