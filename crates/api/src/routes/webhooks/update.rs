use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::state::AppState;
use actix_web::{patch, web};
use landlord_domain::wire::{Problem, UpdateWebhookEndpointRequest, WebhookEndpointView};
use landlord_operations::webhooks;

/// Change a webhook endpoint's URL, description, event types or whether it is enabled.
/// Enabling an endpoint the server disabled clears its `disabled_reason`.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "Endpoint id")),
    request_body = UpdateWebhookEndpointRequest,
    responses(
        (status = 200, description = "The updated endpoint", body = WebhookEndpointView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:change, or the tenant may not have subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's tenant", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are invalid, or the `url` leads into a private network (`url_not_allowed`); each is listed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/webhook-endpoints/{id}")]
pub async fn update_webhook_endpoint(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<UpdateWebhookEndpointRequest>,
) -> ApiResult<web::Json<WebhookEndpointView>> {
    let changes = body.0.parse()?;
    let (id, policy) = (id.into_inner(), state.settings.webhook_addresses);
    let endpoint = state
        .run(move |db| webhooks::update(db, &ctx, id, changes, policy))
        .await?;
    Ok(web::Json(endpoint))
}
