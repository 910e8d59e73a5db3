use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{patch, web};
use landlord_domain::wire::{PlanView, Problem, UpdatePlanRequest};
use landlord_operations::billing::plans;

/// Change a plan's name, description, prices or trial; the code and currency are fixed. New
/// prices apply to each subscription from its next period on.
#[utoipa::path(
    tag = "billing",
    params(("code" = String, Path, description = "Plan code")),
    request_body = UpdatePlanRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The plan", body = PlanView),
        (status = 403, description = "Missing billing:manage, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan in the catalogue", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/plans/{code}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    ctx: Acting,
    code: web::Path<String>,
    body: JsonBody<UpdatePlanRequest>,
) -> ApiResult<web::Json<PlanView>> {
    let code = code.into_inner();
    let request = body.0;
    Ok(web::Json(
        state
            .run(move |db| plans::update(db, &ctx, &code, request))
            .await?,
    ))
}
