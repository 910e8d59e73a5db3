use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::NaiveDate;
use landlord_domain::wire::{Problem, TenantUsage};
use landlord_operations::usage::statistics;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

/// The range of days, in the tenant's time zone.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TenantUsageQuery {
    /// The first day (`YYYY-MM-DD`); by default 29 days before `to`.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    /// The last day (`YYYY-MM-DD`), on or after `from` and at most 366 days later; by
    /// default today in the tenant's time zone.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
}

/// A tenant's usage per day in its own time zone: each meter's value and gauges' peaks for
/// every day of the range, and a summary (counters summed, gauges the last day's value,
/// peaks the highest). Read from daily rollups kept up to date as events arrive.
#[utoipa::path(
    tag = "usage",
    params(("id" = i64, Path, description = "Tenant id"), TenantUsageQuery),
    responses(
        (status = 200, description = "The tenant's usage", body = TenantUsage),
        (status = 403, description = "Missing usage:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid: a malformed date, `to` before `from`, or more than 366 days", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/usage")]
pub async fn get_tenant_usage(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    query: QueryParams<TenantUsageQuery>,
) -> ApiResult<web::Json<TenantUsage>> {
    let id = id.into_inner();
    let TenantUsageQuery { from, to } = query.0;
    Ok(web::Json(
        state
            .read(move |db| statistics::tenant_usage(db, &ctx, id, from, to))
            .await?,
    ))
}
