use crate::context::Acting;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use landlord_domain::wire::{Problem, SubscribedApplication, TenantApplications};
use landlord_operations::applications::subscriptions;

/// A tenant's applications: those it is subscribed to (a microservice with its status,
/// `up`, `unhealthy` or `down`, and the runtime's last report) and those it may subscribe
/// to (owned by it or an ancestor).
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Tenant id")),
    responses(
        (status = 200, description = "Subscribed and available applications", body = TenantApplications),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/applications")]
pub async fn list_tenant_applications(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
) -> ApiResult<web::Json<TenantApplications>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .read(move |db| subscriptions::tenant_applications(db, &ctx, id))
            .await?,
    ))
}

/// Subscribe a subtenant to an application owned by it or an ancestor: `201` with the new
/// subscription, `200` with the existing one when it is subscribed already (nothing
/// changes and nothing is recorded).
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Application key"),
    ),
    responses(
        (status = 200, description = "Subscribed already: the existing subscription", body = SubscribedApplication),
        (status = 201, description = "The new subscription", body = SubscribedApplication),
        (status = 403, description = "Missing capabilities:manage, or the caller's own tenant (`own_tenant`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree, or no such application available to it", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/applications/{key}")]
pub async fn subscribe_tenant_application(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String)>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    let done = state
        .run(move |db| subscriptions::subscribe(db, &ctx, id, &key))
        .await?;
    Ok(if done.created {
        HttpResponse::Created().json(done.subscription)
    } else {
        HttpResponse::Ok().json(done.subscription)
    })
}

/// Unsubscribe a subtenant from an application; its reported instances are forgotten.
#[utoipa::path(
    tag = "applications",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("key" = String, Path, description = "Application key"),
    ),
    responses(
        (status = 204, description = "Unsubscribed"),
        (status = 403, description = "Missing capabilities:manage, or the caller's own tenant (`own_tenant`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree, no such application, or the tenant is not subscribed to it", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/tenants/{id}/applications/{key}")]
pub async fn unsubscribe_tenant_application(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, String)>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    state
        .run(move |db| subscriptions::unsubscribe(db, &ctx, id, &key))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
