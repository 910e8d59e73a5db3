use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{Problem, WebhookDeliveryView};
use landlord_operations::webhooks;

/// Send a delivery again: it is due at once with a fresh retry schedule, under the same
/// event id, and its earlier attempts stay in its log.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Delivery id")),
    responses(
        (status = 202, description = "Queued again", body = WebhookDeliveryView),
        (status = 403, description = "Missing tenants:update, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delivery to an endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The endpoint is disabled (`endpoint_disabled`), or an attempt is under way (`conflict`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/webhook-deliveries/{id}/resend")]
pub async fn resend_webhook_delivery(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let delivery = state.run(move |db| webhooks::resend(db, &ctx, id)).await?;
    Ok(HttpResponse::Accepted().json(delivery))
}
