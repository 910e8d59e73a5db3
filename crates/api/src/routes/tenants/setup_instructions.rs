use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use landlord_domain::wire::Problem;
use landlord_operations::tenants;

/// Step-by-step instructions to deploy the tenant on a dedicated or VPS server, as a Markdown
/// download (seed 004): DNS records for `<domain>.<LANDLORD_BASE_DOMAIN>` pointing at
/// `LANDLORD_SERVER_ADDRESS`, database setup (names derived from the domain, a placeholder
/// password), an nginx server block and an Apache virtual host, domain/subdomain routing,
/// cPanel and manual references, and the Plesk caveat. The operator may replace the
/// templates (`LANDLORD_SETUP_TEMPLATES_DIR`).
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The instructions", content_type = "text/markdown", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"setup-<domain>.md\"`"))),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/setup-instructions")]
pub async fn get_tenant_setup_instructions(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let hosting = state.settings.clone();
    let file = state
        .read(move |db| tenants::setup_instructions(db, &ctx, &hosting.hosting, id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file.file_name)],
        })
        .body(file.markdown))
}
