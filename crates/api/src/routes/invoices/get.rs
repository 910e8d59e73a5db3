use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{InvoiceView, Problem};
use landlord_operations::invoices;

/// Show one invoice with its lines and totals.
#[utoipa::path(
    tag = "activity",
    params(("id" = i64, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The invoice", body = InvoiceView),
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
    Ok(web::Json(
        state.read(move |db| invoices::get(db, &ctx, id)).await?,
    ))
}
