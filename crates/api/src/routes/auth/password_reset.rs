use crate::auth::password;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::audit::AuditAction;
use landlord_domain::password::NewPassword;
use landlord_domain::wire::{PasswordResetRequest, Problem};
use landlord_domain::{TenantId, UserId};
use landlord_persistence::audit::{self, Actor, AuditRecord};
use landlord_persistence::users;
use serde_json::json;

/// Choose a password with the token from a password-reset link. The link works once.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        BodyProblems,
        (status = 204, description = "The password is set; sign in with it"),
        (status = 422, description = "The token is invalid or expired, or the password too weak", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    request_id: RequestId,
    body: JsonBody<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let PasswordResetRequest {
        token,
        password: new_password,
    } = body.0;
    let new_password = NewPassword::parse(&new_password)
        .map_err(|e| ApiError::field("password", "weak_password", e))?;
    let hash = web::block(move || password::hash(new_password.expose()))
        .await?
        .map_err(ApiError::Internal)?;
    let digest = password::token_digest(&token);
    let now = state.now();
    state
        .write(move |conn| {
            let invalid = || {
                ApiError::field(
                    "token",
                    "invalid_token",
                    "the link is invalid, expired or already used",
                )
            };
            let user = users::find_by_reset_token(conn, &digest)?.ok_or_else(invalid)?;
            if user
                .password_reset_expires_at
                .is_none_or(|expires| expires <= now)
            {
                return Err(invalid());
            }
            users::set_password(conn, UserId(user.id), &hash, now)?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: TenantId(user.tenant_id),
                    action: AuditAction::UserPasswordReset,
                    success: true,
                    actor: Actor {
                        user_id: Some(user.id),
                        username: Some(user.username.clone()),
                        tenant_id: Some(user.tenant_id),
                    },
                    target: landlord_domain::audit::AuditTarget::User,
                    target_id: Some(user.id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "via": "reset_link" }),
                    occurred_at: now,
                },
            )
            .map_err(ApiError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
