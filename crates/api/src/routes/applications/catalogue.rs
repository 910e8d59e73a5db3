use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::capabilities::{CatalogueQuery, page_of};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::wire::{ApplicationView, CreateApplicationRequest, Page, Problem};
use landlord_operations::applications::catalogue;

/// The applications the caller's tenant may use: those owned by it or an ancestor, by key.
#[utoipa::path(
    tag = "applications",
    params(CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of applications", body = Page<ApplicationView>),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/applications")]
pub async fn list_applications(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<ApplicationView>>> {
    let page = query.page;
    let all = state.read(move |db| catalogue::list(db, &ctx)).await?;
    Ok(web::Json(page_of(all, page)))
}

/// Add an application to the catalogue (the management tenant and tenants with subtenants):
/// a unique, immutable `key`; for a microservice its billing mode, isolation and each
/// instance's limits; a `subscription_price` where billing is by subscription. `default`
/// applications are subscribed to every tenant created in the owner's subtree from then on.
#[utoipa::path(
    tag = "applications",
    request_body = CreateApplicationRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new application", body = ApplicationView),
        (status = 403, description = "Missing capabilities:manage, or the owner may not have subtenants (`subtenants_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key is taken (`key_taken`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/applications")]
pub async fn create_application(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateApplicationRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let application = state
        .run(move |db| catalogue::create(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created().json(application))
}
