use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::audit::AuditAction;
use landlord_domain::wire::Problem;
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::users;
use serde_json::json;

/// Sign out: revokes every token issued to the current user so far.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
) -> ApiResult<HttpResponse> {
    let now = state.now();
    state
        .write(move |conn| {
            users::revoke_tokens(conn, principal.user_id)?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: principal.tenant_id,
                    action: AuditAction::LoggedOut,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::Session,
                    target_id: Some(principal.user_id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({}),
                    occurred_at: now,
                },
            )
            .map_err(ApiError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
