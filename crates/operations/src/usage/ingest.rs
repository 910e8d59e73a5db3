//! Ingesting a batch of usage events: each event is checked on its own (a bad one never
//! drops the good ones beside it), new ones are stored in one multi-row insert that tells
//! duplicates apart by id, and the batch's figures are merged into the daily rollups, one
//! upsert per tenant, meter and day, all in one transaction, with the quotas fed meters
//! consume (`quota_feed`). Events are neither audited nor published (there are too many).

use super::Meter;
use super::quota_feed::Fed;
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use chrono::NaiveDate;
use landlord_domain::usage::{
    Aggregation, DayFigure, MAX_ID_CHARS, MeterKind, RejectReason, Tz, check_timestamp, day_in,
    zone,
};
use landlord_domain::wire::{EventResult, EventStatus, TenantRef, UsageEvent};
use landlord_domain::{Permission, TenantId};
use landlord_persistence::usage::daily::{self, DailyRow, Merge};
use landlord_persistence::usage::events::{self, DistinctRow, NewEventRow};
use landlord_persistence::usage::meters;
use landlord_persistence::{AnyConnection, Database, Timestamp, tenants};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A checked event, ready to store.
struct Checked {
    slot: usize,
    tenant: i64,
    meter: String,
    day: NaiveDate,
    value: f64,
    at: Timestamp,
    distinct: Option<String>,
}

type GroupKey = (i64, String, NaiveDate);

/// Stores a batch's events and answers each one's outcome in the order sent.
pub fn ingest(
    db: &Database,
    ctx: &Context,
    batch: Vec<Result<UsageEvent, EventResult>>,
) -> OpResult<Vec<EventResult>> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsageWrite)?;
    ctx.transaction(db, |tx| {
        let meters: HashMap<String, Meter> = meters(tx)?
            .iter()
            .map(|row| Ok((row.key.clone(), Meter::of(row)?)))
            .collect::<OpResult<_>>()?;
        let mut zones = Tenants::default();
        let mut results: Vec<EventResult> = Vec::with_capacity(batch.len());
        let mut checked = Vec::with_capacity(batch.len());
        let mut rows = Vec::with_capacity(batch.len());
        let mut in_batch = HashSet::with_capacity(batch.len());
        for (slot, event) in batch.into_iter().enumerate() {
            let event = match event {
                Ok(event) => event,
                Err(refused) => {
                    results.push(refused);
                    continue;
                }
            };
            let id = event.id.clone();
            let tenant = zones.resolve(tx, caller, &event.tenant)?;
            match check(ctx, &meters, tenant, &event) {
                Err(reason) => results.push(EventResult::rejected(id, reason)),
                Ok(_) if !in_batch.insert(id.clone()) => {
                    results.push(outcome(id, EventStatus::Duplicate))
                }
                Ok((tenant, meter, day, distinct)) => {
                    let at = event.timestamp.naive_utc();
                    rows.push(NewEventRow {
                        id: id.clone(),
                        tenant_id: tenant,
                        meter_key: event.meter.clone(),
                        value: event.value,
                        occurred_at: at,
                        properties: event
                            .properties
                            .as_ref()
                            .map(serde_json::to_string)
                            .transpose()
                            .map_err(|e| OpError::Internal(e.to_string()))?,
                        received_at: ctx.now,
                    });
                    checked.push(Checked {
                        slot,
                        tenant,
                        meter: event.meter,
                        day,
                        value: if meter.aggregation == Aggregation::UniqueCount {
                            0.0
                        } else {
                            event.value.unwrap_or(0.0)
                        },
                        at,
                        distinct,
                    });
                    // Settled below, once the insert says whether the id is new.
                    results.push(outcome(id, EventStatus::Accepted));
                }
            }
        }
        let added = events::insert_new(tx, &mut rows)?;
        let mut figures: BTreeMap<GroupKey, DayFigure> = BTreeMap::new();
        let mut distinct = Vec::new();
        let mut fed = Fed::default();
        for c in checked {
            if !added.contains(&results[c.slot].id) {
                results[c.slot].status = EventStatus::Duplicate;
                continue;
            }
            let meter = &meters[&c.meter];
            fed.note(meter, c.tenant, &c.meter, c.value, c.at);
            let figure = DayFigure::of_event(meter.aggregation, meter.kind, c.value, c.at);
            let key = (c.tenant, c.meter, c.day);
            if let Some(value) = c.distinct {
                distinct.push(DistinctRow {
                    tenant_id: key.0,
                    meter_key: key.1.clone(),
                    day: key.2,
                    value,
                });
            }
            merge_into(&mut figures, key, figure, meter.aggregation);
        }
        for new in events::insert_distinct(tx, &mut distinct)? {
            if let Some(f) = figures.get_mut(&(new.tenant_id, new.meter_key, new.day)) {
                f.value += 1.0;
            }
        }
        for ((tenant, meter_key, day), figure) in figures {
            let meter = &meters[&meter_key];
            let how = match meter.aggregation {
                Aggregation::Max => Merge::Max,
                Aggregation::Latest => Merge::Latest,
                _ => Merge::Add,
            };
            let gauge = meter.kind == MeterKind::Gauge;
            let peak = match meter.aggregation {
                Aggregation::UniqueCount if gauge => Some(figure.value),
                _ => figure.peak,
            };
            let row = DailyRow {
                tenant_id: tenant,
                meter_key,
                day,
                value: figure.value,
                peak,
                last_at: figure.last_at,
            };
            daily::merge(tx, &row, how, gauge)?;
        }
        fed.consume(tx, ctx, &meters)?;
        Ok(results)
    })
}

fn outcome(id: String, status: EventStatus) -> EventResult {
    EventResult {
        id,
        status,
        reason: None,
    }
}

fn merge_into(
    figures: &mut BTreeMap<GroupKey, DayFigure>,
    key: GroupKey,
    figure: DayFigure,
    aggregation: Aggregation,
) {
    figures
        .entry(key)
        .and_modify(|f| *f = f.merge(aggregation, figure))
        .or_insert(figure);
}

/// The tenants a batch names, looked up once each: id and time zone, or `None` when the
/// caller may not see it.
#[derive(Default)]
struct Tenants(HashMap<TenantRef, Option<(i64, Tz)>>);

impl Tenants {
    fn resolve(
        &mut self,
        conn: &mut AnyConnection,
        caller: &Caller,
        tenant: &TenantRef,
    ) -> OpResult<Option<(i64, Tz)>> {
        if let Some(found) = self.0.get(tenant) {
            return Ok(*found);
        }
        let id = match tenant {
            TenantRef::Id(id) => Some(*id),
            TenantRef::Domain(domain) => tenants::find_by_domain(conn, domain)?.map(|t| t.id),
        };
        let found = match id {
            Some(id) => tenants::find_within(conn, &caller.tenant_path, TenantId(id))?
                .map(|t| (t.id, zone(t.time_zone.as_deref()))),
            None => None,
        };
        self.0.insert(tenant.clone(), found);
        Ok(found)
    }
}

/// The event's tenant, meter, day in the tenant's zone and, for unique_count, the property
/// value it carries; or why it is refused.
fn check<'m>(
    ctx: &Context,
    meters: &'m HashMap<String, Meter>,
    tenant: Option<(i64, Tz)>,
    event: &UsageEvent,
) -> Result<(i64, &'m Meter, NaiveDate, Option<String>), RejectReason> {
    if event.id.is_empty() || event.id.chars().count() > MAX_ID_CHARS {
        return Err(RejectReason::InvalidId);
    }
    check_timestamp(event.timestamp, ctx.now.and_utc())?;
    let meter = meters.get(&event.meter).ok_or(RejectReason::UnknownMeter)?;
    if landlord_domain::usage::COMPUTED_METERS.contains(&event.meter.as_str()) {
        return Err(RejectReason::ComputedMeter);
    }
    let (tenant, tz) = tenant.ok_or(RejectReason::UnknownTenant)?;
    match event.value {
        None if meter.aggregation.needs_value() => return Err(RejectReason::MissingValue),
        Some(v) if !v.is_finite() => return Err(RejectReason::InvalidValue),
        _ => {}
    }
    let distinct = match (&meter.property, meter.aggregation) {
        (Some(property), Aggregation::UniqueCount) => {
            let value = event
                .properties
                .as_ref()
                .and_then(|p| p.get(property))
                .filter(|v| !v.is_null())
                .ok_or(RejectReason::MissingProperty)?;
            Some(match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        }
        _ => None,
    };
    Ok((tenant, meter, day_in(tz, event.timestamp), distinct))
}
