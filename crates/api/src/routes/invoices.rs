//! `/invoices`: invoices issued to customers.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::query::QueryParams;
use crate::request_id::RequestId;
use crate::routes::activity::{self, owner};
use crate::routes::orders::number_taken;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::Permission;
use landlord_domain::activity::InvoiceStatus;
use landlord_domain::audit::AuditAction;
use landlord_domain::wire::{CreateInvoiceRequest, InvoiceView, Page, Problem};
use landlord_persistence::activity::{self as store, ActivitySort, NewInvoiceRow};
use landlord_persistence::audit::{self, AuditRecord};
use serde::Deserialize;
use serde_json::json;
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
    #[validate(length(max = 40))]
    pub sort: Option<String>,
    #[validate(range(min = 1))]
    pub page: Option<u32>,
    #[validate(range(min = 1, max = 200))]
    pub per_page: Option<u32>,
}

/// List invoices of the caller's subtenants.
#[utoipa::path(
    tag = "activity",
    params(ListInvoicesQuery),
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
    principal: Principal,
    query: QueryParams<ListInvoicesQuery>,
) -> ApiResult<web::Json<Page<InvoiceView>>> {
    principal.require(Permission::ActivityRead)?;
    let q = query.0;
    let sort = activity::sort(q.sort.as_deref(), &ActivitySort::INVOICE_FIELDS)?;
    let page = activity::page(q.page, q.per_page)?;
    let (rows, total) = state
        .read(move |conn| {
            let filter = activity::filter(
                conn,
                &principal,
                q.tenant,
                q.status.map(InvoiceStatus::as_str),
            )?;
            Ok(store::list_invoices(conn, &filter, sort, page)?)
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
    principal: Principal,
    id: web::Path<i64>,
) -> ApiResult<web::Json<InvoiceView>> {
    principal.require(Permission::ActivityRead)?;
    let id = id.into_inner();
    let row = state
        .read(move |conn| {
            let row = store::find_invoice(conn, id)?.ok_or(ApiError::NotFound("invoice"))?;
            owner(conn, &principal, row.tenant_id, "invoice")?;
            Ok(row)
        })
        .await?;
    Ok(web::Json(row.to_view()?))
}

/// Issue an invoice to a customer; a paid one counts as revenue at once.
#[utoipa::path(
    tag = "activity",
    request_body = CreateInvoiceRequest,
    responses(
        (status = 201, description = "Created", body = InvoiceView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing activity:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The number is taken for this customer", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are invalid; each is listed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/invoices")]
pub async fn create_invoice(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    body: JsonBody<CreateInvoiceRequest>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ActivityManage)?;
    let request = body.0;
    let (number, amount_minor) = request.parse()?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let tenant = activity::owner(conn, &principal, request.tenant_id, "tenant")?;
            let numbered = number.is_some();
            let row = NewInvoiceRow {
                tenant_id: tenant.id,
                number: number.unwrap_or_default(),
                status: request
                    .status
                    .unwrap_or(InvoiceStatus::Draft)
                    .as_str()
                    .to_owned(),
                amount_minor,
                currency: request.currency.code().to_owned(),
                issued_at: request.issued_at.map_or(now, |t| t.naive_utc()),
                due_at: request.due_at.map(|t| t.naive_utc()),
            };
            let view = store::insert_invoice(conn, &tenant.tenant_path(), row, numbered)
                .map_err(number_taken)?
                .to_view()?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: tenant.tenant_id(),
                    action: AuditAction::InvoiceCreated,
                    success: true,
                    actor: principal.actor(),
                    target_type: "invoice",
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
            format!("/api/v1/invoices/{}", view.id),
        ))
        .json(view))
}
