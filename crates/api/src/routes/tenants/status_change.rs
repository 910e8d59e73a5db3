//! The shared path of suspend, activate and deactivate: check, transition, record.

use super::managed;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use landlord_domain::audit::AuditAction;
use landlord_domain::audit::AuditTarget;
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::TenantView;
use landlord_operations::{Change, Context, record_change};
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
    let view = state
        .write(move |conn| {
            let row = managed(conn, &principal, id)?;
            let from = row.status()?;
            let to = from.apply(change).map_err(|e| ApiError::Conflict {
                code: "invalid_transition",
                detail: e.to_string(),
                errors: Vec::new(),
            })?;
            let view = tenants::set_status(conn, row.tenant_id(), to, now)?.to_view()?;
            // The audit record and the tenant.<status> event, together.
            let ctx = Context::new(Some(principal.into()), now, Some(request_id));
            record_change(
                conn,
                &ctx,
                Change::new(action, row.tenant_id(), row.tenant_path())
                    .target(AuditTarget::Tenant, id)
                    .details(json!({ "before": { "status": from }, "after": { "status": to } }))
                    .object(json!(view))
                    .previous_attributes(json!({ "status": from })),
            )?;
            Ok(view)
        })
        .await?;
    state.webhook_wake.notify_one();
    Ok(view)
}
