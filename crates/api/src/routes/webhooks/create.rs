use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{CreateWebhookEndpointRequest, CreatedWebhookEndpoint, Problem};
use landlord_operations::webhooks;

/// Register a webhook endpoint for the caller's tenant: it receives the events of the
/// tenant and its whole subtree that it subscribes to, signed with the `secret` in this
/// answer (shown only here; rotate it to get a new one).
#[utoipa::path(
    tag = "webhooks",
    request_body = CreateWebhookEndpointRequest,
    responses(
        (status = 201, description = "Registered; the answer holds the signing secret, once", body = CreatedWebhookEndpoint),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:change, or the tenant may not have subtenants (`subtenants_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are invalid (`url`, `event_types`, `description`), or the `url` leads into a private network (`url_not_allowed`); each is listed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/webhook-endpoints")]
pub async fn create_webhook_endpoint(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateWebhookEndpointRequest>,
) -> ApiResult<HttpResponse> {
    let input = body.0.parse()?;
    let policy = state.settings.webhook_addresses;
    let created = state
        .run(move |db| webhooks::create(db, &ctx, input, policy))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/webhook-endpoints/{}", created.endpoint.id),
        ))
        .json(created))
}
