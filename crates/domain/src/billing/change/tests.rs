use super::*;
use crate::billing::{InvoiceTotals, LineKind};
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

fn plan<'a>(code: &'a str, name: &'a str, cycle: BillingCycle, price: i64) -> PlanChange<'a> {
    PlanChange {
        plan_code: code,
        plan_name: name,
        cycle,
        price,
    }
}

fn amounts(lines: &[InvoiceLine]) -> Vec<i64> {
    lines.iter().map(|l| l.amount).collect()
}

fn net(lines: &[InvoiceLine]) -> i64 {
    lines.iter().map(|l| l.amount).sum()
}

const MONTHLY: BillingCycle = BillingCycle::Monthly;
const YEARLY: BillingCycle = BillingCycle::Yearly;

#[test]
fn same_cycle_at_a_higher_or_equal_price_is_an_upgrade_and_lower_a_downgrade() {
    let starter = plan("starter", "Starter", MONTHLY, 2000);
    let pro = plan("pro", "Pro", MONTHLY, 3000);
    let twin = plan("twin", "Twin", MONTHLY, 2000);
    assert_eq!(classify_change(&starter, &pro), ChangeKind::Upgrade);
    assert_eq!(classify_change(&starter, &twin), ChangeKind::Upgrade);
    assert_eq!(classify_change(&pro, &starter), ChangeKind::Downgrade);
    let q_small = plan("s", "S", BillingCycle::Quarterly, 5000);
    let q_big = plan("b", "B", BillingCycle::Quarterly, 9000);
    assert_eq!(classify_change(&q_small, &q_big), ChangeKind::Upgrade);
    assert_eq!(classify_change(&q_big, &q_small), ChangeKind::Downgrade);
}

#[test]
fn a_different_cycle_is_a_cycle_change_whatever_the_plan_or_price() {
    let monthly = plan("pro", "Pro", MONTHLY, 1000);
    assert_eq!(
        classify_change(&monthly, &plan("pro", "Pro", YEARLY, 10_000)),
        ChangeKind::CycleChange
    );
    assert_eq!(
        classify_change(&monthly, &plan("starter", "Starter", YEARLY, 100)),
        ChangeKind::CycleChange
    );
    assert_eq!(
        classify_change(&plan("pro", "Pro", YEARLY, 10_000), &monthly),
        ChangeKind::CycleChange
    );
    assert_eq!(
        classify_change(&monthly, &plan("pro", "Pro", BillingCycle::Quarterly, 2800)),
        ChangeKind::CycleChange
    );
}

#[test]
fn the_same_plan_code_and_cycle_is_no_change() {
    let pro = plan("pro", "Pro", MONTHLY, 3000);
    assert_eq!(classify_change(&pro, &pro), ChangeKind::None);
    // Even if its price was changed in the catalogue meanwhile.
    assert_eq!(
        classify_change(&pro, &plan("pro", "Pro", MONTHLY, 3500)),
        ChangeKind::None
    );
}

#[test]
fn upgrading_20_to_30_with_15_of_30_days_left_credits_10_and_charges_15() {
    let period = Period {
        start: at(2026, 4, 1),
        end: at(2026, 5, 1),
    };
    let now = at(2026, 4, 16);
    let starter = plan("starter", "Starter", MONTHLY, 2000);
    let pro = plan("pro", "Pro", MONTHLY, 3000);
    let lines = change_lines(&starter, &pro, period, now, false);
    let rest = Period {
        start: now,
        end: period.end,
    };
    assert_eq!(
        lines,
        vec![
            InvoiceLine::single(
                LineKind::Proration,
                "Unused time on Starter (monthly) after 16 Apr 2026",
                Some(rest),
                -1000
            ),
            InvoiceLine::single(
                LineKind::Proration,
                "Remaining time on Pro (monthly) after 16 Apr 2026",
                Some(rest),
                1500
            ),
        ]
    );
    assert_eq!(net(&lines), 500);
}

#[test]
fn upgrading_10_to_20_at_exactly_half_the_period_nets_5() {
    // February 2026 has 28 days; Feb 15 00:00 is exactly half way.
    let period = Period::starting(at(2026, 2, 1), MONTHLY);
    let lines = change_lines(
        &plan("basic", "Basic", MONTHLY, 1000),
        &plan("plus", "Plus", MONTHLY, 2000),
        period,
        at(2026, 2, 15),
        false,
    );
    assert_eq!(amounts(&lines), vec![-500, 1000]);
    assert_eq!(net(&lines), 500);
}

#[test]
fn switching_10_monthly_to_100_yearly_on_jan_16_credits_5_16_and_charges_a_year() {
    let period = Period::starting(at(2026, 1, 1), MONTHLY); // Jan 1 – Feb 1, 31 days
    let now = at(2026, 1, 16); // 16 of 31 days left: 16/31 × 10.00 = 5.16
    let monthly = plan("pro", "Pro", MONTHLY, 1000);
    let yearly = plan("pro", "Pro", YEARLY, 10_000);
    assert_eq!(classify_change(&monthly, &yearly), ChangeKind::CycleChange);
    let lines = change_lines(&monthly, &yearly, period, now, false);
    assert_eq!(
        lines,
        vec![
            InvoiceLine::single(
                LineKind::Proration,
                "Unused time on Pro (monthly) after 16 Jan 2026",
                Some(Period {
                    start: now,
                    end: at(2026, 2, 1)
                }),
                -516
            ),
            InvoiceLine::single(
                LineKind::Subscription,
                "Pro (yearly), 16 Jan 2026 – 16 Jan 2027",
                Some(Period {
                    start: now,
                    end: at(2027, 1, 16)
                }),
                10_000
            ),
        ]
    );
    assert_eq!(net(&lines), 9484);
}

#[test]
fn each_proration_line_rounds_half_away_from_zero_on_its_own() {
    // 5 minor units over half a period: 2.5 → 3 each way.
    let period = Period::starting(at(2026, 4, 1), MONTHLY);
    let lines = change_lines(
        &plan("a", "A", MONTHLY, 5),
        &plan("b", "B", MONTHLY, 5),
        period,
        at(2026, 4, 16),
        false,
    );
    assert_eq!(amounts(&lines), vec![-3, 3]);
}

#[test]
fn a_downgrade_or_no_change_produces_no_lines_now() {
    let period = Period::starting(at(2026, 4, 1), MONTHLY);
    let pro = plan("pro", "Pro", MONTHLY, 3000);
    let starter = plan("starter", "Starter", MONTHLY, 2000);
    assert!(change_lines(&pro, &starter, period, at(2026, 4, 16), false).is_empty());
    assert!(change_lines(&pro, &pro, period, at(2026, 4, 16), false).is_empty());
}

#[test]
fn while_trialing_an_upgrade_or_cycle_change_produces_no_lines() {
    let period = Period::starting(at(2026, 4, 1), MONTHLY);
    let now = at(2026, 4, 3);
    let starter = plan("starter", "Starter", MONTHLY, 2000);
    let pro = plan("pro", "Pro", MONTHLY, 5000);
    let pro_yearly = plan("pro", "Pro", YEARLY, 50_000);
    assert!(change_lines(&starter, &pro, period, now, true).is_empty());
    assert!(change_lines(&starter, &pro_yearly, period, now, true).is_empty());
    assert!(change_lines(&pro, &starter, period, now, true).is_empty());
}

#[test]
fn an_upgrade_at_the_start_credits_and_charges_whole_prices_and_at_the_end_nothing() {
    let period = Period::starting(at(2026, 4, 1), MONTHLY);
    let starter = plan("starter", "Starter", MONTHLY, 2000);
    let pro = plan("pro", "Pro", MONTHLY, 3000);
    assert_eq!(
        amounts(&change_lines(&starter, &pro, period, period.start, false)),
        vec![-2000, 3000]
    );
    let at_end = change_lines(&starter, &pro, period, period.end, false);
    assert_eq!(amounts(&at_end), vec![0, 0]);
    assert_eq!(
        at_end[0].period,
        Some(Period {
            start: period.end,
            end: period.end
        })
    );
}

#[test]
fn a_period_line_bills_the_whole_period_in_advance() {
    let period = Period::starting(at(2026, 2, 1), MONTHLY);
    let line = period_line(&plan("pro", "Pro", MONTHLY, 3000), period);
    assert_eq!(
        line,
        InvoiceLine::single(
            LineKind::Subscription,
            "Pro (monthly), 1 Feb 2026 – 1 Mar 2026",
            Some(period),
            3000
        )
    );
}

#[test]
fn the_upgrade_lines_total_on_an_invoice_like_any_other() {
    let period = Period::starting(at(2026, 4, 1), MONTHLY);
    let lines = change_lines(
        &plan("starter", "Starter", MONTHLY, 2000),
        &plan("pro", "Pro", MONTHLY, 3000),
        period,
        at(2026, 4, 16),
        false,
    );
    let totals = InvoiceTotals::compute(&lines, None, 0);
    assert_eq!((totals.subtotal, totals.amount_due), (500, 500));
}

fn cycles() -> impl Strategy<Value = BillingCycle> {
    proptest::sample::select(BillingCycle::ALL.to_vec())
}

/// A period of `cycle` from an anchor between 2000 and 2100, and a moment inside it.
fn period_and_moment(cycle: BillingCycle) -> impl Strategy<Value = (Period, DateTime<Utc>)> {
    (946_684_800_i64..4_102_444_800, 0.0_f64..1.0).prop_map(move |(start, fraction)| {
        let period = Period::starting(DateTime::from_timestamp(start, 0).unwrap(), cycle);
        let offset = (period.seconds() as f64 * fraction) as i64;
        (period, period.start + Duration::seconds(offset))
    })
}

proptest! {
    #[test]
    fn crediting_and_charging_the_same_price_at_any_moment_nets_zero(
        ((period, now), cycle) in cycles().prop_flat_map(|c| (period_and_moment(c), Just(c))),
        price in 0_i64..10_000_000,
    ) {
        let lines = change_lines(&plan("a", "A", cycle, price), &plan("b", "B", cycle, price), period, now, false);
        prop_assert_eq!(lines.len(), 2);
        prop_assert_eq!(net(&lines), 0);
    }

    #[test]
    fn an_upgrade_never_credits_or_charges_more_than_a_whole_price_and_never_nets_negative(
        ((period, now), cycle) in cycles().prop_flat_map(|c| (period_and_moment(c), Just(c))),
        old in 0_i64..10_000_000,
        extra in 0_i64..10_000_000,
    ) {
        let new = old + extra;
        let lines = change_lines(&plan("a", "A", cycle, old), &plan("b", "B", cycle, new), period, now, false);
        prop_assert_eq!(classify_change(&plan("a", "A", cycle, old), &plan("b", "B", cycle, new)), ChangeKind::Upgrade);
        let (credit, charge) = (lines[0].amount, lines[1].amount);
        prop_assert!((-old..=0).contains(&credit));
        prop_assert!((0..=new).contains(&charge));
        prop_assert!(credit + charge >= 0);
        for line in &lines {
            prop_assert_eq!(line.kind, LineKind::Proration);
            prop_assert_eq!(line.period, Some(Period { start: now, end: period.end }));
        }
    }

    #[test]
    fn a_cycle_change_charges_the_full_new_period_from_the_moment_of_the_change(
        (period, now) in period_and_moment(MONTHLY),
        old in 0_i64..10_000_000,
        new in 0_i64..10_000_000,
    ) {
        let lines = change_lines(&plan("pro", "Pro", MONTHLY, old), &plan("pro", "Pro", YEARLY, new), period, now, false);
        prop_assert_eq!(lines.len(), 2);
        prop_assert!((-old..=0).contains(&lines[0].amount));
        prop_assert_eq!(lines[1].kind, LineKind::Subscription);
        prop_assert_eq!(lines[1].amount, new);
        prop_assert_eq!(lines[1].period, Some(Period::starting(now, YEARLY)));
    }
}
