//! The shared path of suspend, activate and deactivate: check, transition, record.

use super::managed;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use landlord_domain::audit::AuditAction;
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::TenantView;
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::tenants;
use serde_json::json;

pub(crate) async fn change_status(
    state: &AppState,
    principal: Principal,
    request_id: String,
    id: i64,
    change: StatusChange,
    action: AuditAction,
) -> ApiResult<TenantView> {
    let now = state.now();
    state
        .write(move |conn| {
            let row = managed(conn, &principal, id)?;
            let from = row.status()?;
            let to = from.apply(change).map_err(|e| ApiError::Conflict {
                code: "invalid_transition",
                detail: e.to_string(),
                errors: Vec::new(),
            })?;
            let view = tenants::set_status(conn, row.tenant_id(), to, now)?.to_view()?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: row.tenant_id(),
                    action,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::Tenant,
                    target_id: Some(id.to_string()),
                    request_id: Some(request_id),
                    details: json!({ "before": { "status": from }, "after": { "status": to } }),
                    occurred_at: now,
                },
            )?;
            Ok(view)
        })
        .await
}
