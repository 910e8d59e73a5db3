//! `/webhook-endpoints` and `/webhook-deliveries`: where a tenant receives its subtree's
//! events, and what was sent there. Each handler parses, calls one operation in
//! `landlord_operations::webhooks`, and renders its answer.

mod create;
mod delete;
mod get;
mod list;
mod list_deliveries;
mod resend;
mod rotate_secret;
mod send_test;
mod update;

pub use create::*;
pub use delete::*;
pub use get::*;
pub use list::*;
pub use list_deliveries::*;
pub use resend::*;
pub use rotate_secret::*;
pub use send_test::*;
pub use update::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_webhook_endpoints)
        .service(create_webhook_endpoint)
        .service(get_webhook_endpoint)
        .service(update_webhook_endpoint)
        .service(delete_webhook_endpoint)
        .service(rotate_webhook_endpoint_secret)
        .service(send_test_webhook)
        .service(list_webhook_deliveries)
        .service(resend_webhook_delivery);
}
