use super::{CatalogueQuery, page_of};
use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use landlord_domain::wire::{
    CreateFeatureRequest, CreateQuotaDefinitionRequest, FeatureView, Page, Problem,
    QuotaDefinitionView, UpdateQuotaDefinitionRequest,
};
use landlord_operations::capabilities::catalogue;

/// The feature catalogue by key: what plans include and overrides switch.
#[utoipa::path(
    tag = "capabilities",
    params(CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of features", body = Page<FeatureView>),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/features")]
pub async fn list_features(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<FeatureView>>> {
    let page = query.page;
    let all = state
        .read(move |db| catalogue::list_features(db, &ctx))
        .await?;
    Ok(web::Json(page_of(all, page)))
}

/// Add a feature to the catalogue (management tenant only): a unique, immutable `key`.
#[utoipa::path(
    tag = "capabilities",
    request_body = CreateFeatureRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new feature", body = FeatureView),
        (status = 403, description = "Missing capabilities:manage, or not the management tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key is taken (`key_taken`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/features")]
pub async fn create_feature(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateFeatureRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let feature = state
        .run(move |db| catalogue::create_feature(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created().json(feature))
}

/// The quota catalogue by key: each quota's unit, kind, default limit and hardness.
#[utoipa::path(
    tag = "capabilities",
    params(CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of quota definitions", body = Page<QuotaDefinitionView>),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/quota-definitions")]
pub async fn list_quota_definitions(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<QuotaDefinitionView>>> {
    let page = query.page;
    let all = state
        .read(move |db| catalogue::list_quotas(db, &ctx))
        .await?;
    Ok(web::Json(page_of(all, page)))
}

/// Add a quota to the catalogue (management tenant only): `allocation`, `consumable` or
/// `concurrent`, with a default limit (`-1` is unlimited) and whether it is hard.
#[utoipa::path(
    tag = "capabilities",
    request_body = CreateQuotaDefinitionRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new quota definition", body = QuotaDefinitionView),
        (status = 403, description = "Missing capabilities:manage, or not the management tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key is taken (`key_taken`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/quota-definitions")]
pub async fn create_quota_definition(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateQuotaDefinitionRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let quota = state
        .run(move |db| catalogue::create_quota(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created().json(quota))
}

/// Set or remove a quota's licence number (management tenant only): the sum of the limits of
/// the management tenant's subtenants can never exceed it, and none of them may be unlimited
/// while it is set. Refused below what they already hold (`licence_cap_exceeded`).
#[utoipa::path(
    tag = "capabilities",
    params(("key" = String, Path, description = "Quota key")),
    request_body = UpdateQuotaDefinitionRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The quota definition with its licence headroom", body = QuotaDefinitionView),
        (status = 403, description = "Missing capabilities:manage, or not the management tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quota", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenants hold more than the new licence number (`licence_cap_exceeded`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/quota-definitions/{key}")]
pub async fn update_quota_definition(
    state: web::Data<AppState>,
    ctx: Acting,
    key: web::Path<String>,
    body: JsonBody<UpdateQuotaDefinitionRequest>,
) -> ApiResult<web::Json<QuotaDefinitionView>> {
    let key = key.into_inner();
    let request = body.0;
    Ok(web::Json(
        state
            .run(move |db| catalogue::update_quota(db, &ctx, &key, request))
            .await?,
    ))
}
