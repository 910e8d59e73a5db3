//! `/search`: the Cmd+K palette.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Problem, SearchResults};
use landlord_operations::search;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_everything);
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to look for: a name, domain, email, username, order or invoice number, or ticket subject.
    #[param(min_length = 1, max_length = 100)]
    #[validate(length(min = 1, max = 100))]
    pub q: String,
    /// Hits per kind, 1 to 10 (default 5).
    #[param(minimum = 1, maximum = 10)]
    #[validate(range(min = 1, max = 10))]
    pub limit: Option<i64>,
}

/// The best few matches across tenants, users, orders, invoices and tickets the caller may
/// see, each with the admin-app link to open.
#[utoipa::path(
    tag = "customers",
    params(SearchQuery),
    responses(
        (status = 200, description = "Matches, grouped by kind", body = SearchResults),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` is missing or too long", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/search")]
pub async fn search_everything(
    state: web::Data<AppState>,
    ctx: Acting,
    query: QueryParams<SearchQuery>,
) -> ApiResult<web::Json<SearchResults>> {
    let SearchQuery { q, limit } = query.0;
    let limit = limit.unwrap_or(5);
    let found = state
        .read(move |db| search::search(db, &ctx, &q, limit))
        .await?;
    Ok(web::Json(found))
}
