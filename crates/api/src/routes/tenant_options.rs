//! `/tenants/{id}/options`, `/tenants/{id}/retention-rules` and `/tenants/{id}/policy`: a
//! tenant's options (a locked one answers 403 `option_locked` to all but the management
//! tenant; `credentials.` values are stored encrypted and answered as `value: null,
//! encrypted: true`), its retention rules, and its policy with the drift view and re-apply.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web};
use landlord_domain::wire::{
    Problem, PutOptionRequest, RetentionRulesRequest, RetentionRulesView, TenantOptionView,
    TenantPolicyState,
};
use landlord_operations::{options, policies};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tenant_options)
        .service(get_tenant_option)
        .service(put_tenant_option)
        .service(delete_tenant_option)
        .service(get_tenant_retention_rules)
        .service(put_tenant_retention_rules)
        .service(get_tenant_policy_state)
        .service(reapply_tenant_policy);
}

/// A visible tenant's options, by category and key.
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The options", body = Vec<TenantOptionView>),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/options")]
pub async fn list_tenant_options(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<TenantOptionView>>> {
    let id = id.into_inner();
    Ok(web::Json(
        state.read(move |db| options::list(db, &ctx, id)).await?,
    ))
}

/// One option.
#[utoipa::path(
    tag = "policies",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("category" = String, Path, pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$", description = "Option category"),
        ("key" = String, Path, pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$", description = "Option key"),
    ),
    responses(
        (status = 200, description = "The option", body = TenantOptionView),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or option", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A malformed category or key", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/options/{category}/{key}")]
pub async fn get_tenant_option(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String, String)>,
) -> ApiResult<web::Json<TenantOptionView>> {
    let (id, category, key) = path.into_inner();
    Ok(web::Json(
        state
            .read(move |db| options::get(db, &ctx, id, &category, &key))
            .await?,
    ))
}

/// Set an option. `locked` is for the management tenant only; a locked option answers 403
/// `option_locked` to everyone else.
#[utoipa::path(
    tag = "policies",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("category" = String, Path, pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$", description = "Option category"),
        ("key" = String, Path, pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$", description = "Option key (`credentials.` keys are stored encrypted)"),
    ),
    request_body = PutOptionRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The option", body = TenantOptionView),
        (status = 403, description = "Missing tenants:update, `locked` from another tenant (`management_only`), or the option is locked (`option_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/tenants/{id}/options/{category}/{key}")]
pub async fn put_tenant_option(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String, String)>,
    body: JsonBody<PutOptionRequest>,
) -> ApiResult<web::Json<TenantOptionView>> {
    let (id, category, key) = path.into_inner();
    let (request, cipher) = (body.0, state.cipher.clone());
    Ok(web::Json(
        state
            .run(move |db| options::put(db, &ctx, &cipher, id, (&category, &key), request))
            .await?,
    ))
}

/// Delete an option (a locked one: the management tenant only).
#[utoipa::path(
    tag = "policies",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("category" = String, Path, pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$", description = "Option category"),
        ("key" = String, Path, pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$", description = "Option key"),
    ),
    responses(
        (status = 200, description = "The deleted option", body = TenantOptionView),
        (status = 403, description = "Missing tenants:update, or the option is locked (`option_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or option", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A malformed category or key", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}/options/{category}/{key}")]
pub async fn delete_tenant_option(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String, String)>,
) -> ApiResult<web::Json<TenantOptionView>> {
    let (id, category, key) = path.into_inner();
    Ok(web::Json(
        state
            .run(move |db| options::delete(db, &ctx, id, &category, &key))
            .await?,
    ))
}

/// A visible tenant's retention rules.
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The rules", body = RetentionRulesView),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/retention-rules")]
pub async fn get_tenant_retention_rules(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<RetentionRulesView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .read(move |db| options::get_rules(db, &ctx, id))
            .await?,
    ))
}

/// Replace a tenant's retention rules (applied by the daily purge).
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = RetentionRulesRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The rules", body = RetentionRulesView),
        (status = 403, description = "Missing tenants:update", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/tenants/{id}/retention-rules")]
pub async fn put_tenant_retention_rules(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<RetentionRulesRequest>,
) -> ApiResult<web::Json<RetentionRulesView>> {
    let (id, request) = (id.into_inner(), body.0);
    Ok(web::Json(
        state
            .run(move |db| options::put_rules(db, &ctx, id, request))
            .await?,
    ))
}

/// The tenant's policy (copied or linked) and, per option and rule, where the tenant now
/// differs (`same`, `changed`, `missing`, `added`).
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The policy and its drift", body = TenantPolicyState),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/policy")]
pub async fn get_tenant_policy_state(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantPolicyState>> {
    let (id, cipher) = (id.into_inner(), state.cipher.clone());
    Ok(web::Json(
        state
            .read(move |db| policies::state(db, &ctx, &cipher, id))
            .await?,
    ))
}

/// Write the tenant's policy into it again: its options and rules as the policy has them.
#[utoipa::path(
    tag = "policies",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The policy and its drift afterwards", body = TenantPolicyState),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant (`own_tenant`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, or it has no policy", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/policy/reapply")]
pub async fn reapply_tenant_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantPolicyState>> {
    let (id, cipher) = (id.into_inner(), state.cipher.clone());
    Ok(web::Json(
        state
            .run(move |db| policies::reapply(db, &ctx, &cipher, id))
            .await?,
    ))
}
