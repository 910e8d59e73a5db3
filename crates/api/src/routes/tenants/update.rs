use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{patch, web};
use landlord_domain::wire::{Problem, TenantView, UpdateTenantRequest};
use landlord_operations::tenants;

/// Change a tenant's properties. `id`, `admin_username` and `admin_email` are fixed.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = UpdateTenantRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The updated tenant", body = TenantView),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The domain is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/tenants/{id}")]
pub async fn update_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<UpdateTenantRequest>,
) -> ApiResult<web::Json<TenantView>> {
    let changes = body.0.parse()?;
    let id = id.into_inner();
    let view = state
        .run(move |db| tenants::update(db, &ctx, id, changes))
        .await?;
    Ok(web::Json(view))
}
