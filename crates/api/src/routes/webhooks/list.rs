use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, NoFilters, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Page, Problem, WebhookEndpointView};
use landlord_operations::webhooks;

/// List the caller's tenant's webhook endpoints, oldest first. Secrets are never shown.
#[utoipa::path(
    tag = "webhooks",
    params(Paging),
    responses(
        (status = 200, description = "One page of endpoints", body = Page<WebhookEndpointView>),
        (status = 403, description = "Missing tenants:read, or the tenant may not have subtenants (`subtenants_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/webhook-endpoints")]
pub async fn list_webhook_endpoints(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<NoFilters>,
) -> ApiResult<web::Json<Page<WebhookEndpointView>>> {
    let page = query.page;
    let endpoints = state
        .read(move |db| webhooks::list_endpoints(db, &ctx, page))
        .await?;
    Ok(web::Json(endpoints))
}
