//! `/tickets`: customers' support tickets.

use crate::auth::Principal;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::QueryParams;
use crate::request_id::RequestId;
use crate::routes::activity::{self, owner};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::Permission;
use landlord_domain::activity::{TicketPriority, TicketStatus};
use landlord_domain::audit::AuditAction;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{CreateTicketRequest, Page, Problem, TicketView};
use landlord_persistence::activity::{self as store, ActivitySort, NewTicketRow, TicketRow};
use serde::Deserialize;
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
    #[param(pattern = r"^-?(created_at|subject)$")]
    #[validate(length(max = 40))]
    pub sort: Option<String>,
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
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
    let q = query.0;
    let request = activity::ListRequest {
        tenant: q.tenant,
        status: q.status.map(TicketStatus::as_str),
        sort: activity::sort(q.sort.as_deref(), &ActivitySort::TICKET_FIELDS)?,
        page: activity::page(q.page, q.per_page)?,
    };
    activity::list(
        &state,
        principal,
        request,
        store::list_tickets,
        TicketRow::to_view,
    )
    .await
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
    let tenant_of = |row: &TicketRow| row.tenant_id;
    activity::get(
        &state,
        principal,
        id.into_inner(),
        store::find_ticket,
        tenant_of,
        TicketRow::to_view,
        "ticket",
    )
    .await
}

/// Open a support ticket for a customer.
#[utoipa::path(
    tag = "activity",
    request_body = CreateTicketRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = TicketView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
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
            let view = store::insert_ticket(conn, row)?.to_view(TicketRow::to_view)?;
            let json = serde_json::to_value(&view).unwrap_or_default();
            let created = (
                AuditAction::TicketCreated,
                landlord_domain::audit::AuditTarget::Ticket,
                view.id,
            );
            activity::record_created(conn, &principal, &tenant, created, json, request_id.0, now)?;
            Ok(view)
        })
        .await?;
    Ok(activity::created("tickets", view.id, &view))
}
