//! `/orders`: customers' orders.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::QueryParams;
use crate::request_id::RequestId;
use crate::routes::activity;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::Permission;
use landlord_domain::activity::OrderStatus;
use landlord_domain::audit::AuditAction;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{CreateOrderRequest, FieldError, OrderView, Page, Problem};
use landlord_persistence::StoreError;
use landlord_persistence::activity::{self as store, ActivitySort, NewOrderRow, OrderRow};
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
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// List orders of the caller's subtenants.
#[utoipa::path(
    tag = "activity",
    params(ListOrdersQuery),
    responses(
        (status = 200, description = "One page of orders", body = Page<OrderView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/orders")]
pub async fn list_orders(
    state: web::Data<AppState>,
    principal: Principal,
    query: QueryParams<ListOrdersQuery>,
) -> ApiResult<web::Json<Page<OrderView>>> {
    let q = query.0;
    let request = activity::ListRequest {
        tenant: q.tenant,
        status: q.status.map(OrderStatus::as_str),
        sort: activity::sort(q.sort.as_deref(), &ActivitySort::ORDER_FIELDS)?,
        page: activity::page(q.page, q.per_page)?,
    };
    activity::list(
        &state,
        principal,
        request,
        store::list_orders,
        OrderRow::to_view,
    )
    .await
}

/// Show one order.
#[utoipa::path(
    tag = "activity",
    params(("id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such order in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}")]
pub async fn get_order(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<web::Json<OrderView>> {
    let tenant_of = |row: &OrderRow| row.tenant_id;
    activity::get(
        &state,
        principal,
        id.into_inner(),
        store::find_order,
        tenant_of,
        OrderRow::to_view,
        "order",
    )
    .await
}

/// Record an order for a customer.
#[utoipa::path(
    tag = "activity",
    request_body = CreateOrderRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = OrderView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The number is taken for this customer", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/orders")]
pub async fn create_order(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    body: JsonBody<CreateOrderRequest>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ActivityManage)?;
    let request = body.0;
    let (number, total_minor) = request.parse()?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let tenant = activity::owner(conn, &principal, request.tenant_id, "tenant")?;
            let numbered = number.is_some();
            let row = NewOrderRow {
                tenant_id: tenant.id,
                number: number.unwrap_or_default(),
                status: request
                    .status
                    .unwrap_or(OrderStatus::Pending)
                    .as_str()
                    .to_owned(),
                total_minor,
                currency: request.currency.code().to_owned(),
                placed_at: request.placed_at.map_or(now, |t| t.naive_utc()),
            };
            let view = store::insert_order(conn, row, numbered)
                .map_err(number_taken)?
                .to_view(OrderRow::to_view)?;
            let json = serde_json::to_value(&view).unwrap_or_default();
            let created = (
                AuditAction::OrderCreated,
                landlord_domain::audit::AuditTarget::Order,
                view.id,
            );
            activity::record_created(conn, &principal, &tenant, created, json, request_id.0, now)?;
            Ok(view)
        })
        .await?;
    Ok(activity::created("orders", view.id, &view))
}

/// A unique-number violation, as a 409 naming the field.
pub(crate) fn number_taken(err: StoreError) -> ApiError {
    match err {
        StoreError::Conflict(_) => ApiError::Conflict {
            code: "number_taken",
            detail: "this number is already used for this customer".into(),
            errors: vec![FieldError::new(
                "number",
                "number_taken",
                "is already used for this customer",
            )],
        },
        other => other.into(),
    }
}
