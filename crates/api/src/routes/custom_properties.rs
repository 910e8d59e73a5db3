//! `/custom-properties`: the custom property library (seed 003). Everyone who reads
//! tenants reads it; the management tenant keeps it. A tenant's values are its
//! `custom_properties` field (`PATCH /tenants/{id}`).

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use landlord_domain::wire::{
    CreateCustomPropertyRequest, CustomPropertyView, Problem, UpdateCustomPropertyRequest,
};
use landlord_operations::custom_properties::library;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_custom_properties)
        .service(create_custom_property)
        .service(get_custom_property)
        .service(update_custom_property)
        .service(delete_custom_property);
}

/// The library, by key (at most 100 properties, so one answer holds it all), each with
/// how many tenants hold a value. `external_reference` is predefined.
#[utoipa::path(
    tag = "tenants",
    responses(
        (status = 200, description = "The library", body = Vec<CustomPropertyView>),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/custom-properties")]
pub async fn list_custom_properties(
    state: web::Data<AppState>,
    ctx: Acting,
) -> ApiResult<web::Json<Vec<CustomPropertyView>>> {
    Ok(web::Json(
        state.read(move |db| library::list(db, &ctx)).await?,
    ))
}

/// Add a property (management tenant only): a unique, immutable `key` and `type`, and a
/// `default` of that type that tenants created from now on start with.
#[utoipa::path(
    tag = "tenants",
    request_body = CreateCustomPropertyRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new property", body = CustomPropertyView),
        (status = 403, description = "Missing tenants:update, or not the management tenant (`management_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key is taken (`key_taken`) or the library holds 100 properties (`library_full`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/custom-properties")]
pub async fn create_custom_property(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateCustomPropertyRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let view = state
        .run(move |db| library::create(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One property.
#[utoipa::path(
    tag = "tenants",
    params(("key" = String, Path, description = "Property key")),
    responses(
        (status = 200, description = "The property", body = CustomPropertyView),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such property", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/custom-properties/{key}")]
pub async fn get_custom_property(
    state: web::Data<AppState>,
    ctx: Acting,
    key: web::Path<String>,
) -> ApiResult<web::Json<CustomPropertyView>> {
    let key = key.into_inner();
    Ok(web::Json(
        state.read(move |db| library::get(db, &ctx, &key)).await?,
    ))
}

/// Rename a property or change its default or description (management tenant only);
/// tenants' values stay as they are.
#[utoipa::path(
    tag = "tenants",
    params(("key" = String, Path, description = "Property key")),
    request_body = UpdateCustomPropertyRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The property", body = CustomPropertyView),
        (status = 403, description = "Missing tenants:update, or not the management tenant (`management_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such property", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/custom-properties/{key}")]
pub async fn update_custom_property(
    state: web::Data<AppState>,
    ctx: Acting,
    key: web::Path<String>,
    body: JsonBody<UpdateCustomPropertyRequest>,
) -> ApiResult<web::Json<CustomPropertyView>> {
    let (key, request) = (key.into_inner(), body.0);
    Ok(web::Json(
        state
            .run(move |db| library::update(db, &ctx, &key, request))
            .await?,
    ))
}

/// Delete a property and every tenant's value of it (management tenant only).
#[utoipa::path(
    tag = "tenants",
    params(("key" = String, Path, description = "Property key")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Missing tenants:update, or not the management tenant (`management_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such property", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/custom-properties/{key}")]
pub async fn delete_custom_property(
    state: web::Data<AppState>,
    ctx: Acting,
    key: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = key.into_inner();
    state.run(move |db| library::delete(db, &ctx, &key)).await?;
    Ok(HttpResponse::NoContent().finish())
}
