use super::page;
use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{Page, Problem, WebhookEndpointView};
use landlord_operations::webhooks;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListWebhookEndpointsQuery {
    /// Page number, from 1 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// List the caller's tenant's webhook endpoints, oldest first. Secrets are never shown.
#[utoipa::path(
    tag = "webhooks",
    params(ListWebhookEndpointsQuery),
    responses(
        (status = 200, description = "One page of endpoints", body = Page<WebhookEndpointView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:read, or the tenant may not have subtenants (`subtenants_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/webhook-endpoints")]
pub async fn list_webhook_endpoints(
    state: web::Data<AppState>,
    ctx: Acting,
    query: QueryParams<ListWebhookEndpointsQuery>,
) -> ApiResult<web::Json<Page<WebhookEndpointView>>> {
    let page = page(query.0.page, query.0.per_page)?;
    let endpoints = state
        .read(move |db| webhooks::list_endpoints(db, &ctx, page))
        .await?;
    Ok(web::Json(endpoints))
}
