//! Roles and the permissions they grant.
//!
//! Tenant management follows the four levels operators know from Cumulocity:
//! READ browses, CREATE creates, UPDATE edits, suspends and activates, CHANGE creates,
//! edits and deletes. Permissions are named `area:verb` so later areas (plans, quotas,
//! usage) extend the list without renaming anything.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Permission {
    #[serde(rename = "tenants:read")]
    TenantsRead,
    #[serde(rename = "tenants:create")]
    TenantsCreate,
    #[serde(rename = "tenants:update")]
    TenantsUpdate,
    #[serde(rename = "tenants:change")]
    TenantsChange,
    #[serde(rename = "users:read")]
    UsersRead,
    #[serde(rename = "users:manage")]
    UsersManage,
    #[serde(rename = "audit:read")]
    AuditRead,
    /// Customers' orders, invoices and support tickets.
    #[serde(rename = "activity:read")]
    ActivityRead,
    #[serde(rename = "activity:manage")]
    ActivityManage,
    /// Plans, subscriptions, billing invoices, payments and dunning.
    #[serde(rename = "billing:read")]
    BillingRead,
    #[serde(rename = "billing:manage")]
    BillingManage,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TenantsRead => "tenants:read",
            Self::TenantsCreate => "tenants:create",
            Self::TenantsUpdate => "tenants:update",
            Self::TenantsChange => "tenants:change",
            Self::UsersRead => "users:read",
            Self::UsersManage => "users:manage",
            Self::AuditRead => "audit:read",
            Self::ActivityRead => "activity:read",
            Self::ActivityManage => "activity:manage",
            Self::BillingRead => "billing:read",
            Self::BillingManage => "billing:manage",
        }
    }
}

/// A user's role within their tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including deleting tenants and managing users. Every tenant's first
    /// administrator has this role.
    Admin,
    /// Runs tenants day to day: browse, create, edit, suspend, activate; no deletion.
    Manager,
    /// Read-only access to tenants, users and the audit log.
    Viewer,
    /// A customer's ordinary user: signs in, manages nothing.
    #[default]
    Member,
}

impl Role {
    pub const ALL: [Self; 4] = [Self::Admin, Self::Manager, Self::Viewer, Self::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Manager => "manager",
            Self::Viewer => "viewer",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn permissions(self) -> &'static [Permission] {
        use Permission as P;
        match self {
            Self::Admin => &[
                P::TenantsRead,
                P::TenantsCreate,
                P::TenantsUpdate,
                P::TenantsChange,
                P::UsersRead,
                P::UsersManage,
                P::AuditRead,
                P::ActivityRead,
                P::ActivityManage,
                P::BillingRead,
                P::BillingManage,
            ],
            Self::Manager => &[
                P::TenantsRead,
                P::TenantsCreate,
                P::TenantsUpdate,
                P::UsersRead,
                P::AuditRead,
                P::ActivityRead,
                P::ActivityManage,
                P::BillingRead,
                P::BillingManage,
            ],
            Self::Viewer => &[
                P::TenantsRead,
                P::UsersRead,
                P::AuditRead,
                P::ActivityRead,
                P::BillingRead,
            ],
            Self::Member => &[],
        }
    }

    /// Whether this role grants `needed`. CHANGE implies CREATE and UPDATE, as in the
    /// Cumulocity model ("create, edit and delete").
    pub fn grants(self, needed: Permission) -> bool {
        let held = self.permissions();
        held.contains(&needed)
            || (matches!(
                needed,
                Permission::TenantsCreate | Permission::TenantsUpdate
            ) && held.contains(&Permission::TenantsChange))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_the_documented_permissions() {
        assert!(Role::Admin.grants(Permission::TenantsChange));
        assert!(Role::Manager.grants(Permission::TenantsUpdate));
        assert!(!Role::Manager.grants(Permission::TenantsChange));
        assert!(Role::Viewer.grants(Permission::TenantsRead));
        assert!(!Role::Viewer.grants(Permission::TenantsCreate));
        assert!(!Role::Member.grants(Permission::TenantsRead));
    }

    #[test]
    fn permission_names_are_stable_on_the_wire() {
        let json = serde_json::to_string(&Permission::TenantsChange).unwrap();
        assert_eq!(json, "\"tenants:change\"");
        assert_eq!(Permission::TenantsChange.as_str(), "tenants:change");
    }
}
