//! Capabilities on the wire: the feature and quota catalogues, tenants' overrides, their
//! entitlements, and consuming and releasing quota.

use super::common::{FieldErrors, check_label};
use crate::capability::{CatalogueKey, LimitSource, MAX_AMOUNT, QuotaKind, UNLIMITED};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A feature of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeatureView {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Add a feature to the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"key": "live_chat", "name": "Live chat", "group": "channels"})))]
pub struct CreateFeatureRequest {
    /// Unique and immutable: a lowercase letter, then lowercase letters, digits or `_`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z][a-z0-9_]{0,63}$"))]
    pub key: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub group: Option<String>,
}

/// A catalogue entry's parsed name, description and group.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueEntry {
    pub key: CatalogueKey,
    pub name: String,
    pub description: Option<String>,
    pub group: Option<String>,
}

fn check_entry(
    e: &mut FieldErrors,
    key: &str,
    name: &str,
    description: Option<&str>,
    group: Option<&str>,
) -> Option<CatalogueEntry> {
    let key = e.check("key", |_| "invalid_key", CatalogueKey::parse(key));
    let name = check_label(e, "name", "invalid_name", name, 100);
    let text = |e: &mut FieldErrors, field: &str, value: Option<&str>, max: usize| {
        let sent = value?;
        if sent.chars().count() > max {
            e.push(
                field,
                "too_long",
                format!("must be at most {max} characters"),
            );
        }
        Some(sent.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let description = text(e, "description", description, 1000);
    let group = text(e, "group", group, 100);
    Some(CatalogueEntry {
        key: key?,
        name: name.to_owned(),
        description,
        group,
    })
}

impl CreateFeatureRequest {
    pub fn parse(&self) -> Result<CatalogueEntry, FieldErrors> {
        let mut e = FieldErrors::default();
        let entry = check_entry(
            &mut e,
            &self.key,
            &self.name,
            self.description.as_deref(),
            self.group.as_deref(),
        );
        e.into_result()?;
        entry.ok_or_else(FieldErrors::default)
    }
}

/// A quota of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaDefinitionView {
    pub key: String,
    pub name: String,
    /// What the limit counts (`agents`, `bytes`, `triggers`).
    pub unit: String,
    pub kind: QuotaKind,
    /// The limit of a tenant whose plan and override say nothing; `-1` is unlimited.
    pub default_limit: i64,
    /// A hard limit refuses consumption past it; a soft one lets it through and records the
    /// overage.
    pub hard: bool,
    /// The system licence's number for this quota, if it has one.
    pub licence_cap: Option<i64>,
    /// For a capped quota: the licence number, what the tenants hold and what is left.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub licence: Option<super::LicenceHeadroom>,
    /// Where the admin app shows it: `basic`, `advanced`, `add_on`, `devices`, ...
    pub group: Option<String>,
    /// The alert thresholds in percent of a tenant's limit, ascending: each fires once per
    /// period as usage reaches it (100 and above: `quota.exceeded`, below:
    /// `quota.threshold_reached`). Empty: no alerts.
    pub thresholds: Vec<i64>,
    pub created_at: DateTime<Utc>,
}

/// Add a quota to the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"key": "api_calls", "name": "API calls", "unit": "calls", "kind": "consumable", "default_limit": 10000, "hard": true})))]
pub struct CreateQuotaDefinitionRequest {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z][a-z0-9_]{0,63}$"))]
    pub key: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 40
        )
    )]
    pub unit: String,
    pub kind: QuotaKind,
    /// `-1` is unlimited.
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(feature = "openapi", schema(minimum = -1))]
    pub default_limit: i64,
    pub hard: bool,
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub licence_cap: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub group: Option<String>,
    /// Alert thresholds in percent of the limit, each 1 to 1000, distinct, at most 10;
    /// `[80, 100]` when absent, `[]` for no alerts.
    #[serde(default, deserialize_with = "super::common::integer::optional_list")]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<std::collections::BTreeSet<AlertThreshold>>, max_items = 10, example = json!([80, 100]))
    )]
    pub thresholds: Option<Vec<i64>>,
}

/// The document's shape of one alert threshold: a percentage of a tenant's limit. The
/// fields themselves are plain integers, checked by [`check_thresholds_field`].
#[cfg(feature = "openapi")]
pub struct AlertThreshold;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for AlertThreshold {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(Some(1))
            .maximum(Some(crate::capability::MAX_THRESHOLD))
            .description(Some("A percentage of a tenant's limit."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for AlertThreshold {}

/// A parsed quota definition.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaDefinition {
    pub entry: CatalogueEntry,
    pub unit: String,
    pub kind: QuotaKind,
    pub default_limit: i64,
    pub hard: bool,
    pub licence_cap: Option<i64>,
    /// Ascending.
    pub thresholds: Vec<i64>,
}

/// Checks a quota's thresholds (`field`), ascending once checked.
pub fn check_thresholds_field(e: &mut FieldErrors, field: &str, given: &[i64]) -> Vec<i64> {
    match crate::capability::check_thresholds(given) {
        Ok(thresholds) => thresholds,
        Err(why) => {
            e.push(field, "invalid_thresholds", why.to_string());
            Vec::new()
        }
    }
}

/// Checks a limit: `-1` (unlimited) or a count.
pub fn check_limit(e: &mut FieldErrors, field: &str, limit: i64) {
    if limit < UNLIMITED {
        e.push(
            field,
            "out_of_range",
            "must be -1 (unlimited) or at least 0",
        );
    }
}

impl CreateQuotaDefinitionRequest {
    pub fn parse(&self) -> Result<QuotaDefinition, FieldErrors> {
        let mut e = FieldErrors::default();
        let entry = check_entry(&mut e, &self.key, &self.name, None, self.group.as_deref());
        let unit = check_label(&mut e, "unit", "invalid_unit", &self.unit, 40);
        check_limit(&mut e, "default_limit", self.default_limit);
        if self.licence_cap.is_some_and(|c| c < 0) {
            e.push("licence_cap", "out_of_range", "must be at least 0");
        }
        let thresholds = match &self.thresholds {
            Some(given) => check_thresholds_field(&mut e, "thresholds", given),
            None => crate::capability::DEFAULT_THRESHOLDS.to_vec(),
        };
        e.into_result()?;
        Ok(QuotaDefinition {
            entry: entry.ok_or_else(FieldErrors::default)?,
            unit: unit.to_owned(),
            kind: self.kind,
            default_limit: self.default_limit,
            hard: self.hard,
            licence_cap: self.licence_cap,
            thresholds,
        })
    }
}

/// Turn a feature on or off for a tenant regardless of its plan; `null` removes the override.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetFeatureRequest {
    /// Required; `null` removes the override, so the plan decides again.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<bool>, required = true))]
    pub enabled: Option<Option<bool>>,
}

impl SetFeatureRequest {
    pub fn parse(&self) -> Result<Option<bool>, FieldErrors> {
        self.enabled.ok_or_else(|| {
            FieldErrors(vec![super::FieldError::new(
                "enabled",
                "required",
                "give true, false, or null to remove the override",
            )])
        })
    }
}

/// Set a tenant's own limit for a quota regardless of its plan; `null` removes the override.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetQuotaRequest {
    /// Required; `-1` is unlimited, `null` removes the override.
    #[serde(
        rename = "override",
        default,
        deserialize_with = "super::common::integer::narrow_nullable"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = -1, required = true))]
    pub override_limit: Option<Option<i64>>,
}

impl SetQuotaRequest {
    pub fn parse(&self) -> Result<Option<i64>, FieldErrors> {
        let mut e = FieldErrors::default();
        match self.override_limit {
            None => e.push(
                "override",
                "required",
                "give a limit (-1 for unlimited), or null to remove the override",
            ),
            Some(Some(limit)) => check_limit(&mut e, "override", limit),
            Some(None) => {}
        }
        e.into_result()?;
        Ok(self.override_limit.flatten())
    }
}

/// A tenant's feature: whether it is on and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeatureEntitlement {
    pub enabled: bool,
    pub source: LimitSource,
}

/// A tenant's quota: its limit and why, and the usage of the current period.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaEntitlement {
    /// `-1` is unlimited. Includes the active top-ups.
    pub limit: i64,
    pub used: i64,
    /// `null` when unlimited; 0 when usage is at or above the limit.
    pub remaining: Option<i64>,
    pub source: LimitSource,
    pub hard: bool,
    /// The top-ups that count now, in the order usage draws on them (after the plan
    /// amount); `limit` includes them.
    pub top_ups: Vec<super::TopUpView>,
    /// For a capped quota: the licence number, what the tenants hold and what is left.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub licence: Option<super::LicenceHeadroom>,
    /// For a tenant with subtenants, of an allocation or concurrent quota: its own usage
    /// plus its whole subtree's, which its limit bounds when hard.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subtree_used: Option<i64>,
}

/// Everything a tenant may do, in one answer: each feature of the catalogue and each quota.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entitlements {
    pub features: BTreeMap<String, FeatureEntitlement>,
    pub quotas: BTreeMap<String, QuotaEntitlement>,
}

/// Take an amount of a quota.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsumeRequest {
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 1, maximum = 1_000_000_000_000_000_i64)
    )]
    pub amount: i64,
    /// Makes a retry safe: a consume with a key already used for this tenant and quota
    /// answers the first one's outcome and takes nothing more. A refused consume keeps no key.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 255))]
    pub idempotency_key: Option<String>,
}

impl ConsumeRequest {
    /// The amount and the idempotency key, checked; every bad field is listed.
    pub fn parse(&self) -> Result<(i64, Option<String>), FieldErrors> {
        let mut e = FieldErrors::default();
        if let Err(errors) = check_amount(self.amount) {
            e.0.extend(errors.0);
        }
        let key = self.idempotency_key.as_deref();
        if key.is_some_and(|k| k.is_empty() || k.chars().count() > 255) {
            e.push(
                "idempotency_key",
                "invalid_key",
                "must be 1 to 255 characters",
            );
        }
        e.into_result()?;
        Ok((self.amount, key.map(str::to_owned)))
    }
}

/// Give back an amount of a quota (usage never goes below 0).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReleaseRequest {
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 1, maximum = 1_000_000_000_000_000_i64)
    )]
    pub amount: i64,
}

/// Checks an amount to consume or release.
pub fn check_amount(amount: i64) -> Result<i64, FieldErrors> {
    if (1..=MAX_AMOUNT).contains(&amount) {
        Ok(amount)
    } else {
        Err(FieldErrors(vec![super::FieldError::new(
            "amount",
            "out_of_range",
            format!("must be from 1 to {MAX_AMOUNT}"),
        )]))
    }
}

/// A quota's usage after a consume or release.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaUsage {
    pub used: i64,
    /// `-1` is unlimited.
    pub limit: i64,
    /// `null` when unlimited.
    pub remaining: Option<i64>,
    /// Usage above a soft limit (a hard limit never has any from consumption).
    pub overage: i64,
}

/// What a `quota_exceeded` problem names: the quota, its limit, the usage and the amount
/// that was refused.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaRefusal {
    pub quota: String,
    pub limit: i64,
    pub used: i64,
    pub requested: i64,
}
