use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Page, Problem, TenantView};
use landlord_domain::{TenantStatus, TenantType};
use landlord_operations::tenants::{self, TenantQuery};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListTenantsQuery {
    /// Case-insensitive substring of the name, domain, contact email or admin email.
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub q: Option<String>,
    /// Only companies or only individuals.
    #[serde(rename = "type")]
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// `overdue` (any dunning state), `ok`, or one dunning state's name (`reminder`,
    /// `restricted`, `suspended`, ...).
    #[param(pattern = r"^[a-z0-9_]{1,40}$")]
    #[validate(length(max = 40))]
    pub billing_state: Option<String>,
    /// Only direct children of this tenant id.
    pub parent: Option<i64>,
    /// Also list the caller's own tenant (default `false`). Its customers are the tenants
    /// below it, so by default the list, its `total`, the export and the summary's
    /// `total_customers` count the same tenants.
    pub include_self: Option<bool>,
    /// `name`, `domain`, `status`, `created_at` or `users_count`; prefix `-` for descending. Default `-created_at`.
    #[param(pattern = r"^-?(name|domain|status|created_at|users_count)$")]
    #[validate(length(max = 40))]
    pub sort: Option<String>,
    /// `key:value`: only customers whose value of this custom property (`GET
    /// /custom-properties`) is `value`, compared case-insensitively after reading it as the
    /// property's type (`seats:12.0` finds 12), e.g. `external_reference:ERP-7`. An unknown
    /// key or a value not of the property's type is a 422 naming `property`.
    #[param(max_length = 1100, pattern = r"^[a-z][a-z0-9_]{0,63}:")]
    #[validate(length(max = 1100))]
    pub property: Option<String>,
}

impl ListTenantsQuery {
    /// The filters and order, which the export takes too.
    fn tenant_query(self) -> TenantQuery {
        TenantQuery {
            q: self.q,
            tenant_type: self.tenant_type,
            status: self.status,
            billing_state: self.billing_state,
            parent: self.parent,
            include_self: self.include_self.unwrap_or(false),
            sort: self.sort,
            property: self.property,
        }
    }
}

/// List the caller's customers: the tenants of their subtree, without their own tenant
/// unless `include_self=true`. Every row carries its `users_count`, `orders_count`,
/// `invoices_count` and `tickets_count`, and the `allowed_actions` the caller may take on it.
#[utoipa::path(
    tag = "tenants",
    params(ListTenantsQuery, Paging),
    responses(
        (status = 200, description = "One page of tenants and the total count", body = Page<TenantView>),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants")]
pub async fn list_tenants(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<ListTenantsQuery>,
) -> ApiResult<web::Json<Page<TenantView>>> {
    let ListQuery { params, page } = query;
    let query = params.tenant_query();
    let tenants = state
        .read(move |db| tenants::list(db, &ctx, query, page))
        .await?;
    Ok(web::Json(tenants))
}
