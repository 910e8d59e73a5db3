use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use landlord_domain::wire::Problem;
use landlord_operations::webhooks;

/// Delete a webhook endpoint with its deliveries and their attempts. Nothing more is sent
/// to it, pending deliveries included.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Missing tenants:change, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/webhook-endpoints/{id}")]
pub async fn delete_webhook_endpoint(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.run(move |db| webhooks::delete(db, &ctx, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
