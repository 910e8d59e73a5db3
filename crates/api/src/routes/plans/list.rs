use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::billing::PlanStatus;
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
}

/// The caller's plan catalogue by code, each with its number of current subscribers.
#[utoipa::path(
    tag = "billing",
    params(ListPlansQuery, Paging),
    responses(
        (status = 200, description = "One page of plans", body = Page<PlanView>),
        (status = 403, description = "Missing billing:read, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<ListPlansQuery>,
) -> ApiResult<web::Json<Page<PlanView>>> {
    let ListQuery { params: q, page } = query;
    let status = q.status;
    Ok(web::Json(
        state
            .read(move |db| plans::list(db, &ctx, status, page))
            .await?,
    ))
}
