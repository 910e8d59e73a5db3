use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{get, post, web};
use landlord_domain::wire::{BillingRunRequest, BillingRunView, Problem};
use landlord_operations::billing::run;

/// Run billing as of `at` (default now): renew subscriptions whose period or trial ended
/// (scheduled downgrades and cancellations take effect), bill the next periods in advance,
/// retry due card collections, and move tenants through dunning. Running it again, or in
/// several processes at once, never bills a period twice. The same as `landlord bill --at`.
#[utoipa::path(
    tag = "billing",
    request_body = BillingRunRequest,
    responses(
        BodyProblems,
        (status = 200, description = "What the run did", body = BillingRunView),
        (status = 403, description = "Missing billing:manage, or not the management tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/billing/runs")]
pub async fn create_billing_run(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<BillingRunRequest>,
) -> ApiResult<web::Json<BillingRunView>> {
    let at = body.0.at;
    Ok(web::Json(
        state
            .run(move |db| run::run_requested(db, &ctx, at))
            .await?,
    ))
}

/// The latest billing runs, newest first.
#[utoipa::path(
    tag = "billing",
    responses(
        (status = 200, description = "The latest 20 runs", body = Vec<BillingRunView>),
        (status = 403, description = "Missing billing:read, or not the management tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/billing/runs")]
pub async fn list_billing_runs(
    state: web::Data<AppState>,
    ctx: Acting,
) -> ApiResult<web::Json<Vec<BillingRunView>>> {
    Ok(web::Json(
        state.read(move |db| run::recent(db, &ctx)).await?,
    ))
}
