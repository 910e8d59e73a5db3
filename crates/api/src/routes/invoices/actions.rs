//! The moves of an invoice's state: finalise a draft, void, write off.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{InvoiceView, Problem};
use landlord_operations::invoices;

/// Finalise a draft: it gets its number from the issuer's sequence, the tenant's credit
/// balance is applied, its due date is set, and a card on file is charged at once.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The finalised invoice", body = InvoiceView),
        (status = 403, description = "Missing billing:manage, or the caller's own invoice", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invoice of a tenant the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/invoices/{id}/finalize")]
pub async fn finalize_invoice(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<InvoiceView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |db| invoices::finalize(db, &ctx, id))
            .await?,
    ))
}

/// Void an open or draft invoice: nothing is owed on it any more (credit it used goes back to
/// the tenant's balance). Dunning looks at the tenant again.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The voided invoice", body = InvoiceView),
        (status = 403, description = "Missing billing:manage, or the caller's own invoice", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invoice of a tenant the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Paid, void or uncollectible already", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/invoices/{id}/void")]
pub async fn void_invoice(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<InvoiceView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state.run(move |db| invoices::void(db, &ctx, id)).await?,
    ))
}

/// Write an open invoice off as uncollectible: it can still be paid, but no longer drives
/// dunning.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The invoice", body = InvoiceView),
        (status = 403, description = "Missing billing:manage, or the caller's own invoice", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invoice of a tenant the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/invoices/{id}/mark-uncollectible")]
pub async fn mark_invoice_uncollectible(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<InvoiceView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |db| invoices::mark_uncollectible(db, &ctx, id))
            .await?,
    ))
}
