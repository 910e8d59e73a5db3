//! Support-user access (seed 003): `/tenants/{id}/support-access` (a tenant's grants) and
//! `/support-access/settings` (the platform switch). Signing in as support is
//! `POST /auth/login` with `support: true`.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{delete, get, post, put, web};
use landlord_domain::wire::{
    GrantSupportAccessRequest, Problem, SupportAccessSettings, SupportAccessView,
};
use landlord_operations::support_access::{self, platform};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_support_access_settings)
        .service(put_support_access_settings)
        .service(get_support_access)
        .service(grant_support_access)
        .service(revoke_support_access);
}

/// A tenant's support-user access: status, active requests and expiry. For the tenant's own
/// users and the management tenant (which also sees it on `GET /tenants/{id}`).
#[utoipa::path(
    tag = "support",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The tenant's support access", body = SupportAccessView),
        (status = 403, description = "Missing tenants:read, or neither the tenant itself nor the management tenant (`own_tenant_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/support-access")]
pub async fn get_support_access(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<SupportAccessView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .read(move |db| support_access::get(db, &ctx, id))
            .await?,
    ))
}

/// Let the management tenant's support users sign in to the caller's own tenant until
/// `expires_at` (omitted: 24 hours from now; `null`: no limit). Each grant counts as one
/// active request until it expires or is revoked. Needs `users:manage`; a support session
/// cannot grant.
#[utoipa::path(
    tag = "support",
    params(("id" = i64, Path, description = "Tenant id: the caller's own tenant")),
    request_body = GrantSupportAccessRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The tenant's support access after the grant", body = SupportAccessView),
        (status = 403, description = "Missing users:manage, not the caller's own tenant (`own_tenant_only`), or a support session (`support_session`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The management tenant grants no support access", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/support-access")]
pub async fn grant_support_access(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<GrantSupportAccessRequest>,
) -> ApiResult<web::Json<SupportAccessView>> {
    let (id, request) = (id.into_inner(), body.0);
    Ok(web::Json(
        state
            .run(move |db| support_access::grant(db, &ctx, id, request))
            .await?,
    ))
}

/// Revoke every active support-access grant of the caller's own tenant: running support
/// sessions stop on their next request.
#[utoipa::path(
    tag = "support",
    params(("id" = i64, Path, description = "Tenant id: the caller's own tenant")),
    responses(
        (status = 200, description = "The tenant's support access after the revocation", body = SupportAccessView),
        (status = 403, description = "Missing users:manage, not the caller's own tenant (`own_tenant_only`), or a support session (`support_session`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The management tenant grants no support access", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}/support-access")]
pub async fn revoke_support_access(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<SupportAccessView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |db| support_access::revoke(db, &ctx, id))
            .await?,
    ))
}

/// The platform-level switch of support-user access (a setting of the management tenant;
/// on by default).
#[utoipa::path(
    tag = "support",
    responses(
        (status = 200, description = "The switch", body = SupportAccessSettings),
        (status = 403, description = "Missing tenants:read, or not the management tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/support-access/settings")]
pub async fn get_support_access_settings(
    state: web::Data<AppState>,
    ctx: Acting,
) -> ApiResult<web::Json<SupportAccessSettings>> {
    Ok(web::Json(
        state
            .read(move |db| platform::get_settings(db, &ctx))
            .await?,
    ))
}

/// Switch support-user access on or off at platform level. Off, no support user signs in to
/// any tenant and running support sessions stop on their next request; tenants' grants stay
/// and count again once it is back on.
#[utoipa::path(
    tag = "support",
    request_body = SupportAccessSettings,
    responses(
        BodyProblems,
        (status = 200, description = "The switch", body = SupportAccessSettings),
        (status = 403, description = "Missing tenants:change, or not the management tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/support-access/settings")]
pub async fn put_support_access_settings(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<SupportAccessSettings>,
) -> ApiResult<web::Json<SupportAccessSettings>> {
    let settings = body.0;
    Ok(web::Json(
        state
            .run(move |db| platform::set_settings(db, &ctx, settings))
            .await?,
    ))
}
