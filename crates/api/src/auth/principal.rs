use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use landlord_domain::tenant::{MANAGEMENT_DOMAIN, TenantPath};
use landlord_domain::user::UserStatus;
use landlord_domain::{Permission, Role, TenantId, UserId};
use landlord_persistence::audit::Actor;
use landlord_persistence::{tenants, users};
use std::future::Future;
use std::pin::Pin;

/// The authenticated caller. Extracting it verifies the bearer token and then checks the
/// database on every request, so suspending a tenant (or any ancestor), disabling a user or
/// signing out takes effect on the very next request, not when the token expires.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: UserId,
    pub username: String,
    pub role: Role,
    pub tenant_id: TenantId,
    pub tenant_domain: String,
    pub tenant_path: TenantPath,
    pub tenant_allows_subtenants: bool,
}

impl Principal {
    pub fn require(&self, permission: Permission) -> ApiResult<()> {
        if self.role.grants(permission) {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "missing_permission",
                format!("this requires the {} permission", permission.as_str()),
            ))
        }
    }

    pub fn is_management(&self) -> bool {
        self.tenant_domain == MANAGEMENT_DOMAIN && self.tenant_path.depth() == 1
    }

    /// Whether the caller's tenant may create subtenants at all.
    pub fn may_have_subtenants(&self) -> bool {
        self.is_management() || self.tenant_allows_subtenants
    }

    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user_id.0),
            username: Some(self.username.clone()),
            tenant_id: Some(self.tenant_id.0),
        }
    }
}

/// The caller as the operations layer knows them.
impl From<Principal> for landlord_operations::Caller {
    fn from(p: Principal) -> Self {
        Self {
            user_id: p.user_id,
            username: p.username,
            role: p.role,
            tenant_id: p.tenant_id,
            tenant_domain: p.tenant_domain,
            tenant_path: p.tenant_path,
            tenant_allows_subtenants: p.tenant_allows_subtenants,
        }
    }
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_owned());
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let token = token.ok_or(ApiError::Unauthorized(
                "send a bearer token in the Authorization header",
            ))?;
            let now = state.clock.now();
            let claims = state
                .tokens
                .verify(&token, now)
                .ok_or(ApiError::Unauthorized("the token is invalid or expired"))?;
            let user_id = claims
                .sub
                .parse::<i64>()
                .map(UserId)
                .map_err(|_| ApiError::Unauthorized("the token is invalid or expired"))?;
            state
                .read(move |conn| {
                    let denied = ApiError::Unauthorized("the session has ended; sign in again");
                    let (user, tenant) = users::find_with_tenant(conn, user_id)?
                        .ok_or(ApiError::Unauthorized("the token is invalid or expired"))?;
                    if user.tenant_id != claims.tid || user.status()? != UserStatus::Active {
                        return Err(denied);
                    }
                    if user.session_generation != claims.sgen {
                        return Err(denied);
                    }
                    if !tenants::accessible(conn, &tenant)? {
                        return Err(ApiError::Unauthorized(
                            "the tenant is suspended or inactive",
                        ));
                    }
                    let path = tenant.tenant_path();
                    Ok(Principal {
                        user_id,
                        username: user.username.clone(),
                        role: user.role()?,
                        tenant_id: TenantId(tenant.id),
                        tenant_domain: tenant.domain.clone(),
                        tenant_path: path,
                        tenant_allows_subtenants: tenant.allow_subtenants,
                    })
                })
                .await
        })
    }
}
