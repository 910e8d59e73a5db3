use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::state::AppState;
use actix_web::{patch, web};
use landlord_domain::wire::{Problem, ProvisioningStepView, UpdateProvisioningStepRequest};
use landlord_operations::provisioning::steps;

/// Change an external step's URL, timeout, attempts or position. Tenants already created
/// keep the step as it was.
#[utoipa::path(
    tag = "provisioning",
    params(("id" = i64, Path, description = "Step id")),
    request_body = UpdateProvisioningStepRequest,
    responses(
        (status = 200, description = "The changed step", body = ProvisioningStepView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:create, or not the management tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such step", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are invalid, or the `url` leads into a private network (`url_not_allowed`); each is listed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/provisioning-steps/{id}")]
pub async fn update_provisioning_step(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    body: JsonBody<UpdateProvisioningStepRequest>,
) -> ApiResult<web::Json<ProvisioningStepView>> {
    let changes = body.0.parse()?;
    let (id, policy) = (id.into_inner(), state.settings.webhook_addresses);
    let step = state
        .run(move |db| steps::update(db, &ctx, id, changes, policy))
        .await?;
    Ok(web::Json(step))
}
