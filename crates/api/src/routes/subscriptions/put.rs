use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{put, web};
use landlord_domain::wire::{Problem, PutSubscriptionRequest, SubscriptionView};
use landlord_operations::billing::subscriptions;

/// Start the tenant's subscription, or change its plan or cycle. A change of cycle applies at
/// once and restarts the period (the unused time credited, the new period charged); an upgrade
/// applies at once with proration to the second; a downgrade is scheduled for the end of the
/// period. Sending the current plan and cycle undoes a scheduled downgrade or cancellation.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = PutSubscriptionRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The subscription after the change", body = SubscriptionView),
        (status = 403, description = "Missing billing:manage, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Paused, or plan changes are blocked by dunning (`billing_restricted`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/tenants/{id}/subscription")]
pub async fn put_subscription(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<PutSubscriptionRequest>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let id = id.into_inner();
    let request = body.0;
    Ok(web::Json(
        state
            .run(move |db| subscriptions::put(db, &ctx, id, request))
            .await?,
    ))
}
