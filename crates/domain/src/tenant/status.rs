use serde::{Deserialize, Serialize};

string_enum!(/// A tenant's lifecycle state.
    ///
    /// ```text
    /// provisioning ──▶ active ◀──▶ suspended
    ///                    ▲ │           │
    ///                    │ ▼           ▼
    ///                   inactive ◀─────┘
    /// ```
    /// Only `active` tenants (whose ancestors are all active too) may be accessed.
    TenantStatus {
        /// Being set up; becomes active once provisioning finishes.
        Provisioning => "provisioning",
        /// In use; its users can sign in.
        Active => "active",
        /// Temporarily blocked by its parent, e.g. for non-payment; data is kept.
        Suspended => "suspended",
        /// Dormant (e.g. a churned customer); data is kept and access is blocked.
        Inactive => "inactive",
    }
);

string_enum!(/// Why a tenant is suspended: by a person, or by dunning (paying reactivates it).
    StatusReason { Operator => "operator", Dunning => "dunning" }
);

/// The operations that change a tenant's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    FinishProvisioning,
    Activate,
    Suspend,
    Deactivate,
    /// An external provisioning step failed for good.
    FailProvisioning,
    /// "Run provisioning again" on a tenant whose provisioning failed.
    RetryProvisioning,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a tenant that is {from} cannot be {verb}")]
pub struct TransitionError {
    pub from: &'static str,
    pub verb: &'static str,
}

impl TenantStatus {
    /// Whether users of a tenant in this state may use it.
    pub fn allows_access(self) -> bool {
        self == Self::Active
    }

    /// The state after `change`, or why the change is not allowed from here.
    pub fn apply(self, change: StatusChange) -> Result<Self, TransitionError> {
        use StatusChange as C;
        use TenantStatus as S;
        let next = match (self, change) {
            (S::Provisioning, C::FinishProvisioning) => Some(S::Active),
            (S::Suspended | S::Inactive, C::Activate) => Some(S::Active),
            (S::Active, C::Suspend) => Some(S::Suspended),
            (S::Active | S::Suspended, C::Deactivate) => Some(S::Inactive),
            (S::Provisioning, C::FailProvisioning) => Some(S::Inactive),
            (S::Inactive, C::RetryProvisioning) => Some(S::Provisioning),
            _ => None,
        };
        next.ok_or(TransitionError {
            from: self.as_str(),
            verb: change.past_participle(),
        })
    }
}

impl StatusChange {
    fn past_participle(self) -> &'static str {
        match self {
            Self::FinishProvisioning => "provisioned",
            Self::Activate => "activated",
            Self::Suspend => "suspended",
            Self::Deactivate => "deactivated",
            Self::FailProvisioning => "failed in provisioning",
            Self::RetryProvisioning => "provisioned again",
        }
    }
}

impl std::fmt::Display for TenantStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::StatusChange as C;
    use super::TenantStatus as S;

    #[test]
    fn the_lifecycle_allows_exactly_the_documented_transitions() {
        let allowed = [
            (S::Provisioning, C::FinishProvisioning, S::Active),
            (S::Active, C::Suspend, S::Suspended),
            (S::Suspended, C::Activate, S::Active),
            (S::Active, C::Deactivate, S::Inactive),
            (S::Suspended, C::Deactivate, S::Inactive),
            (S::Inactive, C::Activate, S::Active),
            (S::Provisioning, C::FailProvisioning, S::Inactive),
            (S::Inactive, C::RetryProvisioning, S::Provisioning),
        ];
        for from in S::ALL {
            for change in [
                C::FinishProvisioning,
                C::Activate,
                C::Suspend,
                C::Deactivate,
                C::FailProvisioning,
                C::RetryProvisioning,
            ] {
                let expected = allowed
                    .iter()
                    .find(|(f, c, _)| *f == from && *c == change)
                    .map(|t| t.2);
                assert_eq!(from.apply(change).ok(), expected, "{from:?} {change:?}");
            }
        }
    }

    #[test]
    fn only_active_tenants_allow_access() {
        assert!(S::Active.allows_access());
        assert!(!S::Suspended.allows_access());
        assert!(!S::Inactive.allows_access());
        assert!(!S::Provisioning.allows_access());
    }

    #[test]
    fn a_refused_transition_explains_itself() {
        let err = S::Suspended.apply(C::Suspend).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a tenant that is suspended cannot be suspended"
        );
    }
}
