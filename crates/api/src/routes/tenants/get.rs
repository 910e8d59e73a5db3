use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Problem, TenantDetail};
use landlord_operations::tenants;

/// Show one tenant with its detail panel: counts, contact and billing information, and the
/// account history (creation, status changes, notable orders), newest first.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The tenant", body = TenantDetail),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}")]
pub async fn get_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantDetail>> {
    let id = id.into_inner();
    let tenant = state.read(move |db| tenants::get(db, &ctx, id)).await?;
    Ok(web::Json(tenant))
}
