//! Where a tenant's options and retention rules differ from its policy's.

use super::RetentionDataType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_enum!(/// How one option or rule of a tenant compares with its policy.
    DriftStatus {
        /// As the policy says.
        Same => "same",
        /// Present on both, with another value (or lock, or maximum age).
        Changed => "changed",
        /// In the policy, not on the tenant.
        Missing => "missing",
        /// On the tenant, not in the policy.
        Added => "added",
    }
);

/// An option as compared: `value` in clear (decrypted for a credential), so two encryptions
/// of one value compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionEntry {
    pub category: String,
    pub key: String,
    pub value: String,
    pub encrypted: bool,
    pub locked: bool,
}

/// One option's comparison. Values of credentials are never shown (`None`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionDrift {
    pub category: String,
    pub key: String,
    pub status: DriftStatus,
    /// A credential: neither value is shown.
    pub encrypted: bool,
    pub policy_value: Option<String>,
    pub tenant_value: Option<String>,
    pub policy_locked: Option<bool>,
    pub tenant_locked: Option<bool>,
}

/// One retention rule's comparison; a rule is known by its data type and filter.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleDrift {
    pub data_type: RetentionDataType,
    pub filter: Option<String>,
    pub status: DriftStatus,
    pub policy_max_age_days: Option<i64>,
    pub tenant_max_age_days: Option<i64>,
}

/// The policy's and the tenant's side of one option.
type OptionPair<'a> = (Option<&'a OptionEntry>, Option<&'a OptionEntry>);

/// A rule's data type with the policy's and the tenant's maximum age.
type RulePair = (RetentionDataType, Option<i64>, Option<i64>);

fn shown(entry: Option<&OptionEntry>) -> Option<String> {
    entry.filter(|e| !e.encrypted).map(|e| e.value.clone())
}

/// Every option of the policy or the tenant, by category and key, with how they compare.
pub fn option_drift(policy: &[OptionEntry], tenant: &[OptionEntry]) -> Vec<OptionDrift> {
    let mut keys: BTreeMap<(&str, &str), OptionPair> = BTreeMap::new();
    for p in policy {
        keys.entry((&p.category, &p.key)).or_default().0 = Some(p);
    }
    for t in tenant {
        keys.entry((&t.category, &t.key)).or_default().1 = Some(t);
    }
    keys.into_iter()
        .map(|((category, key), (p, t))| {
            let status = match (p, t) {
                (Some(p), Some(t)) if p.value == t.value && p.locked == t.locked => {
                    DriftStatus::Same
                }
                (Some(_), Some(_)) => DriftStatus::Changed,
                (Some(_), None) => DriftStatus::Missing,
                _ => DriftStatus::Added,
            };
            OptionDrift {
                category: category.to_owned(),
                key: key.to_owned(),
                status,
                encrypted: p.or(t).is_some_and(|e| e.encrypted),
                policy_value: shown(p),
                tenant_value: shown(t),
                policy_locked: p.map(|e| e.locked),
                tenant_locked: t.map(|e| e.locked),
            }
        })
        .collect()
}

/// A rule as compared: (data type, filter, maximum age in days).
pub type RuleEntry = (RetentionDataType, Option<String>, i64);

/// Every rule of the policy or the tenant, by data type and filter, with how they compare.
pub fn rule_drift(policy: &[RuleEntry], tenant: &[RuleEntry]) -> Vec<RuleDrift> {
    let mut keys: BTreeMap<(&str, Option<&str>), RulePair> = BTreeMap::new();
    for (t, f, days) in policy {
        keys.entry((t.as_str(), f.as_deref()))
            .or_insert((*t, None, None))
            .1 = Some(*days);
    }
    for (t, f, days) in tenant {
        keys.entry((t.as_str(), f.as_deref()))
            .or_insert((*t, None, None))
            .2 = Some(*days);
    }
    keys.into_iter()
        .map(|((_, filter), (data_type, p, t))| RuleDrift {
            data_type,
            filter: filter.map(str::to_owned),
            status: match (p, t) {
                (Some(p), Some(t)) if p == t => DriftStatus::Same,
                (Some(_), Some(_)) => DriftStatus::Changed,
                (Some(_), None) => DriftStatus::Missing,
                _ => DriftStatus::Added,
            },
            policy_max_age_days: p,
            tenant_max_age_days: t,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn entry(key: &str, value: &str, encrypted: bool, locked: bool) -> OptionEntry {
        OptionEntry {
            category: "c".into(),
            key: key.into(),
            value: value.into(),
            encrypted,
            locked,
        }
    }

    #[test]
    fn options_compare_by_value_and_lock_and_hide_credentials() {
        let policy = [
            entry("a", "1", false, false),
            entry("b", "2", false, true),
            entry("credentials.k", "s", true, false),
            entry("d", "4", false, false),
        ];
        let tenant = [
            entry("a", "1", false, false),
            entry("b", "2", false, false),
            entry("credentials.k", "t", true, false),
            entry("e", "5", false, false),
        ];
        let drift = option_drift(&policy, &tenant);
        let statuses: Vec<_> = drift.iter().map(|d| (d.key.as_str(), d.status)).collect();
        assert_eq!(
            statuses,
            [
                ("a", DriftStatus::Same),
                ("b", DriftStatus::Changed),
                ("credentials.k", DriftStatus::Changed),
                ("d", DriftStatus::Missing),
                ("e", DriftStatus::Added),
            ]
        );
        let secret = drift.iter().find(|d| d.key == "credentials.k").unwrap();
        assert!(secret.encrypted && secret.policy_value.is_none() && secret.tenant_value.is_none());
    }

    #[test]
    fn rules_compare_by_type_and_filter() {
        use RetentionDataType as T;
        let policy = [(T::Audit, None, 30), (T::UsageEvents, Some("m".into()), 10)];
        let tenant = [(T::Audit, None, 60), (T::All, None, 365)];
        let drift = rule_drift(&policy, &tenant);
        let statuses: Vec<_> = drift.iter().map(|d| (d.data_type, d.status)).collect();
        assert_eq!(
            statuses,
            [
                (T::All, DriftStatus::Added),
                (T::Audit, DriftStatus::Changed),
                (T::UsageEvents, DriftStatus::Missing),
            ]
        );
    }
}
