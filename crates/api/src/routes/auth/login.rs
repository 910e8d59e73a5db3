use crate::auth::password;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{post, web};
use landlord_domain::TenantId;
use landlord_domain::audit::AuditAction;
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::user::UserStatus;
use landlord_domain::wire::{LoginRequest, Problem, TokenResponse};
use landlord_persistence::audit::{self, Actor, AuditRecord};
use landlord_persistence::models::{TenantRow, UserRow};
use landlord_persistence::{tenants, users};
use serde_json::json;

const BAD_CREDENTIALS: &str = "the tenant, username or password is wrong";

/// Sign in to a tenant with a username and password; returns a bearer token.
///
/// Every attempt, successful or not, is written to the audit log.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        BodyProblems,
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Wrong credentials, or the tenant is suspended or inactive", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    request_id: RequestId,
    body: JsonBody<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let LoginRequest {
        tenant,
        username,
        password,
    } = body.0;
    let lookup_domain = tenant.clone();
    let lookup_username = username.clone();
    let found: Option<(TenantRow, Option<UserRow>, bool)> = state
        .read(move |conn| {
            let Some(tenant) = tenants::find_by_domain(conn, &lookup_domain)? else {
                return Ok(None);
            };
            let user = users::find_by_username(conn, tenant.tenant_id(), &lookup_username)?;
            let accessible = tenants::accessible(conn, &tenant)?;
            Ok(Some((tenant, user, accessible)))
        })
        .await?;
    let stored_hash = found
        .as_ref()
        .and_then(|(_, user, _)| user.as_ref())
        .and_then(|u| u.password_hash.clone());
    let verified = web::block(move || password::verify(stored_hash.as_deref(), &password)).await?;

    let outcome = match &found {
        Some((tenant, Some(user), accessible)) if verified => {
            if user.status()? != UserStatus::Active {
                Err(("user_disabled", ApiError::Unauthorized(BAD_CREDENTIALS)))
            } else if !accessible {
                Err((
                    "tenant_blocked",
                    ApiError::Unauthorized("the tenant is suspended or inactive"),
                ))
            } else {
                Ok((tenant.id, user.id, user.session_generation))
            }
        }
        Some((_, Some(_), _)) => Err(("wrong_password", ApiError::Unauthorized(BAD_CREDENTIALS))),
        Some((_, None, _)) => Err(("unknown_user", ApiError::Unauthorized(BAD_CREDENTIALS))),
        None => Err(("unknown_tenant", ApiError::Unauthorized(BAD_CREDENTIALS))),
    };

    let now = state.now();
    let found_tenant = found.as_ref().map(|(t, _, _)| t.id);
    let user_id = found
        .as_ref()
        .and_then(|(_, u, _)| u.as_ref().map(|u| u.id));
    let reason = outcome.as_ref().err().map(|(reason, _)| *reason);
    state
        .write(move |conn| {
            // Attempts on unknown tenants are recorded in the management tenant's log.
            let log_tenant = match found_tenant {
                Some(id) => id,
                None => tenants::find_by_domain(conn, MANAGEMENT_DOMAIN)?
                    .map(|t| t.id)
                    .ok_or(ApiError::Internal("no management tenant".into()))?,
            };
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: TenantId(log_tenant),
                    action: if reason.is_none() {
                        AuditAction::LoginSucceeded
                    } else {
                        AuditAction::LoginFailed
                    },
                    success: reason.is_none(),
                    actor: Actor {
                        user_id: if reason.is_none() { user_id } else { None },
                        username: Some(username),
                        tenant_id: found_tenant,
                    },
                    target: landlord_domain::audit::AuditTarget::Session,
                    target_id: user_id.map(|id| id.to_string()),
                    request_id: Some(request_id.0),
                    details: match reason {
                        Some(reason) => json!({ "tenant": tenant, "reason": reason }),
                        None => json!({ "tenant": tenant }),
                    },
                    occurred_at: now,
                },
            )
            .map_err(ApiError::from)
        })
        .await?;

    let (tenant_id, user_id, generation) = outcome.map_err(|(_, err)| err)?;
    let token = state
        .tokens
        .issue(user_id, tenant_id, generation, state.clock.now())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(web::Json(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl_seconds,
    }))
}
