use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::{ListQuery, Paging};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::mail::MailStatus;
use landlord_domain::wire::{MailView, Page, Problem};
use landlord_operations::mail;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListTenantEmailsQuery {
    /// Only mails in this state.
    pub status: Option<MailStatus>,
}

/// List the notification mails sent (or queued) to a tenant's people, newest first, with
/// their status, attempts and last error. The bodies are not shown.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id"), ListTenantEmailsQuery, Paging),
    responses(
        (status = 200, description = "One page of mails", body = Page<MailView>),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant: neither the caller's own nor in its subtree", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/{id}/emails")]
pub async fn list_tenant_emails(
    state: web::Data<AppState>,
    ctx: Acting,
    id: web::Path<i64>,
    query: ListQuery<ListTenantEmailsQuery>,
) -> ApiResult<web::Json<Page<MailView>>> {
    let (id, status, page) = (id.into_inner(), query.params.status, query.page);
    let mails = state
        .read(move |db| mail::list_for_tenant(db, &ctx, id, status, page))
        .await?;
    Ok(web::Json(mails))
}
