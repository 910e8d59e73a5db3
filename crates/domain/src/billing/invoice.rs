//! Invoices: their states, lines and totals.

use super::{Period, TaxRate};
use serde::{Deserialize, Serialize};

string_enum!(/// Where an invoice stands: `draft` → `open` → `paid`; `open` → `void` | `uncollectible`.
    /// Only `paid` invoices count as revenue; a number is assigned when a draft is finalised.
    InvoiceStatus { Draft => "draft", Open => "open", Paid => "paid", Void => "void", Uncollectible => "uncollectible" }
);

impl InvoiceStatus {
    /// Whether an invoice may move from `self` to `to` (`draft → open`, `open → paid | void |
    /// uncollectible`, `uncollectible → paid` when it is paid after all, and `draft → void`).
    pub fn can_become(self, to: Self) -> bool {
        let _ = to;
        todo!()
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
    /// `credit_balance` is the tenant's balance before this invoice (never negative).
    pub fn compute(lines: &[InvoiceLine], tax_rate: Option<TaxRate>, credit_balance: i64) -> Self {
        let _ = (lines, tax_rate, credit_balance);
        todo!()
    }
}
