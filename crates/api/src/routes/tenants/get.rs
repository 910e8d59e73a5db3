use super::visible;
use crate::auth::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::Permission;
use landlord_domain::wire::{Problem, TenantView};

/// Show one tenant.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The tenant", body = TenantView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}")]
pub async fn get_tenant(state: web::Data<AppState>, principal: Principal, id: web::Path<i64>) -> ApiResult<web::Json<TenantView>> {
    principal.require(Permission::TenantsRead)?;
    let id = id.into_inner();
    let row = state.read(move |conn| visible(conn, &principal, id)).await?;
    Ok(web::Json(row.to_view()?))
}
