use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{CreateTenantRequest, CreatedTenant, Problem};
use landlord_operations::tenants;

/// Create a subtenant of the caller's tenant, provisioned with its first administrator.
///
/// Without `admin_password`, the answer carries a one-time `admin_password_reset_url` for
/// the administrator to choose a password.
#[utoipa::path(
    tag = "tenants",
    request_body = CreateTenantRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = CreatedTenant),
        (status = 403, description = "Missing tenants:create, or the caller may not create subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The domain is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants")]
pub async fn create_tenant(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateTenantRequest>,
) -> ApiResult<HttpResponse> {
    let new = body.0.parse()?;
    let created = state.run(move |db| tenants::create(db, &ctx, new)).await?;
    let reset_url = created.admin_password_reset_token.map(|token| {
        format!(
            "{}/reset-password?token={token}",
            state.settings.public_url.trim_end_matches('/')
        )
    });
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/tenants/{}", created.tenant.id),
        ))
        .json(CreatedTenant {
            tenant: created.tenant,
            admin_password_reset_url: reset_url,
        }))
}
