use crate::auth::{Principal, password};
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::request_id::RequestId;
use crate::routes::tenants::visible;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::audit::AuditAction;
use landlord_domain::wire::{CreateUserRequest, FieldError, Problem, UserView};
use landlord_domain::{Permission, TenantId};
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::models::NewUserRow;
use landlord_persistence::users;
use serde_json::json;

/// Create a user in the caller's tenant or one of its subtenants.
#[utoipa::path(
    tag = "users",
    request_body = CreateUserRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = UserView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing users:manage", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`tenant_id` names no tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken in that tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    body: JsonBody<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::UsersManage)?;
    let tenant_id = body.0.tenant_id.unwrap_or(principal.tenant_id.0);
    let new = body.0.parse()?;
    let password_hash = match &new.password {
        Some(p) => Some(password::hash(p.expose()).map_err(ApiError::Internal)?),
        None => None,
    };
    let now = state.now();
    let user = state
        .write(move |conn| {
            let tenant = visible(conn, &principal, tenant_id)?;
            if users::find_by_username(conn, TenantId(tenant_id), new.username.as_str())?.is_some()
            {
                return Err(ApiError::Conflict {
                    code: "username_taken",
                    detail: format!(
                        "the username {:?} is already in use in this tenant",
                        new.username.as_str()
                    ),
                    errors: vec![FieldError::new(
                        "username",
                        "username_taken",
                        "is already in use in this tenant",
                    )],
                });
            }
            let user = users::insert(
                conn,
                &tenant.tenant_path(),
                &NewUserRow {
                    tenant_id,
                    username: new.username.as_str().to_owned(),
                    email: new.email.as_str().to_owned(),
                    display_name: new.display_name.clone(),
                    role: new.role.as_str().to_owned(),
                    status: new.status.as_str().to_owned(),
                    password_hash,
                    is_first_admin: false,
                    password_reset_token_hash: None,
                    password_reset_expires_at: None,
                    created_at: now,
                    updated_at: now,
                },
            )?
            .to_view(&tenant.name)?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: TenantId(tenant_id),
                    action: AuditAction::UserCreated,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::User,
                    target_id: Some(user.id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "after": user }),
                    occurred_at: now,
                },
            )?;
            Ok(user)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/users/{}", user.id),
        ))
        .json(user))
}
