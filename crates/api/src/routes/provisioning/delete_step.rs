use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, web};
use landlord_domain::wire::Problem;
use landlord_operations::provisioning::steps;

/// Remove an external step: tenants created afterwards no longer call it; pipelines already
/// written keep their copy of it.
#[utoipa::path(
    tag = "provisioning",
    params(("id" = i64, Path, description = "Step id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Missing tenants:create, or not the management tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such step", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/provisioning-steps/{id}")]
pub async fn delete_provisioning_step(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state.run(move |db| steps::delete(db, &ctx, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
