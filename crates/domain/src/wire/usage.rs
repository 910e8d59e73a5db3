//! Usage metering on the wire: meters, batches of usage events and their per-event results,
//! and a tenant's daily usage with its summary.

use super::common::{FieldErrors, check_label};
use crate::capability::CatalogueKey;
use crate::usage::{
    Aggregation, DEFAULT_RANGE_DAYS, MAX_BATCH, MAX_RANGE_DAYS, MeterKind, RejectReason,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A meter: what is measured, in which unit, and how events and days combine.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeterView {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub aggregation: Aggregation,
    /// The property a `unique_count` meter counts distinct values of.
    pub property: Option<String>,
    pub kind: MeterKind,
    /// The capability quota the meter is measured against, if any: a `sum` or `count`
    /// counter's accepted events consume its consumable quota; a gauge is compared with
    /// its allocation quota (the chart's limit line).
    pub quota: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Define a meter.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"key": "active_agents", "name": "Active agents", "unit": "agents", "aggregation": "unique_count", "property": "agent_id", "kind": "gauge"})))]
pub struct CreateMeterRequest {
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
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 40
        )
    )]
    pub unit: String,
    pub aggregation: Aggregation,
    /// Required for `unique_count` (the property whose distinct values are counted), and
    /// only there.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_.-]{1,64}$"))]
    pub property: Option<String>,
    pub kind: MeterKind,
    /// A quota of the catalogue: consumable for a `sum` or `count` counter (each accepted
    /// event consumes it), allocation for a gauge (compared, not consumed).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z][a-z0-9_]{0,63}$"))]
    pub quota: Option<String>,
}

/// A parsed meter definition.
#[derive(Debug, Clone, PartialEq)]
pub struct MeterDefinition {
    pub key: CatalogueKey,
    pub name: String,
    pub unit: String,
    pub aggregation: Aggregation,
    pub property: Option<String>,
    pub kind: MeterKind,
    /// Checked against the catalogue by the caller, which knows the quota's kind.
    pub quota: Option<CatalogueKey>,
}

fn property_ok(p: &str) -> bool {
    (1..=64).contains(&p.len())
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

impl CreateMeterRequest {
    pub fn parse(&self) -> Result<MeterDefinition, FieldErrors> {
        let mut e = FieldErrors::default();
        let key = e.check("key", |_| "invalid_key", CatalogueKey::parse(&self.key));
        let name = check_label(&mut e, "name", "invalid_name", &self.name, 100);
        let unit = check_label(&mut e, "unit", "invalid_unit", &self.unit, 40);
        match (&self.property, self.aggregation) {
            (None, Aggregation::UniqueCount) => e.push(
                "property",
                "required",
                "a unique_count meter names the property it counts",
            ),
            (Some(_), a) if a != Aggregation::UniqueCount => e.push(
                "property",
                "not_allowed",
                "only a unique_count meter has a property",
            ),
            (Some(p), _) if !property_ok(p) => e.push(
                "property",
                "invalid_property",
                "must be 1 to 64 letters, digits, _, . or -",
            ),
            _ => {}
        }
        let quota = match &self.quota {
            Some(q) => e.check("quota", |_| "invalid_key", CatalogueKey::parse(q)),
            None => None,
        };
        e.into_result()?;
        Ok(MeterDefinition {
            key: key.ok_or_else(FieldErrors::default)?,
            name,
            unit,
            aggregation: self.aggregation,
            property: self.property.clone(),
            kind: self.kind,
            quota,
        })
    }
}

/// A tenant named by id or by domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum TenantRef {
    Id(i64),
    Domain(String),
}

/// One usage event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UsageEvent {
    /// The idempotency key: an event with an id seen in the last 35 days is a `duplicate`
    /// and not counted again. 1 to 200 characters; another length makes the event
    /// `rejected` (`invalid_id`), not the batch, so the document states no bounds.
    pub id: String,
    /// The tenant's id or domain.
    pub tenant: TenantRef,
    /// The meter's key.
    pub meter: String,
    /// Required by `sum`, `max` and `latest` meters; ignored by `count`.
    #[serde(default)]
    pub value: Option<f64>,
    /// When it happened (RFC 3339): at most 35 days ago and 5 minutes ahead of the server's
    /// clock. Checked per event like every field here: a malformed one makes that event
    /// `rejected` (`invalid_event`), not the batch, so the document states no format.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub timestamp: DateTime<Utc>,
    /// Free-form; a `unique_count` meter reads its property from here.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub properties: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Report a batch of usage events.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"events": [{"id": "evt-0001", "tenant": "acme", "meter": "api_requests", "value": 1, "timestamp": "2026-12-02T10:00:00Z"}]})))]
pub struct UsageEventsRequest {
    /// Up to 1,000 events. Each is checked on its own: a malformed event is `rejected`
    /// and the others still count.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<UsageEvent>, max_items = 1000))]
    pub events: Vec<serde_json::Value>,
}

impl UsageEventsRequest {
    /// The events, each parsed or refused on its own; more than 1,000 refuses the batch.
    pub fn parse(self) -> Result<Vec<Result<UsageEvent, EventResult>>, FieldErrors> {
        if self.events.len() > MAX_BATCH {
            let mut e = FieldErrors::default();
            e.push(
                "events",
                "too_many",
                format!("a batch holds at most {MAX_BATCH} events"),
            );
            return Err(e);
        }
        Ok(self
            .events
            .into_iter()
            .map(|raw| {
                let id = raw
                    .get("id")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned();
                serde_json::from_value::<UsageEvent>(raw)
                    .map_err(|_| EventResult::rejected(id, RejectReason::InvalidEvent))
            })
            .collect())
    }
}

string_enum!(/// What became of one event.
    EventStatus {
        /// Counted.
        Accepted => "accepted",
        /// Its id was seen already: not counted again.
        Duplicate => "duplicate",
        /// Refused; `reason` says why.
        Rejected => "rejected",
    }
);

/// One event's outcome, in the order sent.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventResult {
    pub id: String,
    pub status: EventStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RejectReason>,
}

impl EventResult {
    pub fn rejected(id: String, reason: RejectReason) -> Self {
        Self {
            id,
            status: EventStatus::Rejected,
            reason: Some(reason),
        }
    }
}

/// The outcome of a batch.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageEventsResponse {
    pub results: Vec<EventResult>,
}

/// One day of a tenant's usage (in its time zone): each meter's value, and gauges' peaks.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageDay {
    pub date: NaiveDate,
    pub values: BTreeMap<String, f64>,
    pub peaks: BTreeMap<String, f64>,
}

/// A range's figures: counters summed, gauges the last day's value, peaks the highest.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageSummary {
    pub values: BTreeMap<String, f64>,
    pub peaks: BTreeMap<String, f64>,
}

/// A tenant's usage over a range of days, every day of the range listed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantUsage {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<UsageDay>,
    pub summary: UsageSummary,
}

/// The days a usage question covers, from the query's optional `from` and `to`: `to`
/// defaults to `today` (or to `from`, if that is later) and `from` to
/// [`DEFAULT_RANGE_DAYS`] days ending at `to`; `from` must be on or before `to`, and the
/// range at most [`MAX_RANGE_DAYS`] days long. `today` is the asker's: a tenant's own day in
/// its time zone, or the UTC day for the all-tenants table.
pub fn usage_range(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), FieldErrors> {
    let to = to.unwrap_or_else(|| from.map_or(today, |f| f.max(today)));
    let from = from.unwrap_or(to - Duration::days(DEFAULT_RANGE_DAYS - 1));
    let mut e = FieldErrors::default();
    if from > to {
        e.push("to", "before_from", "must be on or after from");
    } else if (to - from).num_days() + 1 > MAX_RANGE_DAYS {
        e.push(
            "from",
            "range_too_long",
            format!("the range holds at most {MAX_RANGE_DAYS} days"),
        );
    }
    e.into_result()?;
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn meter(aggregation: &str, property: Option<&str>) -> CreateMeterRequest {
        serde_json::from_value(json!({"key": "m", "name": "M", "unit": "u",
            "aggregation": aggregation, "property": property, "kind": "counter"}))
        .unwrap()
    }

    #[test]
    fn a_unique_count_meter_and_only_it_names_a_property() {
        let fields = |r: Result<MeterDefinition, FieldErrors>| {
            r.err()
                .map(|e| e.0.into_iter().map(|f| f.field).collect::<Vec<_>>())
        };
        assert_eq!(
            fields(meter("unique_count", None).parse()),
            Some(vec!["property".into()])
        );
        assert_eq!(
            fields(meter("sum", Some("agent")).parse()),
            Some(vec!["property".into()])
        );
        assert!(meter("unique_count", Some("agent_id")).parse().is_ok());
        assert!(meter("sum", None).parse().is_ok());
    }

    #[test]
    fn a_malformed_event_is_refused_alone_and_a_big_batch_whole() {
        let request: UsageEventsRequest = serde_json::from_value(json!({"events": [
            {"id": "a", "tenant": 2, "meter": "m", "timestamp": "2026-01-01T00:00:00Z"},
            {"id": "b", "tenant": "acme", "meter": "m", "timestamp": "yesterday"},
        ]}))
        .unwrap();
        let parsed = request.parse().unwrap();
        assert!(parsed[0].is_ok());
        assert_eq!(
            parsed[1].clone().err().and_then(|r| r.reason),
            Some(RejectReason::InvalidEvent)
        );
        let big = UsageEventsRequest {
            events: vec![json!({}); MAX_BATCH + 1],
        };
        assert_eq!(
            big.parse().err().map(|e| e.0[0].field.clone()),
            Some("events".into())
        );
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_usage_range_defaults_to_the_days_ending_today() {
        let today = day("2026-12-04");
        let (from, to) = usage_range(None, None, today).unwrap();
        assert_eq!(to, today);
        assert_eq!((to - from).num_days() + 1, DEFAULT_RANGE_DAYS);
        // A `from` alone runs to today, or to itself when it is later.
        assert_eq!(
            usage_range(Some(day("2026-12-01")), None, today).unwrap(),
            (day("2026-12-01"), today)
        );
        let later = day("2026-12-10");
        assert_eq!(
            usage_range(Some(later), None, today).unwrap(),
            (later, later)
        );
        // A `to` alone ends the default range.
        let (from, _) = usage_range(None, Some(day("2026-06-30")), today).unwrap();
        assert_eq!(
            from,
            day("2026-06-30") - Duration::days(DEFAULT_RANGE_DAYS - 1)
        );
    }

    #[test]
    fn a_usage_range_is_ordered_and_bounded() {
        let today = day("2026-12-04");
        let e = usage_range(Some(day("2026-12-03")), Some(day("2026-12-02")), today).unwrap_err();
        assert_eq!(e.0[0].field, "to");
        let to = day("2026-12-31");
        let longest = to - Duration::days(MAX_RANGE_DAYS - 1);
        assert!(usage_range(Some(longest), Some(to), today).is_ok());
        let e = usage_range(Some(longest - Duration::days(1)), Some(to), today).unwrap_err();
        assert_eq!(e.0[0].field, "from");
    }
}
