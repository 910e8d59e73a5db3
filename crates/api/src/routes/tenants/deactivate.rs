use super::status_change::change_status;
use crate::auth::Principal;
use crate::error::ApiResult;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::Permission;
use landlord_domain::audit::AuditAction;
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::{Problem, TenantView};

/// Mark a tenant inactive (e.g. a churned customer): access is blocked, data is kept.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The inactive tenant", body = TenantView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenant is already inactive or still provisioning", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/deactivate")]
pub async fn deactivate_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantView>> {
    principal.require(Permission::TenantsUpdate)?;
    let caller = principal.caller();
    let view = change_status(
        &state,
        principal,
        request_id.0,
        id.into_inner(),
        StatusChange::Deactivate,
        AuditAction::TenantDeactivated,
    )
    .await?;
    Ok(web::Json(view.seen_by(caller)))
}
