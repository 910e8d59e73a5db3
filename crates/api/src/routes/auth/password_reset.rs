use crate::context::Anonymous;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::password::NewPassword;
use landlord_domain::wire::{PasswordResetRequest, Problem};
use landlord_operations::auth;

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
    ctx: Anonymous,
    body: JsonBody<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let PasswordResetRequest { token, password } = body.0;
    let password = NewPassword::parse(&password)
        .map_err(|e| ApiError::field("password", "weak_password", e))?;
    state
        .run(move |db| auth::reset_password(db, &ctx.0, &token, password))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
