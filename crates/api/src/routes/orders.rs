//! `/orders`: customers' orders.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::customer_records;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::order::OrderStatus;
use landlord_domain::wire::{CreateOrderRequest, OrderView, Page, Problem};
use landlord_operations::{RecordQuery, orders};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_orders)
        .service(create_order)
        .service(get_order);
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListOrdersQuery {
    /// Only this customer's orders.
    pub tenant: Option<i64>,
    pub status: Option<OrderStatus>,
    /// `placed_at` (default, newest first as `-placed_at`), `total` or `number`; `-` for descending.
    #[param(pattern = r"^-?(placed_at|total|number)$")]
    #[validate(length(max = 40))]
    pub sort: Option<String>,
}

/// List orders of the caller's subtenants.
#[utoipa::path(
    tag = "activity",
    params(ListOrdersQuery, Paging),
    responses(
        (status = 200, description = "One page of orders", body = Page<OrderView>),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/orders")]
pub async fn list_orders(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<ListOrdersQuery>,
) -> ApiResult<web::Json<Page<OrderView>>> {
    let ListQuery { params: q, page } = query;
    let query = RecordQuery {
        tenant: q.tenant,
        status: q.status,
        sort: q.sort,
    };
    let orders = state
        .read(move |db| orders::list(db, &ctx, query, page))
        .await?;
    Ok(web::Json(orders))
}

/// Show one order.
#[utoipa::path(
    tag = "activity",
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}")]
pub async fn get_order(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<OrderView>> {
    let id = id.into_inner();
    let order = state.read(move |db| orders::get(db, &ctx, id)).await?;
    Ok(web::Json(order))
}

/// Record an order for a customer.
#[utoipa::path(
    tag = "activity",
    request_body = CreateOrderRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = OrderView),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The number is taken for this customer", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/orders")]
pub async fn create_order(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateOrderRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let view = state
        .run(move |db| landlord_operations::orders::create(db, &ctx, request))
        .await?;
    Ok(customer_records::created("orders", view.id, &view))
}
