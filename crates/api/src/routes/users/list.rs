use crate::context::Acting;
use crate::error::{ApiError, ApiResult};
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::listing::PageRequest;
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
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// List users of the caller's tenant and its subtenants, newest first.
#[utoipa::path(
    tag = "users",
    params(ListUsersQuery),
    responses(
        (status = 200, description = "One page of users", body = Page<UserView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
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
    query: QueryParams<ListUsersQuery>,
) -> ApiResult<web::Json<Page<UserView>>> {
    let query = query.0;
    let page = PageRequest::parse(query.page, query.per_page)
        .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))?;
    let query = UserQuery {
        tenant: query.tenant,
        status: query.status,
        sort: query.sort,
    };
    let users = state
        .read(move |db| users::list(db, &ctx, query, page))
        .await?;
    Ok(web::Json(users))
}
