use crate::context::ActingOrService;
use crate::error::ApiResult;
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::state::AppState;
use actix_web::{put, web};
use landlord_domain::wire::{InstancesReport, InstancesView, Problem};
use landlord_operations::applications::instances;

/// The runtime's report of a microservice's instances, replacing the last one: the counts of
/// active, unhealthy and desired instances and each instance's name and restarts, for the
/// subscribed `tenant` of a `per_tenant` microservice. Only the owner reports: its
/// administrators, or its service tokens with the `applications:report` scope. A change in
/// the number of instances listed is recorded in the audit log.
#[utoipa::path(
    tag = "applications",
    params(("key" = String, Path, description = "Application key")),
    request_body = InstancesReport,
    responses(
        BodyProblems,
        (status = 200, description = "The stored report with the status it amounts to", body = InstancesView),
        (status = 401, description = "Not signed in, or the service token is invalid or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing applications:report (service tokens: the applications:report scope), or not the owner (`not_owner`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application available to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A web application has no instances (`not_a_microservice`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/applications/{key}/instances")]
pub async fn report_application_instances(
    state: web::Data<AppState>,
    ctx: ActingOrService,
    key: web::Path<String>,
    body: JsonBody<InstancesReport>,
) -> ApiResult<web::Json<InstancesView>> {
    let key = key.into_inner();
    let report = body.0;
    Ok(web::Json(
        state
            .run(move |db| instances::report(db, &ctx, &key, report))
            .await?,
    ))
}
