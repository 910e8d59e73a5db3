use crate::context::Acting;
use crate::error::{ApiError, ApiResult};
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::billing::PlanStatus;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{Page, PlanView, Problem};
use landlord_operations::billing::plans;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListPlansQuery {
    /// Only `active` or only `archived` plans.
    pub status: Option<PlanStatus>,
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// The caller's plan catalogue by code, each with its number of current subscribers.
#[utoipa::path(
    tag = "billing",
    params(ListPlansQuery),
    responses(
        (status = 200, description = "One page of plans", body = Page<PlanView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing billing:read, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    ctx: Acting,
    query: QueryParams<ListPlansQuery>,
) -> ApiResult<web::Json<Page<PlanView>>> {
    let q = query.0;
    let page = PageRequest::parse(q.page, q.per_page)
        .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))?;
    let status = q.status;
    Ok(web::Json(
        state
            .run(move |db| plans::list(db, &ctx, status, page))
            .await?,
    ))
}
