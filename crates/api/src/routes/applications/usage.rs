use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::routes::usage::TenantUsageQuery;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{MicroserviceUsage, Problem};
use landlord_operations::applications::usage;

/// A tenant's microservice resource usage per day in its own time zone: for each
/// microservice whose resources count for the tenant (seed 003: the subscriber of a
/// per-tenant microservice billed by resources, the owner of every other), the day's CPU in
/// millicore-days and memory in MB-days at the manifest's limits per instance for the time
/// subscribed and the instances run, with the `cause` (`Owner`, `Subscription for tenant`).
/// Counted from the subscription and instance history up to now; the same figures, summed per
/// day, are the `microservice_cpu` and `microservice_memory` meters of the usage statistics.
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Tenant id"), TenantUsageQuery),
    responses(
        (status = 200, description = "The tenant's microservice usage", body = MicroserviceUsage),
        (status = 403, description = "Missing usage:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid: a malformed date, `to` before `from`, or more than 366 days", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/microservice-usage")]
pub async fn get_tenant_microservice_usage(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    query: QueryParams<TenantUsageQuery>,
) -> ApiResult<web::Json<MicroserviceUsage>> {
    let id = id.into_inner();
    let TenantUsageQuery { from, to } = query.0;
    Ok(web::Json(
        state
            .read(move |db| usage::tenant_usage(db, &ctx, id, from, to))
            .await?,
    ))
}
