use crate::client_address::ClientAddress;
use crate::context::Anonymous;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpRequest, post, web};
use landlord_domain::wire::{FieldError, LoginRequest, Problem, TokenResponse};
use landlord_operations::auth;
use landlord_operations::sign_in_throttle::SignInAttempt;

/// Sign in to a tenant with a username and password; returns a bearer token.
///
/// Every attempt, successful or not, is written to the audit log. Failed attempts are
/// throttled per tenant and username (from the 5th failure within 15 minutes) and per client
/// address (from the 50th): the key then waits 1 second, doubling with each further failure
/// up to 15 minutes, and attempts meanwhile are refused with 429 and `Retry-After`, whatever
/// the password. Unknown tenants and users count like wrong passwords.
///
/// `tenant` may be omitted on a host `<domain>.<base domain>` (tenant domain login). With
/// `support: true` the username and password are a management tenant's support user's, and
/// the token acts in `tenant` while it grants support access (seed 003).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        BodyProblems,
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Wrong credentials, or the tenant is suspended or inactive", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A support sign-in the tenant or platform does not allow now (`support_access_denied`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts for this tenant and username or from this address: the password was not checked; try again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait before the next attempt"))),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    ctx: Anonymous,
    client: ClientAddress,
    body: JsonBody<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let LoginRequest {
        tenant,
        username,
        password,
        support,
    } = body.0;
    let tenant = match tenant {
        Some(tenant) => tenant,
        None => super::host_tenant::of_request(&req, &state).ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "tenant",
                "required",
                "name the tenant (this host names none)",
            )])
        })?,
    };
    let attempt = SignInAttempt {
        tenant,
        username,
        address: client.0,
    };
    let signed_in = state
        .run(move |db| {
            if support {
                auth::sign_in_as_support(db, &ctx.0, &attempt, &password)
            } else {
                auth::sign_in(db, &ctx.0, &attempt, &password)
            }
        })
        .await?;
    let token = state
        .tokens
        .issue_session(
            signed_in.user_id.0,
            signed_in.tenant_id.0,
            signed_in.session_generation,
            signed_in.support_tenant.map(|t| t.0),
            state.clock.now(),
        )
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(web::Json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl_seconds,
    }))
}
