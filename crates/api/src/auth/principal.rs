use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use landlord_domain::user::UserStatus;
use landlord_domain::{TenantId, UserId};
use landlord_operations::Caller;
use landlord_persistence::{tenants, users};
use std::future::Future;
use std::pin::Pin;

/// The authenticated caller. Extracting it verifies the bearer token and then checks the
/// database on every request, so suspending a tenant (or any ancestor), disabling a user or
/// signing out takes effect on the very next request, not when the token expires. It is the
/// operations layer's [`Caller`], which decides what the caller may do.
#[derive(Debug, Clone)]
pub struct Principal(pub Caller);

impl std::ops::Deref for Principal {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.0
    }
}

/// The caller as the operations layer knows them.
impl From<Principal> for Caller {
    fn from(principal: Principal) -> Self {
        principal.0
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
            let token = token.ok_or_else(|| {
                ApiError::unauthorized("send a bearer token in the Authorization header")
            })?;
            let now = state.clock.now();
            let claims = state
                .tokens
                .verify(&token, now)
                .ok_or_else(|| ApiError::unauthorized("the token is invalid or expired"))?;
            let user_id = claims
                .sub
                .parse::<i64>()
                .map(UserId)
                .map_err(|_| ApiError::unauthorized("the token is invalid or expired"))?;
            state
                .read(move |conn| {
                    let denied = ApiError::unauthorized("the session has ended; sign in again");
                    let (user, tenant) = users::find_with_tenant(conn, user_id)?
                        .ok_or_else(|| ApiError::unauthorized("the token is invalid or expired"))?;
                    if user.tenant_id != claims.tid || user.status()? != UserStatus::Active {
                        return Err(denied);
                    }
                    if user.session_generation != claims.sgen {
                        return Err(denied);
                    }
                    if !tenants::accessible(conn, &tenant)? {
                        return Err(ApiError::unauthorized(
                            "the tenant is suspended or inactive",
                        ));
                    }
                    let path = tenant.tenant_path();
                    Ok(Principal(Caller {
                        user_id,
                        username: user.username.clone(),
                        role: user.role()?,
                        tenant_id: TenantId(tenant.id),
                        tenant_domain: tenant.domain.clone(),
                        tenant_path: path,
                        tenant_allows_subtenants: tenant.allow_subtenants,
                    }))
                })
                .await
        })
    }
}
