//! The plan catalogue on the wire.

use super::common::FieldErrors;
use crate::billing::{BillingCycle, PlanCode, PlanStatus, Prices};
use crate::money::{Currency, parse_amount, parse_unit_price};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A plan's prices as decimal strings, one per cycle it is offered on (at least one).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanPrices {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$", example = "10.00")
    )]
    pub monthly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$")
    )]
    pub quarterly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$", example = "100.00")
    )]
    pub yearly: Option<String>,
}

impl PlanPrices {
    /// Parses each price in `currency`, reporting errors under `prices.<cycle>`; at least one.
    pub fn parse(&self, currency: Currency, errors: &mut FieldErrors) -> Prices {
        let mut one = |cycle: &str, value: &Option<String>| {
            value.as_deref().and_then(|v| {
                errors.check(
                    &format!("prices.{cycle}"),
                    |_| "invalid_amount",
                    parse_amount(v, currency),
                )
            })
        };
        let prices = Prices {
            monthly: one("monthly", &self.monthly),
            quarterly: one("quarterly", &self.quarterly),
            yearly: one("yearly", &self.yearly),
        };
        if self.monthly.is_none() && self.quarterly.is_none() && self.yearly.is_none() {
            errors.push(
                "prices",
                "required",
                "give at least one price: monthly, quarterly or yearly",
            );
        }
        prices
    }

    pub fn format(prices: &Prices, currency: Currency) -> Self {
        let f = |p: Option<i64>| p.map(|m| crate::money::format_amount(m, currency));
        Self {
            monthly: f(prices.monthly),
            quarterly: f(prices.quarterly),
            yearly: f(prices.yearly),
        }
    }
}

/// A plan of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    pub currency: Currency,
    pub prices: PlanPrices,
    pub cycles: Vec<BillingCycle>,
    pub trial_days: Option<u32>,
    /// The price per CPU-day of microservice usage (1000 millicores for a day), in the plan's
    /// currency, exact to a millionth; none: CPU is not billed.
    pub cpu_day_price: Option<String>,
    /// The price per GB-day of microservice usage (1024 MB for a day); none: memory is not
    /// billed.
    pub gb_day_price: Option<String>,
    pub status: PlanStatus,
    /// Current (not canceled) subscriptions on the plan.
    pub subscribers: i64,
    /// The tenant whose catalogue it is in.
    pub owner_tenant_id: i64,
    /// The keys of the features the plan includes.
    pub features: Vec<String>,
    /// The plan's limit per quota key (`-1` is unlimited); quotas it omits take the
    /// catalogue's default.
    pub quotas: BTreeMap<String, i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Add a plan to the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"code": "pro", "name": "Pro", "currency": "USD", "prices": {"monthly": "20.00", "yearly": "200.00"}, "trial_days": 14})))]
pub struct CreatePlanRequest {
    /// Unique in the catalogue and immutable: lowercase letters, digits, `-`, `_`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z0-9][a-z0-9_-]{0,39}$"))]
    pub code: String,
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
    pub currency: Currency,
    pub prices: PlanPrices,
    #[serde(default, deserialize_with = "super::common::integer::narrow_optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 365))]
    pub trial_days: Option<u32>,
    /// The price per CPU-day of microservice usage, billed in arrears by the billing run: a
    /// decimal with up to six places ("0.40", "0.0125").
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,9}(?:\.[0-9]{1,6})?$", example = "0.40")
    )]
    pub cpu_day_price: Option<String>,
    /// The price per GB-day of microservice usage, billed in arrears.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,9}(?:\.[0-9]{1,6})?$", example = "0.10")
    )]
    pub gb_day_price: Option<String>,
    /// Feature keys of the catalogue (`GET /features`) the plan includes.
    #[serde(default)]
    pub features: Vec<String>,
    /// Limits per quota key of the catalogue (`GET /quota-definitions`); `-1` is unlimited.
    #[serde(default, deserialize_with = "super::common::integer::map")]
    pub quotas: BTreeMap<String, i64>,
}

/// A plan's parsed definition.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDefinition {
    pub name: String,
    pub description: Option<String>,
    pub prices: Prices,
    pub trial_days: Option<u32>,
    /// Millionths of the currency's major unit per CPU-day.
    pub cpu_day_price_micros: Option<i64>,
    /// Millionths of the currency's major unit per GB-day.
    pub gb_day_price_micros: Option<i64>,
}

/// A plan's name: 1 to 100 characters as sent (the schema's bounds), not blank, no control
/// character (the document's `NAME` pattern); kept trimmed.
fn check_name(errors: &mut FieldErrors, name: &str) -> String {
    super::common::check_label(errors, "name", "invalid_name", name, 100)
}

fn check_description(errors: &mut FieldErrors, description: Option<&str>) -> Option<String> {
    let sent = description?;
    if sent.chars().count() > 1000 {
        errors.push("description", "too_long", "must be at most 1000 characters");
    }
    Some(sent.trim())
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

fn check_unit_price(errors: &mut FieldErrors, field: &str, price: Option<&str>) -> Option<i64> {
    price.and_then(|p| errors.check(field, |_| "invalid_amount", parse_unit_price(p)))
}

fn check_trial(errors: &mut FieldErrors, trial_days: Option<u32>) -> Option<u32> {
    if trial_days.is_some_and(|d| d > 365) {
        errors.push("trial_days", "out_of_range", "must be from 0 to 365 days");
    }
    trial_days.filter(|d| *d > 0)
}

impl CreatePlanRequest {
    pub fn parse(&self) -> Result<(PlanCode, PlanDefinition), FieldErrors> {
        let mut e = FieldErrors::default();
        let code = e.check("code", |_| "invalid_code", PlanCode::parse(&self.code));
        let name = check_name(&mut e, &self.name);
        let description = check_description(&mut e, self.description.as_deref());
        let prices = self.prices.parse(self.currency, &mut e);
        let trial_days = check_trial(&mut e, self.trial_days);
        let cpu_day_price_micros =
            check_unit_price(&mut e, "cpu_day_price", self.cpu_day_price.as_deref());
        let gb_day_price_micros =
            check_unit_price(&mut e, "gb_day_price", self.gb_day_price.as_deref());
        check_capabilities(&mut e, &self.features, &self.quotas);
        e.into_result()?;
        let code = code.ok_or_else(FieldErrors::default)?;
        Ok((
            code,
            PlanDefinition {
                name,
                description,
                prices,
                trial_days,
                cpu_day_price_micros,
                gb_day_price_micros,
            },
        ))
    }
}

/// Change a plan. The code and currency are fixed. New prices apply to each subscription from
/// its next period on.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePlanRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, max_length = 1000))]
    pub description: Option<Option<String>>,
    /// Replaces every price.
    #[serde(default)]
    pub prices: Option<PlanPrices>,
    /// `null` or 0 removes the trial.
    #[serde(default, deserialize_with = "super::common::integer::narrow_nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>, minimum = 0, maximum = 365))]
    pub trial_days: Option<Option<u32>>,
    /// The price per CPU-day of microservice usage; `null` stops billing CPU.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{1,9}(?:\.[0-9]{1,6})?$"))]
    pub cpu_day_price: Option<Option<String>>,
    /// The price per GB-day of microservice usage; `null` stops billing memory.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{1,9}(?:\.[0-9]{1,6})?$"))]
    pub gb_day_price: Option<Option<String>>,
    /// Replaces the plan's features.
    #[serde(default)]
    pub features: Option<Vec<String>>,
    /// Replaces the plan's quota limits.
    #[serde(default, deserialize_with = "super::common::integer::optional_map")]
    pub quotas: Option<BTreeMap<String, i64>>,
}

impl UpdatePlanRequest {
    /// The plan after this update is applied to `current`.
    pub fn apply(
        &self,
        current: &PlanDefinition,
        currency: Currency,
    ) -> Result<PlanDefinition, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = match &self.name {
            Some(name) => check_name(&mut e, name),
            None => current.name.clone(),
        };
        let description = match &self.description {
            Some(d) => check_description(&mut e, d.as_deref()),
            None => current.description.clone(),
        };
        let prices = match &self.prices {
            Some(p) => p.parse(currency, &mut e),
            None => current.prices,
        };
        let trial_days = match self.trial_days {
            Some(t) => check_trial(&mut e, t),
            None => current.trial_days,
        };
        let cpu_day_price_micros = match &self.cpu_day_price {
            Some(p) => check_unit_price(&mut e, "cpu_day_price", p.as_deref()),
            None => current.cpu_day_price_micros,
        };
        let gb_day_price_micros = match &self.gb_day_price {
            Some(p) => check_unit_price(&mut e, "gb_day_price", p.as_deref()),
            None => current.gb_day_price_micros,
        };
        check_capabilities(
            &mut e,
            self.features.as_deref().unwrap_or_default(),
            self.quotas.as_ref().unwrap_or(&BTreeMap::new()),
        );
        e.into_result()?;
        Ok(PlanDefinition {
            name,
            description,
            prices,
            trial_days,
            cpu_day_price_micros,
            gb_day_price_micros,
        })
    }
}

/// Checks a plan's feature and quota keys' shape and limits (whether they are in the
/// catalogue is the operation's to check): errors under `features[i]` and `quotas.<key>`.
pub fn check_capabilities(
    errors: &mut FieldErrors,
    features: &[String],
    quotas: &BTreeMap<String, i64>,
) {
    for (i, key) in features.iter().enumerate() {
        if crate::capability::CatalogueKey::parse(key).is_err() {
            errors.push(
                &format!("features[{i}]"),
                "unknown_feature",
                "is not a feature key",
            );
        }
    }
    for (key, limit) in quotas {
        super::check_limit(errors, &format!("quotas.{key}"), *limit);
    }
}

/// `cycle` parsed for a plan: refused when the plan has no price for it.
pub fn check_cycle(errors: &mut FieldErrors, prices: &Prices, cycle: BillingCycle) -> Option<i64> {
    let price = prices.get(cycle);
    if price.is_none() {
        errors.push(
            "cycle",
            "cycle_not_offered",
            format!("the plan has no {} price", cycle.as_str()),
        );
    }
    price
}
