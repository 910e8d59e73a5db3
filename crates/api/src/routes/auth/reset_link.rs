use crate::context::Anonymous;
use crate::error::ApiResult;
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
    )
)]
#[post("/auth/password-reset-link")]
pub async fn request_password_reset_link(
    state: web::Data<AppState>,
    ctx: Anonymous,
    body: JsonBody<PasswordResetLinkRequest>,
) -> ApiResult<HttpResponse> {
    let PasswordResetLinkRequest { tenant, username } = body.0;
    state
        .run(move |db| auth::request_reset_link(db, &ctx.0, &tenant, &username))
        .await?;
    Ok(HttpResponse::Accepted().finish())
}
