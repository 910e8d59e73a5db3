use super::page;
use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::listing::PageRequest;
use landlord_domain::webhook::DeliveryStatus;
use landlord_domain::wire::{Page, Problem, WebhookDeliveryView};
use landlord_operations::webhooks;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListWebhookDeliveriesQuery {
    /// Only deliveries in this state.
    pub status: Option<DeliveryStatus>,
    /// Page number, from 1 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// List an endpoint's deliveries, newest first, each with every attempt (time, response
/// status, latency, error and the first kilobyte of the answer).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id"), ListWebhookDeliveriesQuery),
    responses(
        (status = 200, description = "One page of deliveries", body = Page<WebhookDeliveryView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:read, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/webhook-endpoints/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    query: QueryParams<ListWebhookDeliveriesQuery>,
) -> ApiResult<web::Json<Page<WebhookDeliveryView>>> {
    let page = page(query.0.page, query.0.per_page)?;
    let (id, status) = (id.into_inner(), query.0.status);
    let deliveries = state
        .read(move |db| webhooks::list_deliveries(db, &ctx, id, status, page))
        .await?;
    Ok(web::Json(deliveries))
}
