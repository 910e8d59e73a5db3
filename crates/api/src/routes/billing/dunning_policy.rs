use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{get, put, web};
use landlord_domain::billing::DunningPolicy;
use landlord_domain::wire::Problem;
use landlord_operations::billing::dunning;

/// The caller's dunning policy: the states a tenant passes through as its oldest unpaid
/// invoice grows overdue (default: `reminder` at 1 day, `restricted` at 7, `suspended` at 14,
/// `canceled` at 30).
#[utoipa::path(
    tag = "billing",
    responses(
        (status = 200, description = "The policy", body = DunningPolicy),
        (status = 403, description = "Missing billing:read, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/billing/dunning-policy")]
pub async fn get_dunning_policy(
    state: web::Data<AppState>,
    ctx: Acting,
) -> ApiResult<web::Json<DunningPolicy>> {
    Ok(web::Json(
        state.read(move |db| dunning::get_policy(db, &ctx)).await?,
    ))
}

/// Replace the dunning policy: steps in increasing `after_days`, effects never milder than
/// the step before (`reminder` < `restrict` < `suspend` < `cancel`); no steps turns dunning off.
#[utoipa::path(
    tag = "billing",
    request_body = DunningPolicy,
    responses(
        BodyProblems,
        (status = 200, description = "The policy", body = DunningPolicy),
        (status = 403, description = "Missing billing:manage, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/billing/dunning-policy")]
pub async fn put_dunning_policy(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<DunningPolicy>,
) -> ApiResult<web::Json<DunningPolicy>> {
    let policy = body.0;
    Ok(web::Json(
        state
            .run(move |db| dunning::set_policy(db, &ctx, policy))
            .await?,
    ))
}
