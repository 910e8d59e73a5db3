//! Service tokens: long-lived credentials for the operator's own services (the product that
//! asks "may tenant T do this?"), scoped to what those services need, revocable, and kept
//! only as a hash (the token is shown once).

use crate::Permission;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

string_enum!(/// What a service token may do.
    ServiceScope {
        /// Consume and release quota (`POST /tenants/{id}/quotas/{key}/consume`, `/release`).
        QuotasConsume => "quotas:consume",
        /// Read entitlements (`GET /tenants/{id}/entitlements`).
        EntitlementsRead => "entitlements:read",
        /// Report usage events (`POST /usage/events`).
        UsageWrite => "usage:write",
        /// Report a microservice's instances (`PUT /applications/{key}/instances`).
        ApplicationsReport => "applications:report",
    }
);

impl ServiceScope {
    /// The permission the scope stands for in the operations it is accepted on.
    pub fn permission(self) -> Permission {
        match self {
            Self::QuotasConsume => Permission::CapabilitiesManage,
            Self::EntitlementsRead => Permission::CapabilitiesRead,
            Self::UsageWrite => Permission::UsageWrite,
            Self::ApplicationsReport => Permission::ApplicationsReport,
        }
    }
}

/// Every service token starts with this, so the API tells one from a session token at once.
pub const PREFIX: &str = "llst_";

/// The stored form of a token: its SHA-256 in hex.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The stored scope list (`quotas:consume entitlements:read`) read back; unknown names are
/// dropped, so a scope removed from the code grants nothing.
pub fn parse_scopes(stored: &str) -> Vec<ServiceScope> {
    stored.split(' ').filter_map(ServiceScope::parse).collect()
}

pub fn format_scopes(scopes: &[ServiceScope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_through_their_stored_form() {
        let scopes = [ServiceScope::QuotasConsume, ServiceScope::EntitlementsRead];
        assert_eq!(parse_scopes(&format_scopes(&scopes)), scopes);
        assert_eq!(
            parse_scopes("quotas:consume tenants:delete"),
            [ServiceScope::QuotasConsume]
        );
        assert_eq!(hash("llst_x").len(), 64);
        assert_ne!(hash("llst_x"), hash("llst_y"));
    }
}
