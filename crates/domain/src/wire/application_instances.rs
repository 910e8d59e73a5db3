//! A runtime's report of a microservice's instances on the wire, and the stored report.

use super::common::{FieldErrors, check_label};
use super::usage::TenantRef;
use crate::application::{ApplicationStatus, InstanceCounts, MAX_INSTANCES};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One instance of a microservice, as its runtime reports it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InstanceView {
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 200
        )
    )]
    pub name: String,
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000000))]
    pub restarts: i64,
}

/// The runtime's report of a microservice's instances: its current state, replacing the
/// last report.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant": "acme", "active": 2, "unhealthy": 0, "desired": 2, "instances": [{"name": "device-simulator-acme-1", "restarts": 0}, {"name": "device-simulator-acme-2", "restarts": 3}]})))]
pub struct InstancesReport {
    /// The subscribed tenant (id or domain) whose instances these are: required for a
    /// `per_tenant` microservice, refused for a `multi_tenant` one.
    #[serde(default)]
    pub tenant: Option<TenantRef>,
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub active: i64,
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub unhealthy: i64,
    #[serde(deserialize_with = "super::common::integer::required")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub desired: i64,
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub instances: Vec<InstanceView>,
}

/// A checked report.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedReport {
    pub tenant: Option<TenantRef>,
    pub counts: InstanceCounts,
    pub instances: Vec<InstanceView>,
}

impl InstancesReport {
    pub fn parse(&self) -> Result<ParsedReport, FieldErrors> {
        let mut e = FieldErrors::default();
        for (field, value) in [
            ("active", self.active),
            ("unhealthy", self.unhealthy),
            ("desired", self.desired),
        ] {
            if !(0..=MAX_INSTANCES).contains(&value) {
                e.push(
                    field,
                    "out_of_range",
                    format!("must be 0 to {MAX_INSTANCES}"),
                );
            }
        }
        if self.instances.len() as i64 > MAX_INSTANCES {
            e.push(
                "instances",
                "too_many",
                format!("at most {MAX_INSTANCES} instances"),
            );
        }
        let mut instances = Vec::with_capacity(self.instances.len());
        for (i, instance) in self.instances.iter().enumerate() {
            let name = check_label(
                &mut e,
                &format!("instances[{i}].name"),
                "invalid_name",
                &instance.name,
                200,
            );
            if !(0..=1_000_000_000).contains(&instance.restarts) {
                e.push(
                    &format!("instances[{i}].restarts"),
                    "out_of_range",
                    "must be 0 to 1000000000",
                );
            }
            instances.push(InstanceView {
                name,
                restarts: instance.restarts,
            });
        }
        e.into_result()?;
        Ok(ParsedReport {
            tenant: self.tenant.clone(),
            counts: InstanceCounts {
                active: self.active,
                unhealthy: self.unhealthy,
                desired: self.desired,
            },
            instances,
        })
    }
}

/// The last report of a microservice's instances.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstancesView {
    pub application_key: String,
    /// The subscribed tenant a `per_tenant` microservice's instances serve; `null` for a
    /// `multi_tenant` one.
    pub tenant_id: Option<i64>,
    pub active: i64,
    pub unhealthy: i64,
    pub desired: i64,
    pub instances: Vec<InstanceView>,
    /// What the counts amount to.
    pub status: ApplicationStatus,
    pub reported_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn a_report_names_each_bad_instance() {
        let report: InstancesReport = serde_json::from_value(json!({"active": 1001,
            "unhealthy": 0, "desired": 1, "instances": [{"name": "a", "restarts": 0},
            {"name": "", "restarts": 2}]}))
        .unwrap();
        let fields: Vec<String> = report
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["active", "instances[1].name"]);
    }
}
