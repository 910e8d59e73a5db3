//! `/tickets`: customers' support tickets.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::query::QueryParams;
use crate::request_id::RequestId;
use crate::routes::activity::{self, owner};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::Permission;
use landlord_domain::activity::{TicketPriority, TicketStatus};
use landlord_domain::audit::AuditAction;
use landlord_domain::wire::{CreateTicketRequest, Page, Problem, TicketView};
use landlord_persistence::activity::{self as store, ActivitySort, NewTicketRow};
use landlord_persistence::audit::{self, AuditRecord};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_tickets)
        .service(create_ticket)
        .service(get_ticket);
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListTicketsQuery {
    /// Only this customer's tickets.
    pub tenant: Option<i64>,
    pub status: Option<TicketStatus>,
    /// `created_at` (default, newest first as `-created_at`) or `subject`; `-` for descending.
    #[validate(length(max = 40))]
    pub sort: Option<String>,
    #[validate(range(min = 1))]
    pub page: Option<u32>,
    #[validate(range(min = 1, max = 200))]
    pub per_page: Option<u32>,
}

/// List support tickets of the caller's subtenants.
#[utoipa::path(
    tag = "activity",
    params(ListTicketsQuery),
    responses(
        (status = 200, description = "One page of tickets", body = Page<TicketView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tickets")]
pub async fn list_tickets(
    state: web::Data<AppState>,
    principal: Principal,
    query: QueryParams<ListTicketsQuery>,
) -> ApiResult<web::Json<Page<TicketView>>> {
    principal.require(Permission::ActivityRead)?;
    let q = query.0;
    let sort = activity::sort(q.sort.as_deref(), &ActivitySort::TICKET_FIELDS)?;
    let page = activity::page(q.page, q.per_page)?;
    let (rows, total) = state
        .read(move |conn| {
            let filter = activity::filter(
                conn,
                &principal,
                q.tenant,
                q.status.map(TicketStatus::as_str),
            )?;
            Ok(store::list_tickets(conn, &filter, sort, page)?)
        })
        .await?;
    let items = rows
        .iter()
        .map(|r| r.to_view())
        .collect::<Result<Vec<_>, _>>()?;
    Ok(web::Json(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// Show one support ticket.
#[utoipa::path(
    tag = "activity",
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket", body = TicketView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ticket in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tickets/{id}")]
pub async fn get_ticket(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TicketView>> {
    principal.require(Permission::ActivityRead)?;
    let id = id.into_inner();
    let row = state
        .read(move |conn| {
            let row = store::find_ticket(conn, id)?.ok_or(ApiError::NotFound("ticket"))?;
            owner(conn, &principal, row.tenant_id, "ticket")?;
            Ok(row)
        })
        .await?;
    Ok(web::Json(row.to_view()?))
}

/// Open a support ticket for a customer.
#[utoipa::path(
    tag = "activity",
    request_body = CreateTicketRequest,
    responses(
        (status = 201, description = "Created", body = TicketView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are invalid; each is listed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tickets")]
pub async fn create_ticket(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    body: JsonBody<CreateTicketRequest>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ActivityManage)?;
    let request = body.0;
    let subject = request.parse()?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let tenant = owner(conn, &principal, request.tenant_id, "tenant")?;
            let row = NewTicketRow {
                tenant_id: tenant.id,
                subject,
                status: request
                    .status
                    .unwrap_or(TicketStatus::Open)
                    .as_str()
                    .to_owned(),
                priority: request
                    .priority
                    .unwrap_or(TicketPriority::Normal)
                    .as_str()
                    .to_owned(),
                created_at: request.created_at.map_or(now, |t| t.naive_utc()),
            };
            let view = store::insert_ticket(conn, row)?.to_view()?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: tenant.tenant_id(),
                    action: AuditAction::TicketCreated,
                    success: true,
                    actor: principal.actor(),
                    target_type: "ticket",
                    target_id: Some(view.id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "after": view }),
                    occurred_at: now,
                },
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/tickets/{}", view.id),
        ))
        .json(view))
}
