use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{PlanView, Problem};
use landlord_operations::billing::plans;

/// One plan of the caller's catalogue.
#[utoipa::path(
    tag = "billing",
    params(("code" = String, Path, description = "Plan code")),
    responses(
        (status = 200, description = "The plan", body = PlanView),
        (status = 403, description = "Missing billing:read, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan in the catalogue", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/plans/{code}")]
pub async fn get_plan(
    state: web::Data<AppState>,
    ctx: Acting,
    code: web::Path<String>,
) -> ApiResult<web::Json<PlanView>> {
    let code = code.into_inner();
    Ok(web::Json(
        state.read(move |db| plans::get(db, &ctx, &code)).await?,
    ))
}
