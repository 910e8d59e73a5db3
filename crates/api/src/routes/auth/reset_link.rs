use crate::context::Anonymous;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::PasswordResetLinkRequest;
use landlord_operations::auth;

/// Ask for a password-reset link by mail. An active user of an active tenant is mailed a
/// one-time link (valid 24 hours) to their address; the answer is the same whether or not
/// the account exists. A second request within five minutes mails nothing.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetLinkRequest,
    responses(
        BodyProblems,
        (status = 202, description = "If the account exists, the link is on its way"),
        (status = 422, description = "`tenant` or `username` is too long", body = landlord_domain::wire::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset-link")]
pub async fn request_password_reset_link(
    state: web::Data<AppState>,
    ctx: Anonymous,
    body: JsonBody<PasswordResetLinkRequest>,
) -> ApiResult<HttpResponse> {
    let PasswordResetLinkRequest { tenant, username } = body.0;
    for (field, value, max) in [("tenant", &tenant, 63), ("username", &username, 100)] {
        if value.chars().count() > max {
            return Err(ApiError::field(
                field,
                "too_long",
                format!("must be at most {max} characters long"),
            ));
        }
    }
    state
        .run(move |db| auth::request_reset_link(db, &ctx.0, &tenant, &username))
        .await?;
    Ok(HttpResponse::Accepted().finish())
}
