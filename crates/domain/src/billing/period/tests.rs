use super::*;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

fn at_hms(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

fn starts(anchor: DateTime<Utc>, cycle: BillingCycle, count: u32) -> Vec<DateTime<Utc>> {
    (0..count)
        .map(|k| Period::nth(anchor, cycle, k).start)
        .collect()
}

#[test]
fn monthly_periods_from_the_31st_clamp_to_short_months_and_come_back() {
    assert_eq!(
        starts(at(2026, 1, 31), BillingCycle::Monthly, 4),
        vec![
            at(2026, 1, 31),
            at(2026, 2, 28),
            at(2026, 3, 31),
            at(2026, 4, 30)
        ]
    );
    assert_eq!(
        Period::nth(at(2026, 1, 31), BillingCycle::Monthly, 0),
        Period {
            start: at(2026, 1, 31),
            end: at(2026, 2, 28)
        }
    );
}

#[test]
fn monthly_periods_from_jan_31_of_a_leap_year_end_on_feb_29() {
    assert_eq!(
        Period::nth(at(2028, 1, 31), BillingCycle::Monthly, 0).end,
        at(2028, 2, 29)
    );
    assert_eq!(
        Period::nth(at(2028, 1, 31), BillingCycle::Monthly, 1).end,
        at(2028, 3, 31)
    );
}

#[test]
fn yearly_periods_from_feb_29_end_on_feb_28_and_return_to_feb_29_in_leap_years() {
    let anchor = at(2028, 2, 29);
    assert_eq!(
        starts(anchor, BillingCycle::Yearly, 5),
        vec![
            at(2028, 2, 29),
            at(2029, 2, 28),
            at(2030, 2, 28),
            at(2031, 2, 28),
            at(2032, 2, 29)
        ]
    );
    assert_eq!(
        Period::nth(anchor, BillingCycle::Yearly, 4).start,
        at(2032, 2, 29)
    );
}

#[test]
fn quarterly_periods_from_nov_30_clamp_in_february_and_come_back_to_the_30th() {
    assert_eq!(
        starts(at(2025, 11, 30), BillingCycle::Quarterly, 4),
        vec![
            at(2025, 11, 30),
            at(2026, 2, 28),
            at(2026, 5, 30),
            at(2026, 8, 30)
        ]
    );
}

#[test]
fn the_anchors_time_of_day_is_kept_on_every_boundary() {
    let anchor = at_hms(2026, 1, 31, 13, 45, 7);
    let period = Period::nth(anchor, BillingCycle::Monthly, 1);
    assert_eq!(period.start, at_hms(2026, 2, 28, 13, 45, 7));
    assert_eq!(period.end, at_hms(2026, 3, 31, 13, 45, 7));
}

#[test]
fn the_first_paid_period_after_a_trial_is_anchored_on_the_trial_end() {
    // $50/month with a 5-day trial from Apr 1: the trial ends Apr 6 and billing starts then.
    let trial_start = at(2026, 4, 1);
    let trial_end = trial_start + Duration::days(5);
    assert_eq!(trial_end, at(2026, 4, 6));
    let first = Period::starting(trial_end, BillingCycle::Monthly);
    assert_eq!(
        first,
        Period {
            start: at(2026, 4, 6),
            end: at(2026, 5, 6)
        }
    );
    assert_eq!(
        Period::nth(trial_end, BillingCycle::Monthly, 1).end,
        at(2026, 6, 6)
    );
}

#[test]
fn containing_finds_the_period_at_just_before_and_just_after_a_boundary() {
    let anchor = at_hms(2026, 1, 31, 12, 0, 0);
    let cycle = BillingCycle::Monthly;
    let second = Period::nth(anchor, cycle, 1); // Feb 28 12:00 – Mar 31 12:00
    let one = Duration::seconds(1);

    assert_eq!(
        Period::containing(anchor, cycle, anchor),
        Period::nth(anchor, cycle, 0)
    );
    assert_eq!(Period::containing(anchor, cycle, second.start), second);
    assert_eq!(
        Period::containing(anchor, cycle, second.start - one),
        Period::nth(anchor, cycle, 0)
    );
    assert_eq!(
        Period::containing(anchor, cycle, second.start + one),
        second
    );
    assert_eq!(Period::containing(anchor, cycle, second.end - one), second);
    assert_eq!(
        Period::containing(anchor, cycle, second.end),
        Period::nth(anchor, cycle, 2)
    );
    // Earlier in the day of the boundary's date, still the period before.
    assert_eq!(
        Period::index_containing(anchor, cycle, at_hms(2026, 2, 28, 11, 59, 59)),
        0
    );
    assert_eq!(
        Period::index_containing(anchor, cycle, at_hms(2026, 3, 31, 11, 0, 0)),
        1
    );
    assert_eq!(
        Period::index_containing(anchor, cycle, at_hms(2027, 1, 31, 12, 0, 0)),
        12
    );
}

#[test]
fn containing_a_moment_before_the_anchor_answers_the_first_period() {
    let anchor = at(2026, 3, 1);
    assert_eq!(
        Period::containing(anchor, BillingCycle::Yearly, at(2020, 1, 1)),
        Period::nth(anchor, BillingCycle::Yearly, 0)
    );
    assert_eq!(
        Period::index_containing(anchor, BillingCycle::Yearly, at(2020, 1, 1)),
        0
    );
}

#[test]
fn seconds_and_seconds_left_count_whole_seconds_of_the_half_open_span() {
    let period = Period {
        start: at(2026, 4, 1),
        end: at(2026, 5, 1),
    };
    let day = 86_400;
    assert_eq!(period.seconds(), 30 * day);
    assert_eq!(period.seconds_left(at(2026, 4, 16)), 15 * day);
    assert_eq!(period.seconds_left(period.start), 30 * day);
    assert_eq!(period.seconds_left(at(2026, 3, 1)), 30 * day);
    assert_eq!(period.seconds_left(period.end), 0);
    assert_eq!(period.seconds_left(at(2027, 1, 1)), 0);
    assert!(period.contains(period.start));
    assert!(!period.contains(period.end));
    assert!(!period.contains(period.start - Duration::seconds(1)));
}

#[test]
fn dates_are_formatted_for_line_descriptions() {
    assert_eq!(format_date(at(2026, 1, 16)), "16 Jan 2026");
    assert_eq!(format_date(at_hms(2026, 2, 1, 23, 59, 59)), "1 Feb 2026");
    assert_eq!(format_date(at(2032, 12, 31)), "31 Dec 2032");
}

#[test]
fn far_future_boundaries_saturate_instead_of_panicking() {
    let period = Period::nth(at(2026, 1, 1), BillingCycle::Yearly, u32::MAX);
    assert_eq!(period.end, DateTime::<Utc>::MAX_UTC);
}

fn cycles() -> impl Strategy<Value = BillingCycle> {
    proptest::sample::select(BillingCycle::ALL.to_vec())
}

/// Anchors from 1990 to 2100, to the second.
fn anchors() -> impl Strategy<Value = DateTime<Utc>> {
    (631_152_000_i64..4_102_444_800).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

proptest! {
    #[test]
    fn containing_contains_the_moment_and_starts_on_a_boundary(
        anchor in anchors(),
        cycle in cycles(),
        offset in 0_i64..(40 * 366 * 86_400),
    ) {
        let t = anchor + Duration::seconds(offset);
        let period = Period::containing(anchor, cycle, t);
        prop_assert!(period.contains(t), "{period:?} does not contain {t}");
        let k = Period::index_containing(anchor, cycle, t);
        prop_assert_eq!(period, Period::nth(anchor, cycle, k));
        // k is the only period that contains t: the ones either side do not.
        prop_assert!(!Period::nth(anchor, cycle, k + 1).contains(t));
        if k > 0 {
            prop_assert!(!Period::nth(anchor, cycle, k - 1).contains(t));
        }
    }

    #[test]
    fn containing_agrees_with_walking_the_periods_from_the_anchor(
        anchor in anchors(),
        cycle in cycles(),
        offset in 0_i64..(5 * 366 * 86_400),
    ) {
        let t = anchor + Duration::seconds(offset);
        let walked = (0..).map(|k| Period::nth(anchor, cycle, k)).find(|p| p.contains(t));
        prop_assert_eq!(Some(Period::containing(anchor, cycle, t)), walked);
    }

    #[test]
    fn consecutive_periods_tile_without_gaps_or_overlaps(
        anchor in anchors(),
        cycle in cycles(),
        k in 0_u32..500,
    ) {
        let this = Period::nth(anchor, cycle, k);
        let next = Period::nth(anchor, cycle, k + 1);
        prop_assert_eq!(this.end, next.start);
        prop_assert!(this.start < this.end);
        // Whole days (the time of day is kept), as many as the cycle's months can hold.
        prop_assert_eq!(this.seconds() % 86_400, 0);
        let days = this.seconds() / 86_400;
        let expected = match cycle {
            BillingCycle::Monthly => 28..=31,
            BillingCycle::Quarterly => 89..=92,
            BillingCycle::Yearly => 365..=366,
        };
        prop_assert!(expected.contains(&days), "{:?} lasts {} days", this, days);
    }

    #[test]
    fn every_boundary_keeps_the_anchors_day_unless_the_month_is_shorter(
        anchor in anchors(),
        cycle in cycles(),
        k in 0_u32..500,
    ) {
        let start = Period::nth(anchor, cycle, k).start;
        prop_assert_eq!(start.time(), anchor.time());
        let months_on = i64::from(k) * i64::from(cycle.months());
        let month_index = i64::from(anchor.year()) * 12 + i64::from(anchor.month0()) + months_on;
        prop_assert_eq!(i64::from(start.year()) * 12 + i64::from(start.month0()), month_index);
        if start.day() != anchor.day() {
            prop_assert!(start.day() < anchor.day());
            // Clamped: the next day is in the following month.
            prop_assert_eq!((start + Duration::days(1)).day(), 1);
        }
    }

    #[test]
    fn seconds_left_is_between_zero_and_the_whole_period(
        anchor in anchors(),
        cycle in cycles(),
        offset in -(400_i64 * 86_400)..(800 * 86_400),
    ) {
        let period = Period::starting(anchor, cycle);
        let t = anchor + Duration::seconds(offset);
        let left = period.seconds_left(t);
        prop_assert!((0..=period.seconds()).contains(&left));
        if period.contains(t) {
            prop_assert_eq!(left, (period.end - t).num_seconds());
        }
    }
}
