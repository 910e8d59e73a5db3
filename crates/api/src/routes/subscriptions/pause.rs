use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{Problem, SubscriptionView};
use landlord_operations::billing::subscriptions;

/// Pause the subscription: no invoices while paused; the unused time of the period is credited.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The subscription", body = SubscriptionView),
        (status = 403, description = "Missing billing:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, or no current subscription", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not active, past due or trialing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/subscription/pause")]
pub async fn pause_subscription(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |db| subscriptions::pause(db, &ctx, id))
            .await?,
    ))
}
