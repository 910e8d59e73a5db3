use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::routes::customer_records;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{CreateInvoiceRequest, InvoiceView, Problem};

/// Issue a one-off invoice to a customer, with `lines` (or a single `amount`). A `draft` gets
/// its number when finalised; an `open` one is numbered from the issuer's sequence and, with a
/// card on file, charged at once; a `paid` one records an invoice settled elsewhere.
#[utoipa::path(
    tag = "activity",
    request_body = CreateInvoiceRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = InvoiceView),
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
