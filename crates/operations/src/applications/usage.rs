//! Microservice resource usage (seed 003's "Microservice billing"): what each microservice
//! used for a tenant within windows of time (its days, or a billing period), from the
//! subscription ranges and instance segments of `persistence::application_history`,
//! assigned by `resources_charged_to` with its cause. Read on demand per day
//! (`GET /tenants/{id}/microservice-usage`), rolled up into the built-in meters
//! `microservice_cpu` and `microservice_memory` of `usage_daily` by [`refresh`] (each day
//! recomputed replaces its rows), and priced on the billing run's invoices
//! (`billing::run`).

use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::visible;
use chrono::{Duration, NaiveDate};
use landlord_domain::Permission;
use landlord_domain::application::usage::{
    ResourceSeconds, Segment, TenantDay, Window, instance_seconds, tenant_days,
};
use landlord_domain::application::{
    ApplicationType, BillingMode, Isolation, ResourcePayer, UsageCause, resources_charged_to,
};
use landlord_domain::usage::{day_in, zone};
use landlord_domain::wire::{MicroserviceUsage, MicroserviceUsageRow, usage_range};
use landlord_persistence::application_history::{self as history, PeriodRow, SegmentRow};
use landlord_persistence::applications::{self as store, ALL_TENANTS, ApplicationRow};
use landlord_persistence::usage::daily::{self, DailyRow, Merge};
use landlord_persistence::{AnyConnection, Database, Timestamp, tenants};
use std::collections::{BTreeMap, BTreeSet};

/// The built-in meters microservice usage is rolled up into (`COMPUTED_METERS`).
pub const CPU_METER: &str = landlord_domain::usage::COMPUTED_METERS[0];
pub const MEMORY_METER: &str = landlord_domain::usage::COMPUTED_METERS[1];

/// A microservice whose resources count for a tenant.
#[derive(Debug, Clone)]
pub(crate) struct Charge {
    pub application: ApplicationRow,
    pub cause: UsageCause,
    /// The resources in each window asked for, in order.
    pub per_window: Vec<ResourceSeconds>,
}

struct Microservice {
    row: ApplicationRow,
    mode: BillingMode,
    isolation: Isolation,
    cpu: i64,
    memory: i64,
}

fn microservice(row: ApplicationRow) -> Option<Microservice> {
    if ApplicationType::parse(&row.application_type) != Some(ApplicationType::Microservice) {
        return None;
    }
    let mode = BillingMode::parse(row.billing_mode.as_deref()?)?;
    let isolation = Isolation::parse(row.isolation.as_deref()?)?;
    Some(Microservice {
        mode,
        isolation,
        cpu: row.cpu_millicores?,
        memory: row.memory_mb?,
        row,
    })
}

fn ranges<'a>(periods: impl Iterator<Item = &'a PeriodRow>, now: Timestamp) -> Vec<Window> {
    periods
        .map(|p| Window::until(p.subscribed_at, p.unsubscribed_at, now))
        .collect()
}

fn segments<'a>(rows: impl Iterator<Item = &'a SegmentRow>, now: Timestamp) -> Vec<Segment> {
    rows.map(|s| Segment {
        window: Window::until(s.started_at, s.ended_at, now),
        active: s.active,
    })
    .collect()
}

/// The microservices whose resources count for `tenant` within `windows` (by seed 003's
/// table: as the subscriber of a per-tenant microservice billed by resources, and as the
/// owner of every other), with the resources in each window, up to `now`.
pub(crate) fn charges(
    conn: &mut AnyConnection,
    tenant: i64,
    windows: &[Window],
    now: Timestamp,
) -> OpResult<Vec<Charge>> {
    let (Some(from), Some(to)) = (
        windows.iter().map(|w| w.start).min(),
        windows.iter().map(|w| w.end).max(),
    ) else {
        return Ok(Vec::new());
    };
    let own = history::periods_of_tenant(conn, tenant, from, to)?;
    let mut keys: BTreeSet<String> = own.iter().map(|p| p.application_key.clone()).collect();
    let mut apps: Vec<ApplicationRow> = store::owned_by(conn, &[tenant])?;
    apps.retain(|a| !keys.contains(&a.key));
    for key in std::mem::take(&mut keys) {
        apps.extend(store::find(conn, &key)?);
    }
    let mut out = Vec::new();
    for app in apps.into_iter().filter_map(microservice) {
        let payer = resources_charged_to(app.mode, app.isolation);
        let owner = app.row.owner_tenant_id == tenant;
        let keys = std::slice::from_ref(&app.row.key);
        // (the subscription ranges, the instance segments) counted for the tenant.
        let mut parts: Vec<(Vec<Window>, Vec<Segment>)> = Vec::new();
        match (payer, app.isolation) {
            (ResourcePayer::Subscriber, _) => {
                let mine = tenant.to_string();
                let subscribed =
                    ranges(own.iter().filter(|p| p.application_key == app.row.key), now);
                if subscribed.is_empty() {
                    continue;
                }
                let rows = history::segments_of(conn, keys, from, to)?;
                parts.push((
                    subscribed,
                    segments(rows.iter().filter(|s| s.scope_key == mine), now),
                ));
            }
            (ResourcePayer::Owner, _) if !owner => continue,
            (ResourcePayer::Owner, Isolation::MultiTenant) => {
                let all = history::periods_of_applications(conn, keys, from, to)?;
                let rows = history::segments_of(conn, keys, from, to)?;
                parts.push((
                    ranges(all.iter(), now),
                    segments(rows.iter().filter(|s| s.scope_key == ALL_TENANTS), now),
                ));
            }
            (ResourcePayer::Owner, Isolation::PerTenant) => {
                let all = history::periods_of_applications(conn, keys, from, to)?;
                let rows = history::segments_of(conn, keys, from, to)?;
                let subscribers: BTreeSet<i64> = all.iter().map(|p| p.tenant_id).collect();
                for subscriber in subscribers {
                    let scope = subscriber.to_string();
                    parts.push((
                        ranges(all.iter().filter(|p| p.tenant_id == subscriber), now),
                        segments(rows.iter().filter(|s| s.scope_key == scope), now),
                    ));
                }
            }
        }
        let per_window: Vec<ResourceSeconds> = windows
            .iter()
            .map(|window| {
                let seconds = parts
                    .iter()
                    .map(|(subscribed, segments)| instance_seconds(subscribed, segments, *window))
                    .fold(0_i64, i64::saturating_add);
                ResourceSeconds::at_limits(app.cpu, app.memory, seconds)
            })
            .collect();
        if per_window.iter().all(|r| r.is_zero()) {
            continue;
        }
        out.push(Charge {
            cause: payer.cause(),
            application: app.row,
            per_window,
        });
    }
    out.sort_by(|a, b| a.application.key.cmp(&b.application.key));
    Ok(out)
}

fn days_of(zone_name: Option<&str>, from: NaiveDate, to: NaiveDate) -> Vec<TenantDay> {
    tenant_days(zone(zone_name), from, to)
}

/// `GET /tenants/{id}/microservice-usage`: the tenant's microservice usage per day (its time
/// zone's days) from `from` to `to`, by default the last 30 days, counted up to now.
pub fn tenant_usage(
    db: &Database,
    ctx: &Context,
    tenant_id: i64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> OpResult<MicroserviceUsage> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsageRead)?;
    db.read(|conn| {
        let tenant = visible(conn, caller, tenant_id)?;
        let today = day_in(zone(tenant.time_zone.as_deref()), ctx.now.and_utc());
        let (from, to) = usage_range(from, to, today)?;
        let days = days_of(tenant.time_zone.as_deref(), from, to);
        let windows: Vec<Window> = days.iter().map(|d| d.window).collect();
        let charges = charges(conn, tenant.id, &windows, ctx.now)?;
        let mut rows = Vec::new();
        for (i, day) in days.iter().enumerate() {
            for charge in &charges {
                let used = charge.per_window[i];
                if used.is_zero() {
                    continue;
                }
                rows.push(MicroserviceUsageRow {
                    date: day.date,
                    application: charge.application.key.clone(),
                    cpu_millicores: used.millicore_days(),
                    memory_mb: used.mb_days(),
                    cause: charge.cause,
                });
            }
        }
        Ok(MicroserviceUsage {
            tenant_id: tenant.id,
            from,
            to,
            rows,
        })
    })
}

/// Recomputes every tenant's microservice usage of its last `days` days up to `now` (today
/// included, in its own zone) into `usage_daily`'s `microservice_cpu` and
/// `microservice_memory` rows: a recomputed day replaces its figure, so running it again
/// never counts anything twice. One transaction per tenant; answers the tenants refreshed.
/// Run by the usage worker every minute and by each billing run.
pub fn refresh(db: &Database, now: Timestamp, days: i64) -> OpResult<usize> {
    let days = days.max(1);
    // A day in any zone starts within 14 hours of UTC midnight.
    let since = now - Duration::days(days) - Duration::hours(14);
    let tenants =
        db.read(|conn| Ok::<_, OpError>(history::tenants_with_usage(conn, since, now)?))?;
    refresh_tenants(db, &tenants, now, days)?;
    Ok(tenants.len())
}

/// [`refresh`] for the given tenants only (the demo seed's, whose history it backdates).
pub fn refresh_tenants(db: &Database, tenants: &[i64], now: Timestamp, days: i64) -> OpResult<()> {
    let days = days.max(1);
    for &tenant in tenants {
        db.write(|tx| refresh_tenant(tx, tenant, now, days))?;
    }
    Ok(())
}

fn refresh_tenant(tx: &mut AnyConnection, tenant: i64, now: Timestamp, days: i64) -> OpResult<()> {
    let Some(row) = tenants::find(tx, landlord_domain::TenantId(tenant))? else {
        return Ok(());
    };
    let today = day_in(zone(row.time_zone.as_deref()), now.and_utc());
    let list = days_of(
        row.time_zone.as_deref(),
        today - Duration::days(days - 1),
        today,
    );
    let windows: Vec<Window> = list.iter().map(|d| d.window).collect();
    let charges = charges(tx, tenant, &windows, now)?;
    let mut totals: BTreeMap<NaiveDate, ResourceSeconds> = BTreeMap::new();
    for (i, day) in list.iter().enumerate() {
        let total = charges.iter().fold(ResourceSeconds::default(), |sum, c| {
            sum.plus(c.per_window[i])
        });
        totals.insert(day.date, total);
    }
    for (day, total) in totals {
        for (meter, value) in [
            (CPU_METER, total.millicore_days()),
            (MEMORY_METER, total.mb_days()),
        ] {
            daily::merge(
                tx,
                &DailyRow {
                    tenant_id: tenant,
                    meter_key: meter.to_owned(),
                    day,
                    value,
                    peak: None,
                    last_at: now,
                },
                Merge::Replace,
                false,
            )?;
        }
    }
    Ok(())
}
