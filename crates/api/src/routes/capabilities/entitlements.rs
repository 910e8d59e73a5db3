use crate::context::ActingOrService;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use landlord_domain::wire::{Entitlements, Problem};
use landlord_operations::capabilities::entitlements;
use sha2::{Digest, Sha256};

/// Everything a tenant may do in one answer: each feature (on or off, and from where) and
/// each quota (limit, usage, what remains, from where). Cheap enough to call per request;
/// the strong `ETag` lets a caller revalidate with `If-None-Match` and get 304.
#[utoipa::path(
    tag = "capabilities",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The tenant's entitlements", body = Entitlements,
            headers(("ETag" = String, description = "A strong validator of this answer"))),
        (status = 304, description = "Unchanged since the `If-None-Match` ETag"),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing capabilities:read (service tokens: the entitlements:read scope)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/entitlements")]
pub async fn get_entitlements(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    req: HttpRequest,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let answer = state
        .read(move |db| entitlements::get(db, &ctx, id))
        .await?;
    let body =
        serde_json::to_vec(&answer).map_err(|e| crate::error::ApiError::Internal(e.to_string()))?;
    let digest = Sha256::digest(&body);
    let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{tag}\"");
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"));
    if matches {
        return Ok(response.finish());
    }
    Ok(response.content_type("application/json").body(body))
}
