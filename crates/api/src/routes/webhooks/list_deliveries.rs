use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, web};
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
}

/// List an endpoint's deliveries, newest first, each with every attempt (time, response
/// status, latency, error and the first kilobyte of the answer).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id"), ListWebhookDeliveriesQuery, Paging),
    responses(
        (status = 200, description = "One page of deliveries", body = Page<WebhookDeliveryView>),
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
    query: ListQuery<ListWebhookDeliveriesQuery>,
) -> ApiResult<web::Json<Page<WebhookDeliveryView>>> {
    let (id, status, page) = (id.into_inner(), query.params.status, query.page);
    let deliveries = state
        .read(move |db| webhooks::list_deliveries(db, &ctx, id, status, page))
        .await?;
    Ok(web::Json(deliveries))
}
