use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, NoFilters, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Page, Problem, ProvisioningStepView};
use landlord_operations::provisioning::steps;

/// List the operator's external provisioning steps in the order they run. Secrets are
/// never shown.
#[utoipa::path(
    tag = "provisioning",
    params(Paging),
    responses(
        (status = 200, description = "One page of steps", body = Page<ProvisioningStepView>),
        (status = 403, description = "Missing tenants:read, or not the management tenant (`management_only`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/provisioning-steps")]
pub async fn list_provisioning_steps(
    state: web::Data<AppState>,
    ctx: Acting,
    query: ListQuery<NoFilters>,
) -> ApiResult<web::Json<Page<ProvisioningStepView>>> {
    let page = query.page;
    let list = state.read(move |db| steps::list(db, &ctx, page)).await?;
    Ok(web::Json(list))
}
