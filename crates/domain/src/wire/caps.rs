//! Licence and hierarchy caps on the wire: a quota's licence headroom, the body that sets a
//! licence number, and what a `licence_cap_exceeded` or `parent_quota_exceeded` problem names.

use super::FieldErrors;
use serde::{Deserialize, Serialize};

/// A capped quota's licence: its number, what the management tenant's direct subtenants hold
/// of it (the sum of their limits), and what is left to hand out.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceHeadroom {
    pub cap: i64,
    /// The sum of the top-level tenants' limits (override, else plan, else default).
    pub allocated: i64,
    /// `cap - allocated`, never below 0.
    pub available: i64,
}

/// Change a quota definition (management tenant only): its licence number, its alert
/// thresholds, or both; what is not given stays. An empty body is a 422 naming
/// `licence_cap`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
// The document cannot say `minProperties: 1`: utoipa 5.5 writes `min_properties` as
// `maxProperties`; the 422 says it instead.
#[cfg_attr(feature = "openapi", schema(example = json!({"licence_cap": 500})))]
pub struct UpdateQuotaDefinitionRequest {
    /// The system licence's number for this quota, or `null` for none. Refused
    /// (`licence_cap_exceeded`) below what the tenants already hold.
    #[serde(default, deserialize_with = "super::common::integer::narrow_nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0))]
    pub licence_cap: Option<Option<i64>>,
    /// Alert thresholds in percent of the limit, each 1 to 1000, distinct, at most 10; `[]`
    /// for no alerts (not `null`). A threshold already fired this period does not fire again.
    #[serde(default, deserialize_with = "super::common::integer::given_list")]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = std::collections::BTreeSet<super::AlertThreshold>, max_items = 10, example = json!([50, 80, 100]))
    )]
    pub thresholds: Option<Vec<i64>>,
}

/// A checked change of a quota definition: `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaDefinitionChange {
    pub licence_cap: Option<Option<i64>>,
    /// Ascending.
    pub thresholds: Option<Vec<i64>>,
}

impl UpdateQuotaDefinitionRequest {
    pub fn parse(&self) -> Result<QuotaDefinitionChange, FieldErrors> {
        let mut e = FieldErrors::default();
        if self.licence_cap.is_none() && self.thresholds.is_none() {
            e.push(
                "licence_cap",
                "required",
                "give the licence number (or null for none), the thresholds, or both",
            );
        }
        if let Some(Some(cap)) = self.licence_cap
            && cap < 0
        {
            e.push("licence_cap", "out_of_range", "must be at least 0");
        }
        let thresholds = self
            .thresholds
            .as_ref()
            .map(|given| super::capabilities::check_thresholds_field(&mut e, "thresholds", given));
        e.into_result()?;
        Ok(QuotaDefinitionChange {
            licence_cap: self.licence_cap,
            thresholds,
        })
    }
}

/// What a cap refused: the quota, whose limit bounds it (`tenant_id`: the parent tenant;
/// `null` for the licence), the bound, what was handed out before the change, what is left,
/// and what the change would have handed out (`null`: something unlimited).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CapRefusal {
    pub quota: String,
    pub tenant_id: Option<i64>,
    pub cap: i64,
    pub allocated: i64,
    pub available: i64,
    pub requested: Option<i64>,
}
