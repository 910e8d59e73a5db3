use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Problem, SubscriptionView};
use landlord_operations::billing::subscriptions;

/// The tenant's current subscription, with its payment method, credit balance and billing state.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "The subscription", body = SubscriptionView),
        (status = 403, description = "Missing billing:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree, or it has no current subscription", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/subscription")]
pub async fn get_subscription(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .read(move |db| subscriptions::get(db, &ctx, id))
            .await?,
    ))
}
