//! Who acts, when, and under which request: what every operation is given.

use crate::error::{OpError, OpResult};
use landlord_domain::tenant::{MANAGEMENT_DOMAIN, TenantPath};
use landlord_domain::{ErrorCode, Permission, Role, TenantId, UserId};
use landlord_persistence::audit::Actor;
use landlord_persistence::{AnyConnection, Database, Timestamp};

/// The signed-in user an operation acts for, as the API authenticated them.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: UserId,
    pub username: String,
    pub role: Role,
    pub tenant_id: TenantId,
    pub tenant_domain: String,
    pub tenant_path: TenantPath,
    pub tenant_allows_subtenants: bool,
    /// For a service token: the only permissions it has (its scopes'), whatever `role` says;
    /// `None` for a signed-in user.
    pub service_scopes: Option<Vec<Permission>>,
    /// For a support session: the management tenant's support user acting in this tenant
    /// (`tenant_*` name the tenant it acts in). `None` for everyone else.
    pub support: Option<SupportActor>,
    /// Whose request-rate limit this caller's requests count against.
    pub request_limits: landlord_domain::rate_limit::LimitedTenant,
}

/// The support user behind a support session, as its audit records name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportActor {
    pub user_id: UserId,
    pub username: String,
    /// The support user's own tenant (the management tenant).
    pub tenant_id: TenantId,
}

impl Caller {
    pub fn require(&self, permission: Permission) -> OpResult<()> {
        let granted = match &self.service_scopes {
            Some(scopes) => scopes.contains(&permission),
            None => self.role.grants(permission),
        };
        if granted {
            Ok(())
        } else {
            Err(OpError::forbidden(
                ErrorCode::MissingPermission,
                format!("this requires the {} permission", permission.as_str()),
            ))
        }
    }

    pub fn is_management(&self) -> bool {
        self.tenant_domain == MANAGEMENT_DOMAIN && self.tenant_path.depth() == 1
    }

    /// Whether the caller's tenant may have subtenants at all.
    pub fn may_have_subtenants(&self) -> bool {
        self.is_management() || self.tenant_allows_subtenants
    }

    /// The caller as the domain's rule of who may do what to a tenant sees them
    /// (`tenant::Caller::check`, and every tenant view's `allowed_actions`).
    pub fn tenant_rules(&self) -> landlord_domain::tenant::Caller {
        landlord_domain::tenant::Caller {
            role: self.role,
            tenant: self.tenant_id,
            management: self.is_management(),
        }
    }

    pub fn actor(&self) -> Actor {
        if let Some(support) = &self.support {
            return Actor {
                user_id: Some(support.user_id.0),
                username: Some(support.username.clone()),
                tenant_id: Some(support.tenant_id.0),
            };
        }
        Actor {
            // A service token is no user; its name is in `username` (`service:<name>`).
            user_id: self.service_scopes.is_none().then_some(self.user_id.0),
            username: Some(self.username.clone()),
            tenant_id: Some(self.tenant_id.0),
        }
    }
}

/// The circumstances of one operation: its actor (absent for anonymous ones such as a
/// sign-in), the time from the injected clock, and the request it serves.
#[derive(Debug, Clone)]
pub struct Context {
    pub caller: Option<Caller>,
    pub now: Timestamp,
    pub request_id: Option<String>,
    /// The Idempotency-Key claim this request holds, if any: the transaction that commits
    /// the change also marks the claim as committed, so neither exists without the other.
    pub idempotency_claim: Option<i64>,
}

impl Context {
    pub fn new(caller: Option<Caller>, now: Timestamp, request_id: Option<String>) -> Self {
        Self {
            caller,
            now,
            request_id,
            idempotency_claim: None,
        }
    }

    /// The signed-in caller; operations that need one are only reachable signed in.
    pub fn caller(&self) -> OpResult<&Caller> {
        self.caller.as_ref().ok_or(OpError::Unauthorized {
            code: ErrorCode::Unauthorized,
            detail: "sign in first".into(),
        })
    }

    pub fn actor(&self) -> Actor {
        self.caller.as_ref().map(Caller::actor).unwrap_or_default()
    }

    /// Runs `work` in one transaction: the change, its audit records and outbox events, and
    /// the idempotency claim's commit mark are stored together or not at all.
    pub fn transaction<T>(
        &self,
        db: &Database,
        work: impl FnOnce(&mut AnyConnection) -> OpResult<T>,
    ) -> OpResult<T> {
        let claim = self.idempotency_claim;
        db.write(|tx| {
            let value = work(tx)?;
            if let Some(claim) = claim {
                landlord_persistence::idempotency::mark_committed(tx, claim)?;
            }
            Ok(value)
        })
    }
}
