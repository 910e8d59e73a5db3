//! When a support session holds: checked as a support user signs in and again on every
//! request of its tokens, by the injected clock, so an expiry, a revocation or the platform
//! switch going off stops the session on its next request.

use crate::context::{Caller, SupportActor};
use crate::error::{OpError, OpResult};
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::{ErrorCode, Permission, UserId};
use landlord_persistence::models::{TenantRow, UserRow};
use landlord_persistence::support_access as store;
use landlord_persistence::{AnyConnection, Timestamp, tenants};

/// Why a support session may not (or may no longer) act in a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// The user is no support user of the management tenant.
    NotSupportUser,
    /// Support access is off at platform level.
    PlatformOff,
    /// The tenant has no active grant (none made, expired or revoked).
    NotGranted,
    /// The tenant (or an ancestor) is suspended or inactive.
    TenantBlocked,
}

impl Denied {
    pub fn reason(self) -> &'static str {
        match self {
            Self::NotSupportUser => "not_support_user",
            Self::PlatformOff => "support_access_off",
            Self::NotGranted => "support_access_not_granted",
            Self::TenantBlocked => "tenant_blocked",
        }
    }

    pub fn detail(self) -> &'static str {
        match self {
            Self::NotSupportUser => "only the management tenant's support users sign in as support",
            Self::PlatformOff => "support access is switched off at platform level",
            Self::NotGranted => "the tenant has not granted support access, or it has ended",
            Self::TenantBlocked => "the tenant is suspended or inactive",
        }
    }

    /// At sign-in (credentials already checked): 403 `support_access_denied`.
    pub fn at_sign_in(self) -> OpError {
        OpError::forbidden(ErrorCode::SupportAccessDenied, self.detail())
    }

    /// On a later request: the token no longer holds.
    pub fn on_request(self) -> OpError {
        OpError::Unauthorized {
            code: ErrorCode::Unauthorized,
            detail: format!("the support session has ended: {}", self.detail()),
        }
    }
}

/// Whether `user` (of `user_tenant`) may act in `target` as support at `now`.
pub fn check(
    conn: &mut AnyConnection,
    user: &UserRow,
    user_tenant: &TenantRow,
    target: &TenantRow,
    now: Timestamp,
) -> OpResult<Result<(), Denied>> {
    let management = user_tenant.domain == MANAGEMENT_DOMAIN && user_tenant.parent_id.is_none();
    if !management || !user.role()?.grants(Permission::SupportSignIn) || target.id == user_tenant.id
    {
        return Ok(Err(Denied::NotSupportUser));
    }
    if !store::platform_enabled(conn, user_tenant.id)? {
        return Ok(Err(Denied::PlatformOff));
    }
    if store::active(conn, target.id, now)?.is_empty() {
        return Ok(Err(Denied::NotGranted));
    }
    if !tenants::accessible(conn, target)? {
        return Ok(Err(Denied::TenantBlocked));
    }
    Ok(Ok(()))
}

/// The caller of a support session: the support user, acting in `target` with their own
/// role.
pub fn caller(user: &UserRow, user_tenant: &TenantRow, target: &TenantRow) -> OpResult<Caller> {
    Ok(Caller {
        user_id: UserId(user.id),
        username: user.username.clone(),
        role: user.role()?,
        tenant_id: target.tenant_id(),
        tenant_domain: target.domain.clone(),
        tenant_path: target.tenant_path(),
        tenant_allows_subtenants: target.allow_subtenants,
        service_scopes: None,
        support: Some(SupportActor {
            user_id: UserId(user.id),
            username: user.username.clone(),
            tenant_id: user_tenant.tenant_id(),
        }),
        request_limits: user_tenant.request_limits(),
    })
}
