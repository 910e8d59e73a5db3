use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::capabilities::{CatalogueQuery, page_of};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::wire::{CreateMeterRequest, MeterView, Page, Problem};
use landlord_operations::usage::meters;

/// The meters by key: the built-in `api_requests`, `storage`, `users`, `devices` and
/// `root_devices`, and the operator's own.
#[utoipa::path(
    tag = "usage",
    params(CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of meters", body = Page<MeterView>),
        (status = 403, description = "Missing usage:read and capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/meters")]
pub async fn list_meters(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<MeterView>>> {
    let page = query.page;
    let all = state.read(move |db| meters::list_meters(db, &ctx)).await?;
    Ok(web::Json(page_of(all, page)))
}

/// Define a meter (management tenant only): a unique, immutable `key`, its aggregation
/// (`property` required for `unique_count`, and only there) and kind.
#[utoipa::path(
    tag = "usage",
    request_body = CreateMeterRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new meter", body = MeterView),
        (status = 403, description = "Missing capabilities:manage, or not the management tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key is taken (`key_taken`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/meters")]
pub async fn create_meter(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateMeterRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let meter = state
        .run(move |db| meters::create_meter(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created().json(meter))
}
