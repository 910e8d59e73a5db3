use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{PreviewSubscriptionRequest, Problem, SubscriptionPreview};
use landlord_operations::billing::subscriptions;

/// The exact invoice a start or change would produce if made at `at` (default now), without
/// changing anything.
#[utoipa::path(
    tag = "billing",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = PreviewSubscriptionRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The invoice the change would produce", body = SubscriptionPreview),
        (status = 403, description = "Missing billing:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/subscription/preview")]
pub async fn preview_subscription(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<PreviewSubscriptionRequest>,
) -> ApiResult<web::Json<SubscriptionPreview>> {
    let id = id.into_inner();
    let request = body.0;
    Ok(web::Json(
        state
            .read(move |db| subscriptions::preview(db, &ctx, id, request))
            .await?,
    ))
}
