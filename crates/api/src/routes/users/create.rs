use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{CreateUserRequest, Problem, UserView};
use landlord_operations::users;

/// Create a user in the caller's tenant or one of its subtenants.
#[utoipa::path(
    tag = "users",
    request_body = CreateUserRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = UserView),
        (status = 403, description = "Missing users:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken in that tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
    let tenant_id = body.0.tenant_id;
    let new = body.0.parse()?;
    let user = state
        .run(move |db| users::create(db, &ctx, tenant_id, new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/users/{}", user.id),
        ))
        .json(user))
}
