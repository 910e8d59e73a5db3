//! Tenant options, retention rules and tenant policies on the wire (issue 15, seed 003).

use super::common::{FieldErrors, check_label};
use crate::policy::{
    self, MAX_AGE_DAYS, MAX_VALUE_CHARS, OptionDrift, RetentionDataType, RuleDrift,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Set one option of a tenant (`PUT /tenants/{id}/options/{category}/{key}`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"value": "true", "locked": true})))]
pub struct PutOptionRequest {
    /// Up to 10,000 characters. A `credentials.` key's value is stored encrypted.
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub value: String,
    /// Lock the option against the tenant's own changes (management tenant only); absent
    /// keeps the current lock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
}

impl PutOptionRequest {
    pub fn parse(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        check_value(&mut e, "value", &self.value);
        e.into_result()
    }
}

fn check_value(e: &mut FieldErrors, field: &str, value: &str) {
    if value.chars().count() > MAX_VALUE_CHARS {
        e.push(field, "too_long", "must be at most 10000 characters");
    }
}

/// Checks a category and key (from the path or a policy's option) under `field`.
pub fn check_option_name(e: &mut FieldErrors, field: &str, value: &str) {
    if let Err(message) = policy::parse_name(value) {
        e.push(field, "invalid_name", message);
    }
}

/// One option of a tenant. A credential's value is never shown: `value: null,
/// encrypted: true`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantOptionView {
    pub category: String,
    pub key: String,
    pub value: Option<String>,
    pub encrypted: bool,
    /// Locked by the management tenant: the tenant's own changes answer 403 `option_locked`.
    pub locked: bool,
    pub updated_at: DateTime<Utc>,
}

/// A retention rule: entries of `data_type` (matching `filter`, if given) older than
/// `max_age_days` are deleted by the daily purge.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    pub data_type: RetentionDataType,
    /// `audit`: an action prefix (`auth.`); `usage_events`: a meter key; `notifications`: a
    /// kind. Not allowed with `*`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub filter: Option<String>,
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 36500))]
    pub max_age_days: i64,
}

/// Checks `rules` (each under `field[i]`), returning them with blank filters dropped.
pub fn check_rules(
    e: &mut FieldErrors,
    field: &str,
    rules: &[RetentionRule],
) -> Vec<RetentionRule> {
    let mut out: Vec<RetentionRule> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let at = format!("{field}[{i}]");
        let filter = rule
            .filter
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned);
        if let Some(f) = &filter {
            if rule.data_type == RetentionDataType::All {
                e.push(
                    &format!("{at}.filter"),
                    "not_allowed",
                    "a `*` rule takes no filter",
                );
            } else if f.chars().count() > 200 || f.chars().any(char::is_control) {
                e.push(
                    &format!("{at}.filter"),
                    "invalid_filter",
                    "must be at most 200 characters, without control characters",
                );
            }
        }
        if !(1..=MAX_AGE_DAYS).contains(&rule.max_age_days) {
            e.push(
                &format!("{at}.max_age_days"),
                "out_of_range",
                format!("must be 1 to {MAX_AGE_DAYS}"),
            );
        }
        if out
            .iter()
            .any(|o| o.data_type == rule.data_type && o.filter == filter)
        {
            e.push(
                &at,
                "duplicate",
                "another rule has this data_type and filter",
            );
        }
        out.push(RetentionRule {
            data_type: rule.data_type,
            filter,
            max_age_days: rule.max_age_days,
        });
    }
    out
}

/// Replace a tenant's retention rules (`PUT /tenants/{id}/retention-rules`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RetentionRulesRequest {
    pub retention_rules: Vec<RetentionRule>,
}

impl RetentionRulesRequest {
    pub fn parse(&self) -> Result<Vec<RetentionRule>, FieldErrors> {
        let mut e = FieldErrors::default();
        let rules = check_rules(&mut e, "retention_rules", &self.retention_rules);
        e.into_result()?;
        Ok(rules)
    }
}

/// A tenant's retention rules.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionRulesView {
    pub retention_rules: Vec<RetentionRule>,
}

/// One option of a policy, as given.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyOptionInput {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$"))]
    pub category: String,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z0-9][a-z0-9_.-]{0,99}$"))]
    pub key: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub value: String,
    #[serde(default)]
    pub locked: bool,
}

/// Create or replace a tenant policy: a name, a description, options and at least one
/// retention rule.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Standard", "description": "Our usual subtenant",
    "options": [{"category": "access.control", "key": "allow_origin", "value": "*", "locked": true}],
    "retention_rules": [{"data_type": "audit", "max_age_days": 90}]
})))]
pub struct TenantPolicyRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: String,
    #[serde(default)]
    pub options: Vec<PolicyOptionInput>,
    /// At least one.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub retention_rules: Vec<RetentionRule>,
}

/// A policy request after checking.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyInput {
    pub name: String,
    pub description: String,
    pub options: Vec<PolicyOptionInput>,
    pub retention_rules: Vec<RetentionRule>,
}

impl TenantPolicyRequest {
    /// Every offending field at once.
    pub fn parse(&self) -> Result<PolicyInput, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = check_label(&mut e, "name", "invalid_name", &self.name, 100);
        if self.description.chars().count() > 1000 {
            e.push("description", "too_long", "must be at most 1000 characters");
        }
        let mut options: Vec<PolicyOptionInput> = Vec::new();
        for (i, o) in self.options.iter().enumerate() {
            check_option_name(&mut e, &format!("options[{i}].category"), &o.category);
            check_option_name(&mut e, &format!("options[{i}].key"), &o.key);
            check_value(&mut e, &format!("options[{i}].value"), &o.value);
            if options
                .iter()
                .any(|p| p.category == o.category && p.key == o.key)
            {
                e.push(
                    &format!("options[{i}]"),
                    "duplicate",
                    "another option has this category and key",
                );
            }
            options.push(o.clone());
        }
        if self.retention_rules.is_empty() {
            e.push(
                "retention_rules",
                "required",
                "give at least one retention rule",
            );
        }
        let retention_rules = check_rules(&mut e, "retention_rules", &self.retention_rules);
        e.into_result()?;
        Ok(PolicyInput {
            name,
            description: self.description.trim().to_owned(),
            options,
            retention_rules,
        })
    }
}

/// One option of a policy as answered (a credential's value is never shown).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyOptionView {
    pub category: String,
    pub key: String,
    pub value: Option<String>,
    pub encrypted: bool,
    pub locked: bool,
}

/// A policy in a list: name, description and how many options and rules it has.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantPolicySummary {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub options_count: i64,
    pub retention_rules_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A policy with its options and rules.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantPolicyView {
    #[serde(flatten)]
    pub summary: TenantPolicySummary,
    pub options: Vec<PolicyOptionView>,
    pub retention_rules: Vec<RetentionRule>,
    /// Tenants that stay linked to it (its edits apply to them).
    pub linked_tenants: i64,
}

/// A tenant's policy (`GET /tenants/{id}/policy`): which one it was created with, whether
/// it stays linked, and per option and rule where the tenant now differs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantPolicyState {
    /// `null` when the tenant has no policy (never had one, or it was deleted).
    pub policy: Option<TenantPolicySummary>,
    pub linked: bool,
    pub applied_at: Option<DateTime<Utc>>,
    /// Every option and rule is `same`.
    pub in_sync: bool,
    pub options: Vec<OptionDrift>,
    pub retention_rules: Vec<RuleDrift>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_policy_needs_a_rule_and_reports_each_bad_field() {
        let request = TenantPolicyRequest {
            name: " ".into(),
            options: vec![
                PolicyOptionInput {
                    category: "Bad".into(),
                    key: "k".into(),
                    value: "v".into(),
                    locked: false,
                },
                PolicyOptionInput {
                    category: "Bad".into(),
                    key: "k".into(),
                    value: "v".into(),
                    locked: false,
                },
            ],
            ..Default::default()
        };
        let fields: Vec<_> = request
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "name",
                "options[0].category",
                "options[1].category",
                "options[1]",
                "retention_rules"
            ]
        );
    }

    #[test]
    fn rules_are_checked_one_by_one() {
        let mut e = FieldErrors::default();
        let rules = [
            RetentionRule {
                data_type: RetentionDataType::All,
                filter: Some("x".into()),
                max_age_days: 0,
            },
            RetentionRule {
                data_type: RetentionDataType::Audit,
                filter: Some("  ".into()),
                max_age_days: 5,
            },
            RetentionRule {
                data_type: RetentionDataType::Audit,
                filter: None,
                max_age_days: 6,
            },
        ];
        let out = check_rules(&mut e, "r", &rules);
        let fields: Vec<_> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["r[0].filter", "r[0].max_age_days", "r[2]"]);
        assert_eq!(out[1].filter, None);
    }
}

#[cfg(test)]
mod integer_tests {
    #[test]
    fn a_whole_number_written_with_a_fraction_is_an_integer() {
        let rule: super::RetentionRule =
            serde_json::from_str(r#"{"data_type": "audit", "max_age_days": 686.0}"#).unwrap();
        assert_eq!(rule.max_age_days, 686);
    }
}
