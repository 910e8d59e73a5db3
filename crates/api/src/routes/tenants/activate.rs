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

/// Activate a suspended or inactive tenant, restoring access to it and its subtree.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The active tenant", body = TenantView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenant is already active", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/activate")]
pub async fn activate_tenant(
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
        StatusChange::Activate,
        AuditAction::TenantActivated,
    )
    .await?;
    Ok(web::Json(view.seen_by(caller)))
}
