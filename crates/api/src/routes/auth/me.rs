use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::Me;
use landlord_operations::auth;

/// The signed-in user, their tenant and their permissions.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The current user", body = Me),
    ),
    security(("bearer" = []))
)]
#[get("/auth/me")]
pub async fn get_me(state: web::Data<AppState>, ctx: Acting) -> ApiResult<web::Json<Me>> {
    let me = state.read(move |db| auth::me(db, &ctx)).await?;
    Ok(web::Json(me))
}
