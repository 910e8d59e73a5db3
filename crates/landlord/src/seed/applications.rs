//! Demo applications: a small catalogue of the management tenant (two default web
//! applications, a paid web application, a per-tenant microservice billed by resources and a
//! multi-tenant one billed by subscription), every seeded customer subscribed to the
//! defaults and some to the microservices, and instance reports so the Applications tab
//! shows up, unhealthy and down microservices on `make run`, with the subscription and
//! instance history microservice usage is counted from (since each customer's creation).

use chrono::NaiveDateTime;
use landlord_persistence::application_history::{NewPeriodRow, NewSegmentRow};
use landlord_persistence::applications::{
    self as store, ALL_TENANTS, ApplicationRow, InstancesRow, SubscriptionRow,
};
use landlord_persistence::bulk::SeedTenantRow;
use landlord_persistence::{AnyConnection, StoreError};

/// `(key, name, microservice: (billing mode, isolation, cpu, memory), price in cents, default)`.
type Demo = (
    &'static str,
    &'static str,
    Option<(&'static str, &'static str, i64, i64)>,
    Option<i64>,
    bool,
);

const CATALOGUE: [Demo; 5] = [
    ("administration", "Administration", None, None, true),
    ("cockpit", "Cockpit", None, None, true),
    ("reporting", "Reporting", None, Some(990), false),
    (
        "device-simulator",
        "Device simulator",
        Some(("resources", "per_tenant", 500, 512)),
        None,
        false,
    ),
    (
        "analytics",
        "Streaming analytics",
        Some(("subscription", "multi_tenant", 2000, 2048)),
        Some(4900),
        false,
    ),
];

/// Adds the demo catalogue to the management tenant's, skipping keys already taken (a
/// second seed keeps the first one's).
pub fn catalogue(
    conn: &mut AnyConnection,
    management: i64,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    for (key, name, ms, price, default) in CATALOGUE {
        if store::find(conn, key)?.is_some() {
            continue;
        }
        store::insert(
            conn,
            &ApplicationRow {
                key: key.to_owned(),
                name: name.to_owned(),
                application_type: if ms.is_some() { "microservice" } else { "web" }.to_owned(),
                owner_tenant_id: management,
                billing_mode: ms.map(|m| m.0.to_owned()),
                isolation: ms.map(|m| m.1.to_owned()),
                cpu_millicores: ms.map(|m| m.2),
                memory_mb: ms.map(|m| m.3),
                price_minor: price,
                price_currency: price.map(|_| "EUR".to_owned()),
                is_default: default,
                created_at: now,
            },
        )?;
    }
    // The multi-tenant microservice runs one set of instances for every subscriber.
    if store::instances(conn, "analytics", ALL_TENANTS)?.is_none() {
        landlord_persistence::bulk::insert_application_instances(
            conn,
            &[report(
                "analytics",
                None,
                (2, 0, 2),
                &["analytics-0", "analytics-1"],
                now,
            )],
        )?;
        // Running for the demo's 90 days, for whoever subscribed.
        landlord_persistence::bulk::insert_instance_segments(
            conn,
            &[NewSegmentRow {
                application_key: "analytics".to_owned(),
                scope_key: ALL_TENANTS.to_owned(),
                tenant_id: None,
                active: 2,
                started_at: now - chrono::Duration::days(90),
                ended_at: None,
            }],
        )?;
    }
    Ok(())
}

fn report(
    key: &str,
    tenant: Option<i64>,
    (active, unhealthy, desired): (i64, i64, i64),
    names: &[&str],
    now: NaiveDateTime,
) -> InstancesRow {
    let instances: Vec<serde_json::Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| serde_json::json!({ "name": n, "restarts": (i as i64) * unhealthy }))
        .collect();
    InstancesRow {
        application_key: key.to_owned(),
        scope_key: tenant.map_or_else(|| ALL_TENANTS.to_owned(), |t| t.to_string()),
        tenant_id: tenant,
        active,
        unhealthy,
        desired,
        instances: serde_json::Value::Array(instances).to_string(),
        reported_at: now,
    }
}

/// A batch of seeded customers' subscriptions and the simulator's reports: everyone has the
/// default applications, every third customer the per-tenant simulator (mostly up, some
/// unhealthy, a few down), every fourth the analytics.
pub fn subscribe(
    conn: &mut AnyConnection,
    tenants: &[SeedTenantRow],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let mut subscriptions = Vec::with_capacity(tenants.len() * 3);
    let mut reports = Vec::new();
    for tenant in tenants {
        let mut add = |key: &str| {
            subscriptions.push(SubscriptionRow {
                tenant_id: tenant.id,
                application_key: key.to_owned(),
                subscribed_at: tenant.created_at,
            });
        };
        add("administration");
        add("cockpit");
        if tenant.id % 3 == 0 {
            add("device-simulator");
            let name = format!("device-simulator-{}", tenant.domain);
            let counts = match tenant.id % 7 {
                0 => (1, 1, 2),
                1 => (0, 1, 1),
                _ => (1, 0, 1),
            };
            let names = [format!("{name}-0"), format!("{name}-1")];
            let listed = (counts.0 + counts.1) as usize;
            let names: Vec<&str> = names.iter().take(listed).map(String::as_str).collect();
            reports.push(report(
                "device-simulator",
                Some(tenant.id),
                counts,
                &names,
                now,
            ));
        }
        if tenant.id % 4 == 0 {
            add("analytics");
        }
    }
    landlord_persistence::bulk::insert_application_subscriptions(conn, &subscriptions)?;
    landlord_persistence::bulk::insert_application_instances(conn, &reports)?;
    history(conn, &subscriptions, &reports, tenants)
}

/// The history microservice usage is counted from: each subscription open since it began,
/// and each per-tenant report's count since the tenant subscribed (its creation), so the
/// demo's microservice usage has figures for every day since.
fn history(
    conn: &mut AnyConnection,
    subscriptions: &[SubscriptionRow],
    reports: &[InstancesRow],
    tenants: &[SeedTenantRow],
) -> Result<(), StoreError> {
    let periods: Vec<NewPeriodRow> = subscriptions
        .iter()
        .map(|s| NewPeriodRow {
            tenant_id: s.tenant_id,
            application_key: s.application_key.clone(),
            subscribed_at: s.subscribed_at,
            unsubscribed_at: None,
        })
        .collect();
    let since = |tenant: Option<i64>, fallback: NaiveDateTime| {
        tenants
            .iter()
            .find(|t| Some(t.id) == tenant)
            .map_or(fallback, |t| t.created_at)
    };
    let segments: Vec<NewSegmentRow> = reports
        .iter()
        .map(|r| NewSegmentRow {
            application_key: r.application_key.clone(),
            scope_key: r.scope_key.clone(),
            tenant_id: r.tenant_id,
            active: r.active,
            started_at: since(r.tenant_id, r.reported_at),
            ended_at: None,
        })
        .collect();
    landlord_persistence::bulk::insert_subscription_periods(conn, &periods)?;
    landlord_persistence::bulk::insert_instance_segments(conn, &segments)
}
