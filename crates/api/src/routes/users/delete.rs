use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use landlord_domain::wire::Problem;
use landlord_operations::users;

/// Delete a user. A tenant's first administrator cannot be deleted, so nobody locks
/// themselves out; nor can users delete themselves.
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Missing users:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The first administrator, or the caller", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/users/{id}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.run(move |db| users::delete(db, &ctx, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
