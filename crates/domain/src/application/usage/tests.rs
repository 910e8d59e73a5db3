#![allow(clippy::unwrap_used)]
use super::*;
use chrono::Duration;
use proptest::prelude::*;

fn at(h: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 10)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        + Duration::hours(h)
}

fn w(from: i64, to: i64) -> Window {
    Window {
        start: at(from),
        end: at(to),
    }
}

fn seg(from: i64, to: i64, active: i64) -> Segment {
    Segment {
        window: w(from, to),
        active,
    }
}

#[test]
fn twelve_hours_subscribed_with_one_instance_count_1000_millicores_and_1024_mb() {
    let day = w(0, 24);
    let seconds = instance_seconds(&[w(12, 30)], &[seg(-5, 40, 1)], day);
    assert_eq!(seconds, 12 * 3600);
    let r = ResourceSeconds::at_limits(2000, 2048, seconds);
    assert_eq!((r.millicore_days(), r.mb_days()), (1000.0, 1024.0));
}

#[test]
fn a_second_instance_for_three_hours_adds_three_twenty_fourths() {
    let day = w(0, 24);
    // One instance from noon, two from 13:00 to 16:00, one again after.
    let segments = [seg(12, 13, 1), seg(13, 16, 2), seg(16, 48, 1)];
    let seconds = instance_seconds(&[w(12, 48)], &segments, day);
    assert_eq!(seconds, 15 * 3600);
    let r = ResourceSeconds::at_limits(2000, 2048, seconds);
    assert_eq!(r.millicore_days(), 1000.0 + 2000.0 * 3.0 / 24.0);
    assert_eq!(r.mb_days(), 1024.0 + 2048.0 * 3.0 / 24.0);
}

#[test]
fn only_the_time_subscribed_counts_and_overlapping_ranges_count_once() {
    let segments = [seg(0, 24, 1)];
    assert_eq!(instance_seconds(&[], &segments, w(0, 24)), 0);
    assert_eq!(
        instance_seconds(&[w(2, 6), w(4, 8), w(10, 11)], &segments, w(0, 24)),
        7 * 3600
    );
    // No instance running counts nothing, however long the subscription.
    assert_eq!(instance_seconds(&[w(0, 24)], &[seg(0, 24, 0)], w(0, 24)), 0);
    assert_eq!(union(&[w(4, 8), w(2, 4), w(9, 9)]), vec![w(2, 8)]);
}

#[test]
fn an_open_range_runs_until_now() {
    assert_eq!(Window::until(at(3), None, at(5)), w(3, 5));
    assert_eq!(Window::until(at(3), Some(at(4)), at(5)), w(3, 4));
    assert_eq!(Window::until(at(6), None, at(5)), w(6, 6));
}

#[test]
fn a_tenants_days_are_its_own_and_clock_changes_make_them_shorter_or_longer() {
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let days = tenant_days(berlin, d("2026-03-28"), d("2026-03-29"));
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].window.start.to_string(), "2026-03-27 23:00:00");
    let hours = |t: &TenantDay| (t.window.end - t.window.start).num_hours();
    assert_eq!((hours(&days[0]), hours(&days[1])), (24, 23));
    let utc = tenant_days(chrono_tz::UTC, d("2026-03-10"), d("2026-03-10"));
    assert_eq!(utc[0].window, w(0, 24));
}

#[test]
fn resources_are_priced_per_cpu_day_and_gb_day_rounded_half_away_from_zero() {
    // 1.25 CPU-days at 0.40 EUR = 0.50 EUR; 1.25 GB-days at 0.10 = 0.125 → 0.13.
    let r = ResourceSeconds::at_limits(2000, 2048, 15 * 3600);
    assert_eq!(
        resource_amount(r.millicore_seconds, CPU_DAY, 400_000, Currency::EUR),
        50
    );
    assert_eq!(
        resource_amount(r.mb_seconds, GB_DAY, 100_000, Currency::EUR),
        13
    );
    assert_eq!(units(r.millicore_seconds, CPU_DAY), "1.250000");
    // The yen has no minor unit: 1.25 × 3 = 3.75 → 4.
    assert_eq!(
        resource_amount(r.millicore_seconds, CPU_DAY, 3_000_000, Currency::JPY),
        4
    );
    assert_eq!(resource_amount(0, CPU_DAY, 400_000, Currency::EUR), 0);
}

#[test]
fn usage_lines_name_the_quantity_and_unit_price_and_skip_nothing_owed() {
    let period = Period {
        start: at(0).and_utc(),
        end: at(24 * 30).and_utc(),
    };
    let used = ResourceSeconds::at_limits(2000, 2048, 15 * 3600);
    let line = usage_line(
        "crm",
        PricedResource::Cpu,
        used,
        400_000,
        Currency::EUR,
        period,
    )
    .unwrap();
    assert_eq!(line.kind, LineKind::Usage);
    assert_eq!((line.quantity, line.unit_amount, line.amount), (1, 50, 50));
    assert!(
        line.description
            .starts_with("crm: CPU 1.250000 CPU-days at EUR 0.40 per CPU-day, "),
        "{}",
        line.description
    );
    let memory = usage_line(
        "crm",
        PricedResource::Memory,
        used,
        100_000,
        Currency::EUR,
        period,
    )
    .unwrap();
    assert_eq!(memory.amount, 13);
    assert_eq!(
        usage_line("crm", PricedResource::Cpu, used, 0, Currency::EUR, period),
        None
    );
    let fixed = subscription_price_line("crm", 990, period);
    assert_eq!((fixed.kind, fixed.amount), (LineKind::Subscription, 990));
}

proptest! {
    #[test]
    fn a_windows_instance_seconds_are_the_sum_of_its_days(
        ranges in proptest::collection::vec((0_i64..96, 0_i64..48), 0..5),
        counts in proptest::collection::vec(0_i64..4, 1..6),
    ) {
        let subscribed: Vec<Window> = ranges.iter().map(|(s, l)| w(*s, s + l)).collect();
        let segments: Vec<Segment> = counts
            .iter()
            .enumerate()
            .map(|(i, n)| seg(i as i64 * 20, (i as i64 + 1) * 20, *n))
            .collect();
        let whole = instance_seconds(&subscribed, &segments, w(0, 96));
        let by_day: i64 = (0..4)
            .map(|d| instance_seconds(&subscribed, &segments, w(d * 24, (d + 1) * 24)))
            .sum();
        prop_assert_eq!(whole, by_day);
        // Never more than every instance for the whole time.
        let most = counts.iter().max().copied().unwrap_or(0) * 96 * 3600;
        prop_assert!(whole <= most);
    }
}
