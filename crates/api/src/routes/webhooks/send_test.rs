use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{Problem, WebhookDeliveryView};
use landlord_operations::webhooks;

/// Send a `webhook.test` event to this endpoint only, whatever event types it subscribes
/// to. The answer is the queued delivery; follow it in the endpoint's deliveries.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id")),
    responses(
        (status = 202, description = "Queued", body = WebhookDeliveryView),
        (status = 403, description = "Missing tenants:update, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The endpoint is disabled (`endpoint_disabled`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/webhook-endpoints/{id}/test")]
pub async fn send_test_webhook(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let delivery = state
        .run(move |db| webhooks::send_test(db, &ctx, id))
        .await?;
    Ok(HttpResponse::Accepted().json(delivery))
}
