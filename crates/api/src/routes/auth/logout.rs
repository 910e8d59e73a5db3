use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_operations::auth;

/// Sign out: revokes every token issued to the current user so far.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
    ),
    security(("bearer" = []))
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, ctx: Acting) -> ApiResult<HttpResponse> {
    state.run(move |db| auth::sign_out(db, &ctx)).await?;
    Ok(HttpResponse::NoContent().finish())
}
