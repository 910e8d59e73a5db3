use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{Problem, SuspendTenantRequest, TenantView};
use landlord_operations::tenants;

/// Suspend a tenant: blocks every access to it and its whole subtree (sign-in and live
/// tokens alike) until it is activated again. The data stays. Confirm with your password.
/// The tenant's administrator is mailed a notice unless `notify` is `false`.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = SuspendTenantRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The suspended tenant", body = TenantView),
        (status = 403, description = "Missing tenants:update, wrong password, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The tenant is not active", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/suspend")]
pub async fn suspend_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<SuspendTenantRequest>,
) -> ApiResult<web::Json<TenantView>> {
    let id = id.into_inner();
    let password = body.0.password;
    let notify = body.0.notify.unwrap_or(true);
    let view = state
        .run(move |db| tenants::suspend(db, &ctx, id, &password, notify))
        .await?;
    Ok(web::Json(view))
}
