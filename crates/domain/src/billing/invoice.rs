//! Invoices: their states, lines and totals.

use super::{Period, TaxRate};
use serde::{Deserialize, Serialize};

string_enum!(/// Where an invoice stands: `draft` → `open` → `paid`; `open` → `void` | `uncollectible`.
    /// Only `paid` invoices count as revenue; a number is assigned when a draft is finalised.
    InvoiceStatus { Draft => "draft", Open => "open", Paid => "paid", Void => "void", Uncollectible => "uncollectible" }
);

string_enum!(/// What an invoice may be created as: a draft to finish later, open (issued and due), or
    /// already paid (a record imported from elsewhere). Void and uncollectible are reached by
    /// the actions on an open invoice, never at creation.
    NewInvoiceStatus { Draft => "draft", Open => "open", Paid => "paid" }
);

impl From<NewInvoiceStatus> for InvoiceStatus {
    fn from(status: NewInvoiceStatus) -> Self {
        match status {
            NewInvoiceStatus::Draft => Self::Draft,
            NewInvoiceStatus::Open => Self::Open,
            NewInvoiceStatus::Paid => Self::Paid,
        }
    }
}

impl InvoiceStatus {
    /// Whether an invoice may move from `self` to `to` (`draft → open`, `open → paid | void |
    /// uncollectible`, `uncollectible → paid` when it is paid after all, and `draft → void`).
    pub fn can_become(self, to: Self) -> bool {
        use InvoiceStatus::*;
        matches!(
            (self, to),
            (Draft, Open)
                | (Draft, Void)
                | (Open, Paid | Void | Uncollectible)
                | (Uncollectible, Paid)
        )
    }
}

string_enum!(/// What an invoice line is for.
    LineKind { Subscription => "subscription", Proration => "proration", Credit => "credit", OneOff => "one_off", Usage => "usage" }
);

/// One line of an invoice: `amount = quantity × unit_amount` (minor units; negative for a
/// credit), with the period it covers if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub kind: LineKind,
    pub description: String,
    pub period: Option<Period>,
    pub quantity: i64,
    pub unit_amount: i64,
    pub amount: i64,
}

impl InvoiceLine {
    /// A line of quantity 1.
    pub fn single(
        kind: LineKind,
        description: impl Into<String>,
        period: Option<Period>,
        amount: i64,
    ) -> Self {
        Self {
            kind,
            description: description.into(),
            period,
            quantity: 1,
            unit_amount: amount,
            amount,
        }
    }
}

/// An invoice's totals. `subtotal` is the sum of the lines; `tax` the tenant's flat rate on a
/// positive subtotal (none on a net credit), rounded half away from zero; `total = subtotal + tax`.
/// The credit balance is consumed first: `credit_applied = min(balance, total)` when the total is
/// positive, and `amount_due = total − credit_applied`. A negative total (a net credit) is never
/// due and never paid out: `amount_due` is 0 and `credit_balance_after = balance − total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InvoiceTotals {
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    pub credit_applied: i64,
    pub amount_due: i64,
    pub credit_balance_after: i64,
}

impl InvoiceTotals {
    /// `credit_balance` is the tenant's balance before this invoice (never negative; a negative
    /// one is read as 0). Sums saturate rather than overflow.
    pub fn compute(lines: &[InvoiceLine], tax_rate: Option<TaxRate>, credit_balance: i64) -> Self {
        let subtotal = lines
            .iter()
            .fold(0_i64, |sum, line| sum.saturating_add(line.amount));
        let tax = match tax_rate {
            Some(rate) if subtotal > 0 => rate.of(subtotal),
            _ => 0,
        };
        let total = subtotal.saturating_add(tax);
        let balance = credit_balance.max(0);
        let credit_applied = if total > 0 { balance.min(total) } else { 0 };
        Self {
            subtotal,
            tax,
            total,
            credit_applied,
            amount_due: if total > 0 { total - credit_applied } else { 0 },
            credit_balance_after: if total > 0 {
                balance - credit_applied
            } else {
                balance.saturating_sub(total)
            },
        }
    }
}

/// An invoice's number: value `sequence` of its issuer's sequence for `year`, zero-padded to
/// six digits (`INV-2026-000042`). Numbers are gapless per issuer and year.
pub fn invoice_number(year: i32, sequence: i64) -> String {
    format!("INV-{year}-{sequence:06}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(amount: i64) -> InvoiceLine {
        InvoiceLine::single(LineKind::OneOff, "line", None, amount)
    }

    fn rate(input: &str) -> Option<TaxRate> {
        Some(TaxRate::parse(input).unwrap())
    }

    #[test]
    fn invoice_status_transitions_follow_the_lifecycle() {
        use InvoiceStatus::*;
        // (from, to) pairs that are allowed; every other pair, including staying put, is not.
        let allowed = [
            (Draft, Open),
            (Draft, Void),
            (Open, Paid),
            (Open, Void),
            (Open, Uncollectible),
            (Uncollectible, Paid),
        ];
        for from in InvoiceStatus::ALL {
            for to in InvoiceStatus::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} → {to:?}"
                );
            }
        }
        assert!(!Paid.can_become(Open));
        assert!(!Void.can_become(Paid));
        assert!(!Draft.can_become(Paid));
    }

    #[test]
    fn statuses_and_line_kinds_parse_from_their_wire_names() {
        for status in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(status.as_str()), Some(status));
        }
        for kind in LineKind::ALL {
            assert_eq!(LineKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(LineKind::parse("one_off"), Some(LineKind::OneOff));
        assert_eq!(InvoiceStatus::parse("refunded"), None);
    }

    #[test]
    fn invoice_numbers_name_the_year_and_a_six_digit_sequence_value() {
        assert_eq!(invoice_number(2026, 42), "INV-2026-000042");
        assert_eq!(invoice_number(2027, 1_234_567), "INV-2027-1234567");
    }

    #[test]
    fn a_single_line_has_quantity_one_and_its_amount_as_unit_amount() {
        let l = InvoiceLine::single(LineKind::Credit, "Goodwill", None, -500);
        assert_eq!((l.quantity, l.unit_amount, l.amount), (1, -500, -500));
        assert_eq!(l.description, "Goodwill");
    }

    #[test]
    fn tax_of_19_percent_on_100_is_19() {
        let totals = InvoiceTotals::compute(&[line(10_000)], rate("19"), 0);
        assert_eq!(
            totals,
            InvoiceTotals {
                subtotal: 10_000,
                tax: 1900,
                total: 11_900,
                credit_applied: 0,
                amount_due: 11_900,
                credit_balance_after: 0,
            }
        );
    }

    #[test]
    fn no_tax_rate_means_no_tax() {
        let totals = InvoiceTotals::compute(&[line(10_000)], None, 0);
        assert_eq!(
            (totals.tax, totals.total, totals.amount_due),
            (0, 10_000, 10_000)
        );
    }

    #[test]
    fn the_credit_balance_is_consumed_before_anything_is_due() {
        // Part of the total covered by credit.
        let partly = InvoiceTotals::compute(&[line(10_000)], rate("19"), 2_000);
        assert_eq!(partly.credit_applied, 2_000);
        assert_eq!(partly.amount_due, 9_900);
        assert_eq!(partly.credit_balance_after, 0);
        // All of it covered, the rest of the credit kept.
        let wholly = InvoiceTotals::compute(&[line(10_000)], rate("19"), 20_000);
        assert_eq!(wholly.credit_applied, 11_900);
        assert_eq!(wholly.amount_due, 0);
        assert_eq!(wholly.credit_balance_after, 8_100);
    }

    #[test]
    fn a_net_credit_is_untaxed_never_due_and_goes_to_the_balance() {
        // A downgrade-style invoice: −10.00 credit and +5.00 charge.
        let totals = InvoiceTotals::compute(&[line(-1_000), line(500)], rate("19"), 300);
        assert_eq!(
            totals,
            InvoiceTotals {
                subtotal: -500,
                tax: 0,
                total: -500,
                credit_applied: 0,
                amount_due: 0,
                credit_balance_after: 800,
            }
        );
    }

    #[test]
    fn the_upgrade_proration_is_taxed_on_its_net() {
        // −10.00 + 15.00 = 5.00 net, 19 % of it is 0.95.
        let totals = InvoiceTotals::compute(&[line(-1_000), line(1_500)], rate("19"), 0);
        assert_eq!((totals.subtotal, totals.tax, totals.total), (500, 95, 595));
    }

    #[test]
    fn no_lines_make_zero_totals() {
        assert_eq!(
            InvoiceTotals::compute(&[], rate("19"), 0),
            InvoiceTotals::default()
        );
        let with_balance = InvoiceTotals::compute(&[], rate("19"), 700);
        assert_eq!(
            with_balance,
            InvoiceTotals {
                credit_balance_after: 700,
                ..InvoiceTotals::default()
            }
        );
    }

    #[test]
    fn tax_rounds_half_away_from_zero() {
        // 7.75 % of 10.00 is 0.775 → 0.78.
        assert_eq!(
            InvoiceTotals::compute(&[line(1_000)], rate("7.75"), 0).tax,
            78
        );
        // 19 % of 0.50 is 0.095 → 0.10.
        assert_eq!(InvoiceTotals::compute(&[line(50)], rate("19"), 0).tax, 10);
    }

    #[test]
    fn a_negative_balance_is_read_as_none() {
        let totals = InvoiceTotals::compute(&[line(1_000)], None, -50);
        assert_eq!(
            (
                totals.credit_applied,
                totals.amount_due,
                totals.credit_balance_after
            ),
            (0, 1_000, 0)
        );
    }

    proptest! {
        #[test]
        fn totals_add_up_and_never_ask_for_or_pay_out_too_much(
            amounts in proptest::collection::vec(-1_000_000_i64..1_000_000, 0..12),
            bp in proptest::option::of(0_i64..=10_000),
            balance in 0_i64..5_000_000,
        ) {
            let lines: Vec<_> = amounts.iter().copied().map(line).collect();
            let tax_rate = bp.map(|bp| TaxRate::from_basis_points(bp).unwrap());
            let t = InvoiceTotals::compute(&lines, tax_rate, balance);
            prop_assert_eq!(t.subtotal, amounts.iter().sum::<i64>());
            prop_assert_eq!(t.total, t.subtotal + t.tax);
            prop_assert!(t.amount_due >= 0);
            prop_assert!(t.credit_applied >= 0 && t.credit_applied <= balance);
            prop_assert!(t.credit_balance_after >= 0);
            prop_assert!(t.tax >= 0 && t.tax <= t.subtotal.max(0));
            // The money balances: what the credit covered plus what is due is the positive total,
            // and the balance moves by exactly what was applied or credited.
            prop_assert_eq!(t.credit_applied + t.amount_due, t.total.max(0));
            prop_assert_eq!(t.credit_balance_after, balance - t.credit_applied - t.total.min(0));
        }
    }
}
