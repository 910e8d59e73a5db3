use super::status_change::change_status;
use crate::auth::{Principal, password};
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::Permission;
use landlord_domain::audit::AuditAction;
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::{FieldError, Problem, SuspendTenantRequest, TenantView};
use landlord_persistence::users;

/// Suspend a tenant: blocks every access to it and its whole subtree (sign-in and live
/// tokens alike) until it is activated again. The data stays. Confirm with your password.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = SuspendTenantRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The suspended tenant", body = TenantView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:update, wrong password, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenant is not active", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/suspend")]
pub async fn suspend_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    id: web::Path<i64>,
    body: JsonBody<SuspendTenantRequest>,
) -> ApiResult<web::Json<TenantView>> {
    principal.require(Permission::TenantsUpdate)?;
    let user_id = principal.user_id;
    let stored = state
        .read(move |conn| Ok(users::find(conn, user_id)?.and_then(|u| u.password_hash)))
        .await?;
    let given = body.0.password;
    let confirmed = web::block(move || password::verify(stored.as_deref(), &given)).await?;
    if !confirmed {
        return Err(ApiError::Forbidden {
            code: "password_mismatch",
            detail: "the password does not match; suspension needs your own password".into(),
            errors: vec![FieldError::new(
                "password",
                "password_mismatch",
                "does not match your password",
            )],
        });
    }
    let view = change_status(
        &state,
        principal,
        request_id.0,
        id.into_inner(),
        StatusChange::Suspend,
        AuditAction::TenantSuspended,
    )
    .await?;
    Ok(web::Json(view))
}
