//! Who may do what to a tenant: the one rule behind the API's permission checks on tenants
//! and the `allowed_actions` it answers with, so the admin app shows exactly the actions
//! that will succeed instead of deriving them again.
//!
//! The rule sees a tenant the caller can already see (their own or a descendant); anything
//! else is not found, never refused. Each action's checks run in the order the API makes
//! them, so a refusal names the same reason the endpoint answers with.

use super::status::{StatusChange, TenantStatus, TransitionError};
use crate::error_code::ErrorCode;
use crate::ids::TenantId;
use crate::permission::{Permission, Role};
use serde::{Deserialize, Serialize};

string_enum!(/// Something the admin app offers to do to one tenant.
    #[derive(PartialOrd, Ord)]
    TenantAction {
        /// `PATCH /tenants/{id}`: edit all its properties (a customer's, by its parent).
        Update => "update",
        /// `PATCH /tenants/{id}` with profile fields only (name, contacts, country and the
        /// settings): also on one's own tenant (seed 002: "a tenant's profile can be modified
        /// after the tenant admin logs into the tenant").
        UpdateProfile => "update_profile",
        /// `POST /tenants/{id}/suspend`.
        Suspend => "suspend",
        /// `POST /tenants/{id}/activate`.
        Activate => "activate",
        /// `POST /tenants/{id}/deactivate`.
        Deactivate => "deactivate",
        /// `DELETE /tenants/{id}`, with its whole subtree.
        Delete => "delete",
        /// `POST /tenants`: create a customer below it (always the caller's own tenant).
        CreateSubtenant => "create_subtenant",
        /// Change its `allow_subtenants` in an edit.
        GrantSubtenants => "grant_subtenants",
        /// `GET /tenants/{id}/audit-log`.
        ViewAuditLog => "view_audit_log",
    }
);

impl TenantAction {
    /// The permission the action needs, checked before anything else.
    pub fn permission(self) -> Permission {
        match self {
            Self::Update
            | Self::UpdateProfile
            | Self::Suspend
            | Self::Activate
            | Self::Deactivate
            | Self::GrantSubtenants => Permission::TenantsUpdate,
            Self::Delete => Permission::TenantsChange,
            Self::CreateSubtenant => Permission::TenantsCreate,
            Self::ViewAuditLog => Permission::AuditRead,
        }
    }

    /// The status change the action makes, if it is one.
    pub fn status_change(self) -> Option<StatusChange> {
        match self {
            Self::Suspend => Some(StatusChange::Suspend),
            Self::Activate => Some(StatusChange::Activate),
            Self::Deactivate => Some(StatusChange::Deactivate),
            _ => None,
        }
    }
}

/// Who is asking: their role, their tenant, and whether it is the management tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub role: Role,
    pub tenant: TenantId,
    pub management: bool,
}

/// The tenant asked about, as the caller sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Whether it is the caller's own tenant (otherwise it is one of its descendants).
    pub own: bool,
    pub status: TenantStatus,
    /// Whether it may have subtenants of its own.
    pub allow_subtenants: bool,
}

/// Why an action is refused, in the API's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("this requires the {} permission", .0.as_str())]
    MissingPermission(Permission),
    #[error("a tenant cannot manage itself; its parent manages it")]
    OwnTenant,
    /// Subtenants are only ever created below the caller's own tenant.
    #[error("customers are created below your own tenant")]
    NotOwnTenant,
    #[error("only the management tenant may do this")]
    ManagementOnly,
    #[error("this tenant is not allowed to create subtenants")]
    SubtenantsNotAllowed,
    #[error(transparent)]
    InvalidTransition(TransitionError),
}

impl Refusal {
    /// The problem `code` the API answers with.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MissingPermission(_) => ErrorCode::MissingPermission,
            Self::OwnTenant => ErrorCode::OwnTenant,
            // No endpoint creates below another tenant: the tenant is not there to create in.
            Self::NotOwnTenant => ErrorCode::NotFound,
            Self::ManagementOnly => ErrorCode::ManagementOnly,
            Self::SubtenantsNotAllowed => ErrorCode::SubtenantsNotAllowed,
            Self::InvalidTransition(_) => ErrorCode::InvalidTransition,
        }
    }
}

impl Caller {
    /// Whether the caller may take `action` on `target`, or the first reason they may not.
    pub fn check(self, action: TenantAction, target: Target) -> Result<(), Refusal> {
        use TenantAction as A;
        let needed = action.permission();
        if !self.role.grants(needed) {
            return Err(Refusal::MissingPermission(needed));
        }
        let not_own = || match target.own {
            true => Err(Refusal::OwnTenant),
            false => Ok(()),
        };
        let management = || match self.management {
            true => Ok(()),
            false => Err(Refusal::ManagementOnly),
        };
        match action {
            A::Update => not_own(),
            A::UpdateProfile => Ok(()),
            A::Suspend | A::Activate | A::Deactivate => {
                not_own()?;
                match action.status_change() {
                    Some(change) => target
                        .status
                        .apply(change)
                        .map(|_| ())
                        .map_err(Refusal::InvalidTransition),
                    None => Ok(()),
                }
            }
            A::Delete => {
                not_own()?;
                management()
            }
            // The edit refuses the field before it looks the tenant up.
            A::GrantSubtenants => {
                management()?;
                not_own()
            }
            A::CreateSubtenant => {
                if !(self.management || target.allow_subtenants) {
                    return Err(Refusal::SubtenantsNotAllowed);
                }
                match target.own {
                    true => Ok(()),
                    false => Err(Refusal::NotOwnTenant),
                }
            }
            A::ViewAuditLog => Ok(()),
        }
    }

    /// Every action the caller may take on `target`, in [`TenantAction::ALL`]'s order.
    pub fn allowed_actions(self, target: Target) -> Vec<TenantAction> {
        TenantAction::ALL
            .into_iter()
            .filter(|action| self.check(*action, target).is_ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::TenantAction as A;
    use super::*;
    use TenantStatus as S;

    fn caller(role: Role, management: bool) -> Caller {
        Caller {
            role,
            tenant: TenantId(1),
            management,
        }
    }

    fn other(status: TenantStatus) -> Target {
        Target {
            own: false,
            status,
            allow_subtenants: false,
        }
    }

    fn own(allow_subtenants: bool) -> Target {
        Target {
            own: true,
            status: S::Active,
            allow_subtenants,
        }
    }

    #[test]
    fn a_management_admin_may_do_everything_to_an_active_customer_but_activate_it() {
        assert_eq!(
            caller(Role::Admin, true).allowed_actions(other(S::Active)),
            [
                A::Update,
                A::UpdateProfile,
                A::Suspend,
                A::Deactivate,
                A::Delete,
                A::GrantSubtenants,
                A::ViewAuditLog
            ]
        );
    }

    #[test]
    fn status_actions_follow_the_lifecycle() {
        let admin = caller(Role::Admin, true);
        let status_actions = |status| {
            admin
                .allowed_actions(other(status))
                .into_iter()
                .filter(|a| a.status_change().is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(status_actions(S::Active), [A::Suspend, A::Deactivate]);
        assert_eq!(status_actions(S::Suspended), [A::Activate, A::Deactivate]);
        assert_eq!(status_actions(S::Inactive), [A::Activate]);
        assert_eq!(status_actions(S::Provisioning), []);
        assert_eq!(
            admin.check(A::Suspend, other(S::Suspended)),
            Err(Refusal::InvalidTransition(TransitionError {
                from: "suspended",
                verb: "suspended"
            }))
        );
    }

    #[test]
    fn nobody_manages_their_own_tenant_but_they_edit_its_profile_create_below_it_and_read_its_log()
    {
        let admin = caller(Role::Admin, true);
        assert_eq!(
            admin.allowed_actions(own(true)),
            [A::UpdateProfile, A::CreateSubtenant, A::ViewAuditLog]
        );
        assert_eq!(admin.check(A::Suspend, own(true)), Err(Refusal::OwnTenant));
        assert_eq!(admin.check(A::Delete, own(true)), Err(Refusal::OwnTenant));
        assert_eq!(
            admin.check(A::CreateSubtenant, other(S::Active)),
            Err(Refusal::NotOwnTenant)
        );
    }

    #[test]
    fn resellers_manage_their_customers_but_only_management_deletes_or_grants_subtenants() {
        let reseller = caller(Role::Admin, false);
        assert_eq!(
            reseller.allowed_actions(other(S::Suspended)),
            [
                A::Update,
                A::UpdateProfile,
                A::Activate,
                A::Deactivate,
                A::ViewAuditLog
            ]
        );
        assert_eq!(
            reseller.check(A::Delete, other(S::Active)),
            Err(Refusal::ManagementOnly)
        );
        assert_eq!(
            reseller.check(A::GrantSubtenants, own(true)),
            Err(Refusal::ManagementOnly),
            "the edit refuses the field first"
        );
        assert_eq!(
            reseller.allowed_actions(own(true)),
            [A::UpdateProfile, A::CreateSubtenant, A::ViewAuditLog]
        );
        assert_eq!(
            reseller.check(A::CreateSubtenant, own(false)),
            Err(Refusal::SubtenantsNotAllowed)
        );
    }

    #[test]
    fn roles_limit_what_may_be_done() {
        let manager = caller(Role::Manager, true);
        assert_eq!(
            manager.allowed_actions(other(S::Active)),
            [
                A::Update,
                A::UpdateProfile,
                A::Suspend,
                A::Deactivate,
                A::GrantSubtenants,
                A::ViewAuditLog
            ]
        );
        assert_eq!(
            manager.check(A::Delete, other(S::Active)),
            Err(Refusal::MissingPermission(Permission::TenantsChange))
        );
        assert_eq!(
            caller(Role::Viewer, true).allowed_actions(other(S::Active)),
            [A::ViewAuditLog]
        );
        assert_eq!(
            caller(Role::Viewer, true).check(A::Update, other(S::Active)),
            Err(Refusal::MissingPermission(Permission::TenantsUpdate))
        );
        for target in [other(S::Active), own(true)] {
            assert_eq!(caller(Role::Member, true).allowed_actions(target), []);
        }
    }

    #[test]
    fn the_permission_check_comes_first() {
        // A viewer asking to suspend their own tenant lacks the permission before anything.
        assert_eq!(
            caller(Role::Viewer, false).check(A::Suspend, own(false)),
            Err(Refusal::MissingPermission(Permission::TenantsUpdate))
        );
    }

    #[test]
    fn actions_are_snake_case_on_the_wire() {
        for action in TenantAction::ALL {
            assert_eq!(serde_json::to_value(action).unwrap(), action.as_str());
        }
        assert_eq!(
            Refusal::MissingPermission(Permission::TenantsChange).to_string(),
            "this requires the tenants:change permission"
        );
    }
}
