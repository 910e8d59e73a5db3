use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Problem, WebhookEndpointView};
use landlord_operations::webhooks;

/// Show one of the caller's tenant's webhook endpoints (without its secret).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id")),
    responses(
        (status = 200, description = "The endpoint", body = WebhookEndpointView),
        (status = 403, description = "Missing tenants:read, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/webhook-endpoints/{id}")]
pub async fn get_webhook_endpoint(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<WebhookEndpointView>> {
    let id = id.into_inner();
    let endpoint = state
        .read(move |db| webhooks::get_endpoint(db, &ctx, id))
        .await?;
    Ok(web::Json(endpoint))
}
