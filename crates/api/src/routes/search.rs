//! `/search`: the Cmd+K palette.

use crate::auth::Principal;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::Permission;
use landlord_domain::wire::{Problem, SearchHit, SearchResults};
use landlord_persistence::search;
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
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` is missing or too long", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/search")]
pub async fn search_everything(
    state: web::Data<AppState>,
    principal: Principal,
    query: QueryParams<SearchQuery>,
) -> ApiResult<web::Json<SearchResults>> {
    principal.require(Permission::TenantsRead)?;
    let query = query.0;
    let limit = query.limit.unwrap_or(5);
    let scope = principal.tenant_path.clone();
    let see_people = principal.role.grants(Permission::UsersRead);
    let see_activity = principal.role.grants(Permission::ActivityRead);
    let found = state
        .read(move |conn| Ok(search::palette(conn, &scope, &query.q, limit)?))
        .await?;
    let mut hits: Vec<SearchHit> = found
        .tenants
        .iter()
        .map(|t| SearchHit {
            kind: "tenant".into(),
            id: t.id,
            title: t.name.clone(),
            subtitle: format!(
                "{} · {}",
                t.domain,
                t.contact_email.as_deref().unwrap_or(&t.admin_email)
            ),
            link: format!("/customers/{}", t.id),
        })
        .collect();
    if see_people {
        hits.extend(found.users.iter().map(|u| SearchHit {
            kind: "user".into(),
            id: u.id,
            title: u.display_name.clone().unwrap_or_else(|| u.username.clone()),
            subtitle: format!("{} · {}", u.username, u.email),
            link: format!("/users?tenant={}", u.tenant_id),
        }));
    }
    if see_activity {
        hits.extend(found.orders.iter().map(|o| SearchHit {
            kind: "order".into(),
            id: o.id,
            title: o.number.clone(),
            subtitle: format!("{} · {}", o.status, o.currency),
            link: format!("/orders?tenant={}", o.tenant_id),
        }));
        hits.extend(found.invoices.iter().map(|i| SearchHit {
            kind: "invoice".into(),
            id: i.id,
            title: i.number.clone().unwrap_or_default(),
            subtitle: format!("{} · {}", i.status, i.currency),
            link: format!("/invoices?tenant={}", i.tenant_id),
        }));
        hits.extend(found.tickets.iter().map(|t| SearchHit {
            kind: "ticket".into(),
            id: t.id,
            title: t.subject.clone(),
            subtitle: format!("{} · {}", t.status, t.priority),
            link: format!("/support?tenant={}", t.tenant_id),
        }));
    }
    Ok(web::Json(SearchResults { hits }))
}
