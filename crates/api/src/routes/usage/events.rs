use crate::context::ActingOrService;
use crate::error::ApiResult;
use crate::json::{JsonBody, MAX_BATCH_BODY_BYTES};
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{Problem, UsageEventsRequest, UsageEventsResponse};
use landlord_operations::usage::ingest;

/// Report up to 1,000 usage events. Each event's outcome is listed in the order sent:
/// `accepted` (counted), `duplicate` (its `id` was seen in the last 35 days, also in a
/// concurrent batch: not counted again) or `rejected` with a `reason` (`invalid_event`,
/// `invalid_id`, `unknown_tenant`, `unknown_meter`, `missing_value`, `invalid_value`,
/// `missing_property`, `too_old`, `in_the_future`). A refused event never drops the others.
/// Service tokens need the `usage:write` scope.
#[utoipa::path(
    tag = "usage",
    request_body = UsageEventsRequest,
    responses(
        BodyProblems,
        (status = 200, description = "Each event's outcome", body = UsageEventsResponse),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing usage:write (service tokens: the usage:write scope)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/usage/events")]
pub async fn ingest_usage_events(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    body: JsonBody<UsageEventsRequest, MAX_BATCH_BODY_BYTES>,
) -> ApiResult<web::Json<UsageEventsResponse>> {
    let batch = body.0.parse()?;
    let results = state
        .read(move |db| ingest::ingest(db, &ctx, batch))
        .await?;
    Ok(web::Json(UsageEventsResponse { results }))
}
