//! `/tickets`: customers' support tickets.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::customer_records;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::support::TicketStatus;
use landlord_domain::wire::{CreateTicketRequest, Page, Problem, TicketView};
use landlord_operations::{RecordQuery, tickets};
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
}

/// List support tickets of the caller's subtenants.
#[utoipa::path(
    tag = "activity",
    params(ListTicketsQuery, Paging),
    responses(
        (status = 200, description = "One page of tickets", body = Page<TicketView>),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tickets")]
pub async fn list_tickets(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<ListTicketsQuery>,
) -> ApiResult<web::Json<Page<TicketView>>> {
    let ListQuery { params: q, page } = query;
    let query = RecordQuery {
        tenant: q.tenant,
        status: q.status,
        sort: q.sort,
    };
    let tickets = state
        .read(move |db| tickets::list(db, &ctx, query, page))
        .await?;
    Ok(web::Json(tickets))
}

/// Show one support ticket.
#[utoipa::path(
    tag = "activity",
    params(("id" = i64, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket", body = TicketView),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ticket in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tickets/{id}")]
pub async fn get_ticket(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TicketView>> {
    let id = id.into_inner();
    let ticket = state.read(move |db| tickets::get(db, &ctx, id)).await?;
    Ok(web::Json(ticket))
}

/// Open a support ticket for a customer.
#[utoipa::path(
    tag = "activity",
    request_body = CreateTicketRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = TicketView),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tickets")]
pub async fn create_ticket(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateTicketRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let view = state
        .run(move |db| landlord_operations::tickets::create(db, &ctx, request))
        .await?;
    Ok(customer_records::created("tickets", view.id, &view))
}
