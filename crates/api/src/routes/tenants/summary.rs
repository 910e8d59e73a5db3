use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{CustomerSummary, Problem};
use landlord_operations::tenants;

/// The Customers summary cards: customers, companies, individuals, users and paid revenue
/// across the caller's subtenants. Read from counters kept exact as changes commit.
#[utoipa::path(
    tag = "customers",
    responses(
        (status = 200, description = "The summary", body = CustomerSummary),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/summary")]
pub async fn get_customer_summary(
    state: web::Data<AppState>,
    ctx: Acting,
) -> ApiResult<web::Json<CustomerSummary>> {
    let summary = state.read(move |db| tenants::summary(db, &ctx)).await?;
    Ok(web::Json(summary))
}
