//! `/invoices`: invoices issued to customers.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::query::{ListQuery, Paging};
use crate::routes::customer_records;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::wire::{CreateInvoiceRequest, InvoiceView, Page, Problem};
use landlord_operations::{RecordQuery, invoices};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_invoices)
        .service(create_invoice)
        .service(get_invoice);
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListInvoicesQuery {
    /// Only this customer's invoices.
    pub tenant: Option<i64>,
    pub status: Option<InvoiceStatus>,
    /// `issued_at` (default, newest first as `-issued_at`), `amount` or `number`; `-` for descending.
    #[param(pattern = r"^-?(issued_at|amount|number)$")]
    #[validate(length(max = 40))]
    pub sort: Option<String>,
}

/// List invoices of the caller's subtenants.
#[utoipa::path(
    tag = "activity",
    params(ListInvoicesQuery, Paging),
    responses(
        (status = 200, description = "One page of invoices", body = Page<InvoiceView>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/invoices")]
pub async fn list_invoices(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<ListInvoicesQuery>,
) -> ApiResult<web::Json<Page<InvoiceView>>> {
    let ListQuery { params: q, page } = query;
    let query = RecordQuery {
        tenant: q.tenant,
        status: q.status,
        sort: q.sort,
    };
    let invoices = state
        .read(move |db| invoices::list(db, &ctx, query, page))
        .await?;
    Ok(web::Json(invoices))
}

/// Show one invoice.
#[utoipa::path(
    tag = "activity",
    params(("id" = i64, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The invoice", body = InvoiceView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invoice in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/invoices/{id}")]
pub async fn get_invoice(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<InvoiceView>> {
    let id = id.into_inner();
    let invoice = state.read(move |db| invoices::get(db, &ctx, id)).await?;
    Ok(web::Json(invoice))
}

/// Issue an invoice to a customer; a paid one counts as revenue at once.
#[utoipa::path(
    tag = "activity",
    request_body = CreateInvoiceRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = InvoiceView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The number is taken for this customer", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/invoices")]
pub async fn create_invoice(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateInvoiceRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let view = state
        .run(move |db| landlord_operations::invoices::create(db, &ctx, request))
        .await?;
    Ok(customer_records::created("invoices", view.id, &view))
}
