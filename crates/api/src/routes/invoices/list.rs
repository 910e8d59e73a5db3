use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::wire::{InvoiceView, Page, Problem};
use landlord_operations::{RecordQuery, invoices};
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
}

/// List invoices of the caller's subtenants, with their lines and totals.
#[utoipa::path(
    tag = "activity",
    params(ListInvoicesQuery, Paging),
    responses(
        (status = 200, description = "One page of invoices", body = Page<InvoiceView>),
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
    Ok(web::Json(
        state
            .read(move |db| invoices::list(db, &ctx, query, page))
            .await?,
    ))
}
