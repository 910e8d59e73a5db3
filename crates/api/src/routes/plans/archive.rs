use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::wire::{PlanView, Problem};
use landlord_operations::billing::plans;

/// Archive a plan: it takes no new subscriptions; its current subscribers stay on it.
#[utoipa::path(
    tag = "billing",
    params(("code" = String, Path, description = "Plan code")),
    responses(
        (status = 200, description = "The archived plan", body = PlanView),
        (status = 403, description = "Missing billing:manage, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan in the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already archived", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/plans/{code}/archive")]
pub async fn archive_plan(
    state: web::Data<AppState>,
    ctx: Acting,
    code: web::Path<String>,
) -> ApiResult<web::Json<PlanView>> {
    let code = code.into_inner();
    Ok(web::Json(
        state.run(move |db| plans::archive(db, &ctx, &code)).await?,
    ))
}
