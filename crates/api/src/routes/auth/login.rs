use crate::context::Anonymous;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{LoginRequest, Problem, TokenResponse};
use landlord_operations::auth;

/// Sign in to a tenant with a username and password; returns a bearer token.
///
/// Every attempt, successful or not, is written to the audit log.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong credentials, or the tenant is suspended or inactive", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    ctx: Anonymous,
    body: JsonBody<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let LoginRequest {
        tenant,
        username,
        password,
    } = body.0;
    let signed_in = state
        .run(move |db| auth::sign_in(db, &ctx.0, &tenant, &username, &password))
        .await?;
    let token = state
        .tokens
        .issue(
            signed_in.user_id.0,
            signed_in.tenant_id.0,
            signed_in.session_generation,
            state.clock.now(),
        )
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(web::Json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl_seconds,
    }))
}
