use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{CancelSubscriptionRequest, Problem, SubscriptionView};
use landlord_operations::billing::subscriptions;

/// Cancel now (the unused time is credited to the tenant's balance) or at the end of the
/// period (no invoice; access until then; undone by `PUT` with the current plan).
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = CancelSubscriptionRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The subscription", body = SubscriptionView),
        (status = 403, description = "Missing billing:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, or no current subscription", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A paused subscription cannot end at its period's end", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/subscription/cancel")]
pub async fn cancel_subscription(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<CancelSubscriptionRequest>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let id = id.into_inner();
    let at_period_end = body.0.at_period_end;
    Ok(web::Json(
        state
            .run(move |db| subscriptions::cancel(db, &ctx, id, at_period_end))
            .await?,
    ))
}
