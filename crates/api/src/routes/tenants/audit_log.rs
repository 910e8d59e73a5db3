use crate::context::Acting;
use crate::error::{ApiError, ApiResult};
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use landlord_domain::audit::AuditRange;
use landlord_domain::wire::{AuditEntryView, Page, Problem};
use landlord_operations::tenants;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditLogQuery {
    /// Only events at or after this instant (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Only events before this instant (RFC 3339); not before `from`.
    pub to: Option<DateTime<Utc>>,
}

/// Read a tenant's audit log, newest first. With `Accept: text/csv` the whole time range
/// downloads as CSV, and `page` and `per_page` are ignored.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id"), AuditLogQuery, Paging),
    responses(
        (status = 200, description = "One page of events (JSON) or the whole range (CSV)", content((Page<AuditEntryView> = "application/json"), (String = "text/csv"))),
        (status = 403, description = "Missing audit:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/audit-log")]
pub async fn get_tenant_audit_log(
    state: web::Data<AppState>,
    ctx: Acting,
    req: HttpRequest,
    id: web::Path<i64>,
    query: ListQuery<AuditLogQuery>,
) -> ApiResult<HttpResponse> {
    let ListQuery { params, page } = query;
    let range = AuditRange::new(params.from, params.to)
        .map_err(|e| ApiError::field("to", "before_from", e))?;
    let id = id.into_inner();
    if wants_csv(&req) {
        let body = state
            .read(move |db| tenants::audit_log_csv(db, &ctx, id, range))
            .await?;
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tenant-{id}-audit-log.csv\""),
            ))
            .body(body));
    }
    let log = state
        .read(move |db| tenants::audit_log(db, &ctx, id, range, page))
        .await?;
    Ok(HttpResponse::Ok().json(log))
}

fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/csv"))
}
