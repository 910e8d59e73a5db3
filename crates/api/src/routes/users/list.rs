use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::user::UserStatus;
use landlord_domain::wire::{Page, Problem, UserView};
use landlord_operations::users::{self, UserQuery};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListUsersQuery {
    /// Only users of this tenant (the customer filter).
    pub tenant: Option<i64>,
    pub status: Option<UserStatus>,
    /// `created_at` (default, newest first as `-created_at`) or `username`; `-` for descending.
    #[param(pattern = r"^-?(created_at|username)$")]
    #[validate(length(max = 40))]
    pub sort: Option<String>,
}

/// List users of the caller's tenant and its subtenants, newest first.
#[utoipa::path(
    tag = "users",
    params(ListUsersQuery, Paging),
    responses(
        (status = 200, description = "One page of users", body = Page<UserView>),
        (status = 403, description = "Missing users:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The `tenant` filter names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<ListUsersQuery>,
) -> ApiResult<web::Json<Page<UserView>>> {
    let ListQuery { params, page } = query;
    let query = UserQuery {
        tenant: params.tenant,
        status: params.status,
        sort: params.sort,
    };
    let users = state
        .read(move |db| users::list(db, &ctx, query, page))
        .await?;
    Ok(web::Json(users))
}
