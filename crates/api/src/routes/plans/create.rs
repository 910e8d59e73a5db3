use crate::context::Acting;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::wire::{CreatePlanRequest, PlanView, Problem};
use landlord_operations::billing::plans;

/// Add a plan to the catalogue: a unique, immutable `code`, a currency and one price per
/// cycle it is offered on (`monthly`, `quarterly`, `yearly`), optionally a trial.
#[utoipa::path(
    tag = "billing",
    request_body = CreatePlanRequest,
    responses(
        BodyProblems,
        (status = 201, description = "The new plan", body = PlanView),
        (status = 403, description = "Missing billing:manage, or the tenant has no catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken (`code_taken`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    ctx: Acting,
    body: JsonBody<CreatePlanRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let plan = state
        .run(move |db| plans::create(db, &ctx, request))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/plans/{}", plan.code)))
        .json(plan))
}
