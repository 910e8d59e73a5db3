use super::visible_user;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use landlord_domain::audit::AuditAction;
use landlord_domain::wire::Problem;
use landlord_domain::{Permission, TenantId};
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::models::UserRow;
use landlord_persistence::{tenants, users};
use serde_json::json;

/// Delete a user. A tenant's first administrator cannot be deleted, so nobody locks
/// themselves out; nor can users delete themselves.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing users:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The first administrator, or the caller", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/users/{id}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::UsersManage)?;
    let id = id.into_inner();
    let now = state.now();
    state
        .write(move |conn| {
            let user = visible_user(conn, &principal, id)?;
            let before = user.to_view(UserRow::to_view)?;
            let user = user.row;
            if user.is_first_admin {
                return Err(ApiError::Conflict {
                    code: "first_admin",
                    detail: "a tenant's first administrator cannot be deleted".into(),
                    errors: Vec::new(),
                });
            }
            if user.id == principal.user_id.0 {
                return Err(ApiError::Conflict {
                    code: "self_delete",
                    detail: "you cannot delete yourself".into(),
                    errors: Vec::new(),
                });
            }
            let tenant =
                tenants::find(conn, TenantId(user.tenant_id))?.ok_or(ApiError::NotFound("user"))?;
            users::delete(conn, &user, &tenant.tenant_path())?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: TenantId(user.tenant_id),
                    action: AuditAction::UserDeleted,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::User,
                    target_id: Some(id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "before": before }),
                    occurred_at: now,
                },
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
