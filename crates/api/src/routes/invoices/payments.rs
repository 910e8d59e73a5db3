//! Payments against an invoice.

use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use landlord_domain::wire::{PaymentView, Problem, RecordPaymentRequest};
use landlord_operations::invoices;

/// Record a payment against an open (or uncollectible) invoice: partial payments are allowed,
/// never more than is due. Paying every overdue invoice steps the tenant out of dunning at
/// once, and reactivates it if dunning suspended it.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Invoice id")),
    request_body = RecordPaymentRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The recorded payment", body = PaymentView),
        (status = 403, description = "Missing billing:manage, or the caller's own invoice", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invoice of a tenant the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The invoice takes no payments (`invoice_not_open`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/invoices/{id}/payments")]
pub async fn record_invoice_payment(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<RecordPaymentRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.0;
    let payment = state
        .run(move |db| invoices::record_payment(db, &ctx, id, request))
        .await?;
    Ok(HttpResponse::Created().json(payment))
}

/// The payments and failed card charges of an invoice, oldest first.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Invoice id")),
    responses(
        (status = 200, description = "The payments", body = Vec<PaymentView>),
        (status = 403, description = "Missing billing:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such invoice in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/invoices/{id}/payments")]
pub async fn list_invoice_payments(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Vec<PaymentView>>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .read(move |db| invoices::payments_of(db, &ctx, id))
            .await?,
    ))
}
