//! `/tenant-policies`: the caller's tenant's policies for its subtenants (seed 003): a name,
//! a description, options and at least one retention rule; copied into a tenant chosen at
//! creation (`policy`, `link_policy` on `POST /tenants`).

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::capabilities::{CatalogueQuery, page_of};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use landlord_domain::wire::{
    Page, Problem, TenantPolicyRequest, TenantPolicySummary, TenantPolicyView,
};
use landlord_operations::policies;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tenant_policies)
        .service(create_tenant_policy)
        .service(get_tenant_policy)
        .service(update_tenant_policy)
        .service(delete_tenant_policy)
        .service(duplicate_tenant_policy);
}

/// The caller's tenant's policies by name: name, description, number of options and rules.
#[utoipa::path(
    tag = "policies",
    params(CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of policies", body = Page<TenantPolicySummary>),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenant-policies")]
pub async fn list_tenant_policies(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<TenantPolicySummary>>> {
    let page = query.page;
    let all = state.read(move |db| policies::list(db, &ctx)).await?;
    Ok(web::Json(page_of(all, page)))
}

/// A new policy. Options under `credentials.` are stored encrypted; only the management
/// tenant may lock an option.
#[utoipa::path(
    tag = "policies",
    request_body = TenantPolicyRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new policy", body = TenantPolicyView),
        (status = 403, description = "Missing tenants:update, or a lock from another tenant than management (`management_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken (`conflict`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenant-policies")]
pub async fn create_tenant_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<TenantPolicyRequest>,
) -> ApiResult<HttpResponse> {
    let (request, cipher) = (body.0, state.cipher.clone());
    let view = state
        .run(move |db| policies::create(db, &ctx, &cipher, request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One policy with its options (credentials' values hidden) and rules.
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Policy id")),
    responses(
        (status = 200, description = "The policy", body = TenantPolicyView),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such policy of the caller's tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenant-policies/{id}")]
pub async fn get_tenant_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantPolicyView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state.read(move |db| policies::get(db, &ctx, id)).await?,
    ))
}

/// Replace a policy. Tenants created with it as a copy keep what they have; linked
/// tenants get the new options and rules at once.
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Policy id")),
    request_body = TenantPolicyRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The policy", body = TenantPolicyView),
        (status = 403, description = "Missing tenants:update, or `management_only`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such policy of the caller's tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken (`conflict`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/tenant-policies/{id}")]
pub async fn update_tenant_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<TenantPolicyRequest>,
) -> ApiResult<web::Json<TenantPolicyView>> {
    let (id, request, cipher) = (id.into_inner(), body.0, state.cipher.clone());
    Ok(web::Json(
        state
            .run(move |db| policies::update(db, &ctx, &cipher, id, request))
            .await?,
    ))
}

/// Delete a policy; tenants created with it keep their options and rules.
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Policy id")),
    responses(
        (status = 200, description = "The deleted policy", body = TenantPolicyView),
        (status = 403, description = "Missing tenants:update", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such policy of the caller's tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenant-policies/{id}")]
pub async fn delete_tenant_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantPolicyView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state.run(move |db| policies::delete(db, &ctx, id)).await?,
    ))
}

/// A copy of a policy, named "<name> (copy)".
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Policy id")),
    responses(
        (status = 201, description = "The copy", body = TenantPolicyView),
        (status = 403, description = "Missing tenants:update", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such policy of the caller's tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenant-policies/{id}/duplicate")]
pub async fn duplicate_tenant_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = state
        .run(move |db| policies::duplicate(db, &ctx, id))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
