use super::managed;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use landlord_domain::audit::AuditAction;
use landlord_domain::{Permission, TenantId};
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::tenants;
use serde_json::json;

/// Delete a tenant with all its data and all its subtenants, in one transaction. Cannot be
/// undone; only the management tenant may delete. The deletion is recorded in the parent's
/// audit log, because the tenant's own log goes with it.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = landlord_domain::wire::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:change, not the management tenant, or the caller's own tenant", body = landlord_domain::wire::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = landlord_domain::wire::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}")]
pub async fn delete_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::TenantsChange)?;
    let id = id.into_inner();
    let now = state.now();
    state
        .write(move |conn| {
            let row = managed(conn, &principal, id)?;
            if !principal.is_management() {
                return Err(ApiError::forbidden(
                    "management_only",
                    "only the management tenant may delete tenants",
                ));
            }
            let parent = row.parent_id.ok_or_else(|| {
                ApiError::forbidden("management_only", "the management tenant cannot be deleted")
            })?;
            let deleted = tenants::delete_subtree(conn, row.tenant_id(), &row.tenant_path())?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: TenantId(parent),
                    action: AuditAction::TenantDeleted,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::Tenant,
                    target_id: Some(id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "before": row.to_view()?, "tenants_deleted": deleted }),
                    occurred_at: now,
                },
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
