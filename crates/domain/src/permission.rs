//! Roles and the permissions they grant.
//!
//! Tenant management follows the four levels operators know from Cumulocity:
//! READ browses, CREATE creates, UPDATE edits, suspends and activates, CHANGE creates,
//! edits and deletes. Permissions are named `area:verb` so later areas (plans, quotas,
//! usage) extend the list without renaming anything.

use serde::{Deserialize, Serialize};

string_enum!(
    #[derive(PartialOrd, Ord)]
    Permission {
        TenantsRead => "tenants:read",
        TenantsCreate => "tenants:create",
        TenantsUpdate => "tenants:update",
        TenantsChange => "tenants:change",
        UsersRead => "users:read",
        UsersManage => "users:manage",
        AuditRead => "audit:read",
        /// Customers' orders, invoices and support tickets.
        ActivityRead => "activity:read",
        ActivityManage => "activity:manage",
        /// Plans, subscriptions, billing invoices' payments, billing runs and dunning.
        BillingRead => "billing:read",
        BillingManage => "billing:manage",
        /// The feature and quota catalogues, tenants' entitlements and usage.
        CapabilitiesRead => "capabilities:read",
        /// Changing catalogues, overrides and usage (consume, release).
        CapabilitiesManage => "capabilities:manage",
        /// Tenants' usage statistics and the meter list.
        UsageRead => "usage:read",
        /// Reporting usage events.
        UsageWrite => "usage:write",
        /// Signing in to a customer's tenant as a support user (a management tenant's users
        /// only, and only while the customer grants it).
        SupportSignIn => "support:sign_in",
        /// Reporting a microservice's instances (its owner's administrators and service
        /// tokens with the `applications:report` scope).
        ApplicationsReport => "applications:report",
    }
);

string_enum!(/// A user's role within their tenant.
    #[derive(Default)]
    Role {
        /// Everything, including deleting tenants and managing users. Every tenant's first
        /// administrator has this role.
        Admin => "admin",
        /// Runs tenants day to day: browse, create, edit, suspend, activate; no deletion.
        Manager => "manager",
        /// Read-only access to tenants, users and the audit log.
        Viewer => "viewer",
        /// A customer's ordinary user: signs in, manages nothing.
        #[default]
        Member => "member",
    }
);

impl Role {
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
                P::CapabilitiesRead,
                P::CapabilitiesManage,
                P::UsageRead,
                P::UsageWrite,
                P::SupportSignIn,
                P::ApplicationsReport,
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
                P::CapabilitiesRead,
                P::CapabilitiesManage,
                P::UsageRead,
                P::UsageWrite,
                P::SupportSignIn,
            ],
            Self::Viewer => &[
                P::TenantsRead,
                P::UsersRead,
                P::AuditRead,
                P::ActivityRead,
                P::BillingRead,
                P::CapabilitiesRead,
                P::UsageRead,
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
