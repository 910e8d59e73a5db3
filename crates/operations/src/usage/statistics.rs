//! A tenant's usage over a range of days in its own time zone, read from the daily rollups:
//! every day of the range, and a summary (counters summed, gauges the last day's value,
//! peaks the highest).

use super::Meter;
use crate::context::Context;
use crate::error::OpResult;
use crate::scope::visible;
use chrono::NaiveDate;
use landlord_domain::Permission;
use landlord_domain::usage::{MeterKind, day_in, summarise, zone};
use landlord_domain::wire::{TenantUsage, UsageDay, UsageSummary, usage_range};
use landlord_persistence::Database;
use landlord_persistence::usage::{daily, meters};
use std::collections::{BTreeMap, HashMap};

/// `tenant_id`'s usage from `from` to `to` (inclusive); by default the last 30 days up to
/// today in the tenant's zone.
pub fn tenant_usage(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> OpResult<TenantUsage> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsageRead)?;
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let today = day_in(zone(tenant.time_zone.as_deref()), ctx.now.and_utc());
        let (from, to) = usage_range(from, to, today)?;
        let kinds: HashMap<String, MeterKind> = meters(conn)?
            .iter()
            .map(|row| Ok((row.key.clone(), Meter::of(row)?.kind)))
            .collect::<OpResult<_>>()?;
        let rows = daily::of_tenant(conn, tenant.id, from, to)?;
        let mut by_day: BTreeMap<NaiveDate, UsageDay> = from
            .iter_days()
            .take_while(|d| *d <= to)
            .map(|date| {
                (
                    date,
                    UsageDay {
                        date,
                        values: BTreeMap::new(),
                        peaks: BTreeMap::new(),
                    },
                )
            })
            .collect();
        let mut series: BTreeMap<String, Vec<(f64, Option<f64>)>> = BTreeMap::new();
        for row in rows {
            if let Some(day) = by_day.get_mut(&row.day) {
                day.values.insert(row.meter_key.clone(), row.value);
                if let Some(peak) = row.peak {
                    day.peaks.insert(row.meter_key.clone(), peak);
                }
            }
            series
                .entry(row.meter_key)
                .or_default()
                .push((row.value, row.peak));
        }
        let mut summary = UsageSummary::default();
        for (meter, days) in series {
            let kind = kinds.get(&meter).copied().unwrap_or(MeterKind::Counter);
            if let Some(s) = summarise(kind, &days) {
                summary.values.insert(meter.clone(), s.value);
                if let Some(peak) = s.peak {
                    summary.peaks.insert(meter, peak);
                }
            }
        }
        Ok(TenantUsage {
            from,
            to,
            days: by_day.into_values().collect(),
            summary,
        })
    })
}
