use super::visible;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use landlord_domain::Permission;
use landlord_domain::csv_cell::neutralise;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{AuditEntryView, Page, Problem};
use landlord_persistence::audit;
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
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50). Ignored for CSV, which holds the whole range.
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// Rows read per batch when writing CSV.
const CSV_BATCH: i64 = 1_000;

/// Read a tenant's audit log, newest first. With `Accept: text/csv` the whole time range
/// downloads as CSV.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id"), AuditLogQuery),
    responses(
        (status = 200, description = "One page of events (JSON) or the whole range (CSV)", content((Page<AuditEntryView> = "application/json"), (String = "text/csv"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing audit:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/audit-log")]
pub async fn get_tenant_audit_log(
    state: web::Data<AppState>,
    principal: Principal,
    req: HttpRequest,
    id: web::Path<i64>,
    query: QueryParams<AuditLogQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::AuditRead)?;
    let query = query.0;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        return Err(ApiError::field(
            "to",
            "before_from",
            "must not be before `from`",
        ));
    }
    let page = PageRequest::parse(query.page, query.per_page)
        .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))?;
    let (from, to) = (
        query.from.map(|t| t.naive_utc()),
        query.to.map(|t| t.naive_utc()),
    );
    let id = id.into_inner();
    let tenant = state
        .read(move |conn| visible(conn, &principal, id))
        .await?
        .tenant_id();

    if wants_csv(&req) {
        let body = state
            .read(move |conn| {
                let mut out = csv::Writer::from_writer(Vec::new());
                let columns = [
                    "id",
                    "occurred_at",
                    "action",
                    "outcome",
                    "actor_username",
                    "actor_user_id",
                    "actor_tenant_id",
                    "target_type",
                    "target_id",
                    "request_id",
                    "details",
                ];
                out.write_record(columns)
                    .map_err(|e| ApiError::Internal(e.to_string()))?;
                let mut offset = 0;
                loop {
                    let (rows, _) = audit::list(conn, tenant, from, to, offset, CSV_BATCH)?;
                    for row in &rows {
                        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
                        out.write_record(
                            [
                                row.id.to_string(),
                                row.occurred_at.and_utc().to_rfc3339(),
                                row.action.clone(),
                                row.outcome.clone(),
                                row.actor_username.clone().unwrap_or_default(),
                                opt(row.actor_user_id),
                                opt(row.actor_tenant_id),
                                row.target_type.clone(),
                                row.target_id.clone().unwrap_or_default(),
                                row.request_id.clone().unwrap_or_default(),
                                row.details.clone(),
                            ]
                            .iter()
                            .map(|cell| neutralise(cell).into_owned()),
                        )
                        .map_err(|e| ApiError::Internal(e.to_string()))?;
                    }
                    if (rows.len() as i64) < CSV_BATCH {
                        break;
                    }
                    offset += CSV_BATCH;
                }
                out.into_inner()
                    .map_err(|e| ApiError::Internal(e.to_string()))
            })
            .await?;
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tenant-{id}-audit-log.csv\""),
            ))
            .body(body));
    }

    let (rows, total) = state
        .read(move |conn| {
            Ok(audit::list(
                conn,
                tenant,
                from,
                to,
                page.offset(),
                page.limit(),
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Page {
        items: rows.iter().map(|r| r.to_view()).collect(),
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    }))
}

fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/csv"))
}
