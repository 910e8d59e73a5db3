use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{CreateProvisioningStepRequest, CreatedProvisioningStep, Problem};
use landlord_operations::provisioning::steps;

/// Add an external provisioning step: every tenant created from now on calls it, after the
/// built-in steps and the steps before it, with a signed `POST` (Standard Webhooks, with the
/// `secret` in this answer, shown only here).
#[utoipa::path(
    tag = "provisioning",
    request_body = CreateProvisioningStepRequest,
    responses(
        (status = 201, description = "Added; the answer holds the signing secret, once", body = CreatedProvisioningStep),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:create, or not the management tenant (`management_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another step has the `name` (`step_name_taken`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are invalid (`name`, `url`, `timeout_s`, `max_attempts`, `position`), or the `url` leads into a private network (`url_not_allowed`); each is listed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/provisioning-steps")]
pub async fn create_provisioning_step(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreateProvisioningStepRequest>,
) -> ApiResult<HttpResponse> {
    let input = body.0.parse()?;
    let policy = state.settings.webhook_addresses;
    let created = state
        .run(move |db| steps::create(db, &ctx, input, policy))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/provisioning-steps/{}", created.step.id),
        ))
        .json(created))
}
