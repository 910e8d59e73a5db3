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

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::web;
use landlord_domain::listing::PageRequest;
use landlord_operations::{Context, OpResult};
use landlord_persistence::Database;
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

/// Runs an operation for the signed-in caller on a blocking thread.
pub(crate) async fn run<T: Send + 'static>(
    state: &AppState,
    principal: Principal,
    request_id: RequestId,
    op: impl FnOnce(&Database, &Context) -> OpResult<T> + Send + 'static,
) -> ApiResult<T> {
    let ctx = Context::new(Some(principal.into()), state.now(), Some(request_id.0));
    let db = state.db.clone();
    web::block(move || op(&db, &ctx))
        .await?
        .map_err(ApiError::from)
}

pub(crate) fn page(page: Option<u32>, per_page: Option<u32>) -> ApiResult<PageRequest> {
    PageRequest::parse(page, per_page)
        .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))
}
