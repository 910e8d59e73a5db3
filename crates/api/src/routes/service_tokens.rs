//! `/service-tokens`: long-lived, scoped credentials for the operator's own services,
//! accepted as bearer tokens on consume, release and entitlements only.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::capabilities::CatalogueQuery;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use landlord_domain::wire::{
    CreateServiceTokenRequest, CreatedServiceToken, Page, Problem, ServiceTokenView,
};
use landlord_operations::service_tokens;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_service_tokens)
        .service(create_service_token)
        .service(revoke_service_token);
}

/// A token for the caller's tenant with `scopes` (`quotas:consume`, `entitlements:read`).
/// The answer is the only place the token appears: keep it.
#[utoipa::path(
    tag = "capabilities",
    request_body = CreateServiceTokenRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new token, shown this once", body = CreatedServiceToken),
        (status = 403, description = "Missing capabilities:manage", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/service-tokens")]
pub async fn create_service_token(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateServiceTokenRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let created = state
        .run(move |db| service_tokens::create(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The caller's tenant's service tokens, newest first (never the tokens themselves).
#[utoipa::path(
    tag = "capabilities",
    params(CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of service tokens", body = Page<ServiceTokenView>),
        (status = 403, description = "Missing capabilities:manage", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/service-tokens")]
pub async fn list_service_tokens(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<ServiceTokenView>>> {
    let page = query.page;
    let all = state.read(move |db| service_tokens::list(db, &ctx)).await?;
    Ok(web::Json(crate::routes::capabilities::page_of(all, page)))
}

/// Revoke a service token: refused from the next request on.
#[utoipa::path(
    tag = "capabilities",
    params(("id" = i64, Path, description = "Service token id")),
    responses(
        (status = 200, description = "The revoked token", body = ServiceTokenView),
        (status = 403, description = "Missing capabilities:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token in the caller's tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already revoked (`invalid_transition`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/service-tokens/{id}")]
pub async fn revoke_service_token(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ServiceTokenView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |db| service_tokens::revoke(db, &ctx, id))
            .await?,
    ))
}
