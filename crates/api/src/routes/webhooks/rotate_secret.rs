use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{Problem, RotatedWebhookSecret};
use landlord_operations::webhooks;

/// Give a webhook endpoint a new signing secret, shown only in this answer. For 24 hours
/// the old secret keeps signing too: each delivery then carries two signatures,
/// space-separated, so the receiver can switch secrets without missing one.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id")),
    responses(
        (status = 200, description = "The new secret, once", body = RotatedWebhookSecret),
        (status = 403, description = "Missing tenants:change, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/webhook-endpoints/{id}/rotate-secret")]
pub async fn rotate_webhook_endpoint_secret(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<RotatedWebhookSecret>> {
    let id = id.into_inner();
    let rotated = state
        .run(move |db| webhooks::rotate_secret(db, &ctx, id))
        .await?;
    Ok(web::Json(rotated))
}
