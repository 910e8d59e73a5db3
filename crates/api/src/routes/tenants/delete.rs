use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use landlord_operations::tenants;

/// Delete a tenant with all its data and all its subtenants, in one transaction. Cannot be
/// undone; only the management tenant may delete. The deletion is recorded in the parent's
/// audit log, because the tenant's own log goes with it.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Missing tenants:change, not the management tenant, or the caller's own tenant", body = landlord_domain::wire::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = landlord_domain::wire::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}")]
pub async fn delete_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.run(move |db| tenants::delete(db, &ctx, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
