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

/// Change a quota definition (management tenant only).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"licence_cap": 500})))]
pub struct UpdateQuotaDefinitionRequest {
    /// Required: the system licence's number for this quota, or `null` for none. Refused
    /// (`licence_cap_exceeded`) below what the tenants already hold.
    #[serde(default, deserialize_with = "super::common::integer::narrow_nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 0, required = true))]
    pub licence_cap: Option<Option<i64>>,
}

impl UpdateQuotaDefinitionRequest {
    pub fn parse(&self) -> Result<Option<i64>, FieldErrors> {
        let mut e = FieldErrors::default();
        match self.licence_cap {
            None => e.push(
                "licence_cap",
                "required",
                "give the licence number, or null for none",
            ),
            Some(Some(cap)) if cap < 0 => {
                e.push("licence_cap", "out_of_range", "must be at least 0")
            }
            Some(_) => {}
        }
        e.into_result()?;
        Ok(self.licence_cap.flatten())
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
