//! Who a verified token speaks for, checked against the database on every request: a
//! disabled user, a signed-out session, or a suspended or inactive tenant (or ancestor)
//! stops the token at once rather than when it expires.

use crate::context::Caller;
use crate::error::{OpError, OpResult};
use crate::support_access::session::{self as support, Denied};
use landlord_domain::user::UserStatus;
use landlord_domain::{ErrorCode, TenantId, UserId};
use landlord_persistence::{Database, Timestamp, tenants, users};

/// What an authentic, unexpired token claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub user_id: UserId,
    /// The user's tenant when the token was issued.
    pub tenant_id: i64,
    /// The user's session generation when the token was issued; signing out bumps it.
    pub generation: i64,
    /// For a support session: the tenant the support user signed in to.
    pub support_tenant: Option<i64>,
}

/// The caller `session` is for, if it still holds at `now` (a support session also needs
/// its tenant's grant and the platform switch, `support_access::session`).
pub fn authenticate(db: &Database, session: Session, now: Timestamp) -> OpResult<Caller> {
    db.read(|conn| {
        let (user, tenant) = users::find_with_tenant(conn, session.user_id)?
            .ok_or_else(|| unauthorized("the token is invalid or expired"))?;
        if user.tenant_id != session.tenant_id
            || user.status()? != UserStatus::Active
            || user.session_generation != session.generation
        {
            return Err(unauthorized("the session has ended; sign in again"));
        }
        if !tenants::accessible(conn, &tenant)? {
            return Err(unauthorized("the tenant is suspended or inactive"));
        }
        if let Some(target) = session.support_tenant {
            let target = tenants::find(conn, TenantId(target))?
                .ok_or_else(|| unauthorized("the token is invalid or expired"))?;
            support::check(conn, &user, &tenant, &target, now)?.map_err(Denied::on_request)?;
            return support::caller(&user, &tenant, &target);
        }
        Ok(Caller {
            user_id: session.user_id,
            username: user.username.clone(),
            role: user.role()?,
            tenant_id: TenantId(tenant.id),
            tenant_domain: tenant.domain.clone(),
            tenant_path: tenant.tenant_path(),
            tenant_allows_subtenants: tenant.allow_subtenants,
            service_scopes: None,
            support: None,
            request_limits: tenant.request_limits(),
        })
    })
}

fn unauthorized(detail: &str) -> OpError {
    OpError::Unauthorized {
        code: ErrorCode::Unauthorized,
        detail: detail.to_owned(),
    }
}
