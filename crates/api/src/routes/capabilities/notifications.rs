use super::CatalogueQuery;
use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, post, web};
use landlord_domain::wire::{NotificationView, Page, Problem};
use landlord_operations::capabilities::notifications;

/// A tenant's notifications, newest first: each quota threshold reached
/// (`quota.threshold_reached`) and limit reached (`quota.exceeded`), once per period.
#[utoipa::path(
    tag = "capabilities",
    params(("id" = i64, Path, description = "Tenant id"), CatalogueQuery, Paging),
    responses(
        (status = 200, description = "One page of notifications", body = Page<NotificationView>),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    query: ListQuery<CatalogueQuery>,
) -> ApiResult<web::Json<Page<NotificationView>>> {
    let (id, page) = (id.into_inner(), query.page);
    Ok(web::Json(
        state
            .read(move |db| notifications::list(db, &ctx, id, page))
            .await?,
    ))
}

/// Mark a notification read (it keeps the first time it was).
#[utoipa::path(
    tag = "capabilities",
    params(
        ("id" = i64, Path, description = "Tenant id"),
        ("notification_id" = i64, Path, description = "Notification id"),
    ),
    responses(
        (status = 200, description = "The notification", body = NotificationView),
        (status = 403, description = "Missing capabilities:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant or notification", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants/{id}/notifications/{notification_id}/read")]
pub async fn read_notification(
    state: web::Data<AppState>,
    ctx: Acting,
    path: web::Path<(i64, i64)>,
) -> ApiResult<web::Json<NotificationView>> {
    let (id, notification) = path.into_inner();
    Ok(web::Json(
        state
            .run(move |db| notifications::mark_read(db, &ctx, id, notification))
            .await?,
    ))
}
