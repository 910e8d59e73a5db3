//! Demo usage: 90 days of daily rollups per seeded customer (API requests with weekly
//! rhythm, storage growing with daily peaks, users and devices), written directly as rollup
//! rows in bulk so the Usage tab's charts are alive on `make run`.

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use landlord_domain::usage::{day_in, zone};
use landlord_persistence::bulk::SeedTenantRow;
use landlord_persistence::usage::daily::DailyRow;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How many days of history each customer gets.
pub const DAYS: i64 = 90;
/// Only this many customers get a history, so a very large seed stays quick.
pub const MAX_TENANTS: usize = 1000;

const STREAM: u64 = 0x5553_4147_4500_0000; // "USAGE"

/// A customer's daily rows up to `now`'s day in its own time zone (none before it existed).
pub fn history(tenant: &SeedTenantRow, seed: u64, now: NaiveDateTime) -> Vec<DailyRow> {
    let mut rng = StdRng::seed_from_u64(seed ^ STREAM ^ tenant.id as u64);
    let tz = zone(tenant.time_zone.as_deref());
    let today = day_in(tz, now.and_utc());
    let born = day_in(tz, tenant.created_at.and_utc());
    let mut requests = f64::from(rng.gen_range(200..5000_u32));
    let mut storage = f64::from(rng.gen_range(1..20_u32)) * 1024.0 * 1024.0 * 1024.0;
    let growth = 1.0 + f64::from(rng.gen_range(2..20_u32)) / 1000.0;
    let mut devices = f64::from(rng.gen_range(10..400_u32));
    let users = tenant.users_count.max(1) as f64;
    let mut rows = Vec::with_capacity(DAYS as usize * 5);
    for back in (0..DAYS).rev() {
        let day = today - Duration::days(back);
        if day < born {
            continue;
        }
        let last_at = day.and_hms_opt(23, 0, 0).unwrap_or_default();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        requests *= growth;
        let noise = f64::from(rng.gen_range(80..120_u32)) / 100.0;
        let today_requests = (requests * noise * if weekend { 0.4 } else { 1.0 }).round();
        storage = (storage * growth).round();
        let storage_peak = (storage * (1.0 + f64::from(rng.gen_range(0..15_u32)) / 100.0)).round();
        if rng.gen_range(0..3) == 0 {
            devices += f64::from(rng.gen_range(0..5_u32));
        }
        let device_peak = devices + f64::from(rng.gen_range(0..4_u32));
        let roots = (devices / 5.0).ceil();
        let mut row = |meter: &str, value: f64, peak: Option<f64>| {
            rows.push(DailyRow {
                tenant_id: tenant.id,
                meter_key: meter.to_owned(),
                day,
                value,
                peak,
                last_at,
            });
        };
        row("api_requests", today_requests, None);
        row("storage", storage, Some(storage_peak));
        row("users", users, Some(users));
        row("devices", devices, Some(device_peak));
        row("root_devices", roots, Some(roots));
    }
    rows
}
