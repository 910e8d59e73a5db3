use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{Problem, SubscriptionView};
use landlord_operations::billing::subscriptions;

/// Resume a paused subscription: a new period starts now and is invoiced at once.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The subscription", body = SubscriptionView),
        (status = 403, description = "Missing billing:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant, or no current subscription", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not paused", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/subscription/resume")]
pub async fn resume_subscription(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .run(move |db| subscriptions::resume(db, &ctx, id))
            .await?,
    ))
}
