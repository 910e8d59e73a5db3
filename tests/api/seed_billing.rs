//! `landlord seed` gives the demo customers billing as the billing run would have written it:
//! plans, subscriptions, every period's invoice with its line and gapless number, payments,
//! dunning, and the counters that go with them. So a billing run as of the seed's now finds
//! nothing to do, and one a month later bills each active monthly subscription once.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use landlord_operations::Context;
use landlord_operations::billing::run::{Trigger, run};
use landlord_operations::billing::subscriptions::period_key;
use landlord_persistence::schema::{invoice_lines, invoice_number_sequences, invoices, plans};
use landlord_persistence::schema::{subscriptions, tenants};
use landlord_persistence::{Database, StoreError};
use landlord_tests::{TestApp, seed_into_at, spawn_app_at};
use std::collections::{BTreeMap, HashMap};

/// A moment whose next two months have 31 days, so a month later every monthly period that
/// contains it has ended and the next one has not.
fn seed_now() -> DateTime<Utc> {
    "2026-12-02T12:00:00Z".parse().unwrap()
}

async fn seeded(tenants: u32) -> TestApp {
    let app = spawn_app_at(seed_now()).await;
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || seed_into_at(&db, tenants, 7, seed_now()))
        .await
        .unwrap();
    app
}

fn read<T>(
    db: &Database,
    work: impl FnOnce(&mut landlord_persistence::AnyConnection) -> QueryResult<T>,
) -> T {
    db.read(|conn| work(conn).map_err(StoreError::from))
        .unwrap()
}

/// (id, tenant, status, cycle, cancel_at_period_end, current_period_start, current_period_end)
type Sub = (i64, i64, String, String, bool, NaiveDateTime, NaiveDateTime);

/// (id, issuer, number, subtotal, billing key)
type Invoice = (i64, Option<i64>, Option<String>, i64, Option<String>);

fn subscriptions_of(db: &Database) -> Vec<Sub> {
    read(db, |conn| {
        subscriptions::table
            .select((
                subscriptions::id,
                subscriptions::tenant_id,
                subscriptions::status,
                subscriptions::cycle,
                subscriptions::cancel_at_period_end,
                subscriptions::current_period_start,
                subscriptions::current_period_end,
            ))
            .load(conn)
    })
}

#[tokio::test]
async fn seeded_customers_have_plans_subscriptions_and_a_gapless_invoice_history() {
    let app = seeded(300).await;
    let now = seed_now().naive_utc();

    let plans = app
        .get_json("/api/v1/plans?per_page=100", &app.admin_token)
        .await;
    let codes: Vec<&str> = plans["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 6, "{plans}");
    assert!(codes.contains(&"starter") && codes.contains(&"business-usd"));

    // Most customers subscribe; current periods contain the seed's now.
    let subs = subscriptions_of(&app.db);
    assert!(subs.len() > 240, "{} subscriptions", subs.len());
    let mut by_status: HashMap<&str, usize> = HashMap::new();
    for (id, _, status, _, _, start, end) in &subs {
        *by_status.entry(status.as_str()).or_default() += 1;
        if matches!(
            status.as_str(),
            "active" | "past_due" | "pending" | "trialing"
        ) {
            assert!(
                *start <= now && now < *end,
                "subscription {id}: {start} – {end}"
            );
        }
    }
    for status in ["active", "trialing", "paused", "canceled", "past_due"] {
        assert!(
            by_status.get(status).is_some_and(|n| *n > 0),
            "{by_status:?}"
        );
    }
    let monthly = subs.iter().filter(|s| s.3 == "monthly").count();
    assert!(
        monthly > subs.len() / 2 && monthly < subs.len(),
        "monthly and yearly"
    );

    // Every invoice has its subscription line; numbers are gapless per issuer and year, and
    // the sequences stand at the last number used.
    let rows: Vec<Invoice> = read(&app.db, |conn| {
        invoices::table
            .select((
                invoices::id,
                invoices::issuer_tenant_id,
                invoices::number,
                invoices::subtotal_minor,
                invoices::billing_key,
            ))
            .load(conn)
    });
    assert!(
        rows.len() > 2_000,
        "about a year of invoices each: {}",
        rows.len()
    );
    let lines: Vec<(i64, String, i64)> = read(&app.db, |conn| {
        invoice_lines::table
            .select((
                invoice_lines::invoice_id,
                invoice_lines::kind,
                invoice_lines::amount_minor,
            ))
            .load(conn)
    });
    let mut line_sums: HashMap<i64, i64> = HashMap::new();
    for (invoice, kind, amount) in &lines {
        assert_eq!(kind, "subscription");
        *line_sums.entry(*invoice).or_default() += amount;
    }
    let mut numbers: BTreeMap<(i64, i32), Vec<i64>> = BTreeMap::new();
    for (id, issuer, number, subtotal, key) in &rows {
        assert_eq!(
            line_sums.get(id),
            Some(subtotal),
            "invoice {id} has its line"
        );
        assert!(
            key.as_deref().is_some_and(|k| k.starts_with("sub_")),
            "{key:?}"
        );
        let number = number.as_deref().unwrap();
        let (year, n) = number
            .strip_prefix("INV-")
            .and_then(|rest| rest.split_once('-'))
            .unwrap();
        assert_eq!(n.len(), 6, "{number}");
        numbers
            .entry((issuer.unwrap(), year.parse().unwrap()))
            .or_default()
            .push(n.parse().unwrap());
    }
    let sequences: Vec<(i64, i32, i64)> = read(&app.db, |conn| {
        invoice_number_sequences::table
            .select((
                invoice_number_sequences::issuer_tenant_id,
                invoice_number_sequences::year,
                invoice_number_sequences::last_value,
            ))
            .load(conn)
    });
    assert_eq!(sequences.len(), numbers.len(), "{sequences:?}");
    for (issuer, year, last) in sequences {
        let mut used = numbers.remove(&(issuer, year)).unwrap();
        used.sort_unstable();
        assert_eq!(used, (1..=last).collect::<Vec<_>>(), "{issuer} {year}");
    }

    // Paid invoices are the revenue; the counters agree with the rows.
    let paid: Vec<(String, i64)> = read(&app.db, |conn| {
        invoices::table
            .filter(invoices::status.eq("paid"))
            .select((invoices::currency, invoices::amount_minor))
            .load(conn)
    });
    let mut revenue: BTreeMap<String, i64> = BTreeMap::new();
    for (currency, amount) in paid {
        *revenue.entry(currency).or_default() += amount;
    }
    let summary = app
        .get_json("/api/v1/tenants/summary", &app.admin_token)
        .await;
    let shown: BTreeMap<String, String> = summary["revenue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["currency"].as_str().unwrap().to_owned(),
                m["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: BTreeMap<String, String> = revenue
        .iter()
        .map(|(c, minor)| (c.clone(), format!("{}.{:02}", minor / 100, minor % 100)))
        .collect();
    assert_eq!(shown, expected);
    let counts: Vec<(i64, i64)> = read(&app.db, |conn| {
        tenants::table
            .filter(tenants::parent_id.is_not_null())
            .select((tenants::id, tenants::invoices_count))
            .load(conn)
    });
    let mut per_tenant: HashMap<i64, i64> = HashMap::new();
    for tenant in read(&app.db, |conn| {
        invoices::table
            .select(invoices::tenant_id)
            .load::<i64>(conn)
    }) {
        *per_tenant.entry(tenant).or_default() += 1;
    }
    for (tenant, count) in counts {
        assert_eq!(
            per_tenant.get(&tenant).copied().unwrap_or(0),
            count,
            "tenant {tenant}"
        );
    }

    // A few customers are in dunning; from the policy's suspending step on, suspended by it.
    let dunning: Vec<(String, String, Option<String>)> = read(&app.db, |conn| {
        tenants::table
            .filter(tenants::billing_state.ne("ok"))
            .select((
                tenants::billing_state,
                tenants::status,
                tenants::status_reason,
            ))
            .load(conn)
    });
    assert!(dunning.len() >= 3, "{dunning:?}");
    for (state, status, reason) in &dunning {
        let suspended = matches!(state.as_str(), "suspended" | "canceled");
        assert_eq!(status == "suspended", suspended, "{state} {status}");
        assert_eq!(
            reason.as_deref() == Some("dunning"),
            suspended,
            "{state} {reason:?}"
        );
    }
    let suspended = app
        .get_json(
            "/api/v1/tenants?status=suspended&per_page=1",
            &app.admin_token,
        )
        .await;
    let stored: i64 = read(&app.db, |conn| {
        tenants::table
            .filter(tenants::status.eq("suspended"))
            .count()
            .get_result(conn)
    });
    assert_eq!(
        suspended["total"].as_i64().unwrap(),
        stored,
        "status counters"
    );
    let owned: i64 = read(&app.db, |conn| plans::table.count().get_result(conn));
    assert_eq!(owned, 6);
}

#[tokio::test]
async fn billing_as_of_the_seeds_now_bills_nothing_and_a_month_later_each_monthly_period_once() {
    let app = seeded(300).await;
    let now = seed_now().naive_utc();
    let db = app.db.clone();
    let at_seed = tokio::task::spawn_blocking(move || {
        run(&db, &Context::new(None, now, None), now, Trigger::Cli).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(
        (
            at_seed.periods_billed,
            at_seed.invoices_created,
            at_seed.collections_attempted,
            at_seed.dunning_transitions
        ),
        (0, 0, 0, 0),
        "the seed is what billing would have left"
    );

    let before = subscriptions_of(&app.db);
    let later = now + Duration::days(31);
    let db = app.db.clone();
    let month_later = tokio::task::spawn_blocking(move || {
        run(&db, &Context::new(None, later, None), later, Trigger::Cli).unwrap()
    })
    .await
    .unwrap();
    let billed: Vec<(i64, String)> = read(&app.db, |conn| {
        invoices::table
            .filter(invoices::created_at.gt(now))
            .select((
                invoices::subscription_id.assume_not_null(),
                invoices::billing_key.assume_not_null(),
            ))
            .load(conn)
    });
    let mut per_sub: HashMap<i64, Vec<String>> = HashMap::new();
    for (sub, key) in billed {
        per_sub.entry(sub).or_default().push(key);
    }
    let mut active_monthly = 0;
    for (id, _, status, cycle, cancels, _, end) in &before {
        let keys = per_sub.get(id).cloned().unwrap_or_default();
        if status == "active" && cycle == "monthly" && !cancels {
            active_monthly += 1;
            assert_eq!(keys, [period_key(*id, end.and_utc())], "subscription {id}");
        }
        if matches!(status.as_str(), "paused" | "canceled") || *cancels {
            assert!(
                keys.is_empty(),
                "subscription {id} ({status}) bills nothing"
            );
        }
        if cycle == "yearly" && status == "active" {
            assert_eq!(keys.len(), usize::from(*end <= later), "yearly {id}");
        }
    }
    assert!(active_monthly > 100, "{active_monthly}");
    assert!(month_later.invoices_created >= active_monthly as i64);
}
