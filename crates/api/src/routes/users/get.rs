use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Problem, UserView};
use landlord_operations::users;

/// Show one user.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = UserView),
        (status = 403, description = "Missing users:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<UserView>> {
    let id = id.into_inner();
    let user = state.read(move |db| users::get(db, &ctx, id)).await?;
    Ok(web::Json(user))
}
