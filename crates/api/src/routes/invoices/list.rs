use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::routes::customer_records;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{InvoiceView, Page, Problem};
use landlord_operations::invoices::{self, InvoiceQuery};
use landlord_persistence::customer_records::RecordSort;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

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
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// List invoices of the caller's subtenants, with their lines and totals.
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
    ctx: Acting,
    query: QueryParams<ListInvoicesQuery>,
) -> ApiResult<web::Json<Page<InvoiceView>>> {
    let q = query.0;
    let request = InvoiceQuery {
        tenant: q.tenant,
        status: q.status,
        sort: customer_records::sort(q.sort.as_deref(), &RecordSort::INVOICE_FIELDS)?,
        page: customer_records::page(q.page, q.per_page)?,
    };
    Ok(web::Json(
        state
            .run(move |db| invoices::list(db, &ctx, request))
            .await?,
    ))
}
