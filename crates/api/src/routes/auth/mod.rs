//! `/auth`: signing in and out, the current user, password resets.

mod host_tenant;
pub mod login;
pub mod logout;
pub mod me;
pub mod password_reset;
pub mod reset_link;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login::login)
        .service(host_tenant::get_host_tenant)
        .service(logout::logout)
        .service(me::get_me)
        .service(password_reset::reset_password)
        .service(reset_link::request_password_reset_link);
}
