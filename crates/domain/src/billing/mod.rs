//! Billing: the plan catalogue, subscriptions and their periods, proration, invoices and their
//! totals, payments and dunning. Pure rules; the operations layer stores and schedules them.
//!
//! Money is integer minor units of one `Currency` (see `crate::money`); periods are half-open
//! `[start, end)` in UTC; "now" is always passed in.

pub mod card;
pub mod change;
pub mod cycle;
pub mod dunning;
pub mod invoice;
pub mod period;
pub mod plan;
pub mod proration;
pub mod revenue;
pub mod run;
pub mod subscription;
pub mod tax;

pub use card::{Card, CardBrand, CardError, CollectionOutcome};
pub use change::{ChangeKind, PlanChange, classify_change};
pub use cycle::BillingCycle;
pub use dunning::{
    BillingStateFilter, DunningEffect, DunningPolicy, DunningPolicyError, DunningStep,
};
pub use invoice::{
    InvoiceLine, InvoiceStatus, InvoiceTotals, LineKind, NewInvoiceStatus, invoice_number,
};
pub use period::{Period, format_date};
pub use plan::{PlanCode, PlanCodeError, PlanStatus, Prices};
pub use proration::prorate;
pub use revenue::{RecurringGroup, monthly_recurring};
pub use run::{MAX_DAYS_AHEAD, TooFarAhead, check_run_date};
pub use subscription::SubscriptionStatus;
pub use tax::{TaxRate, TaxRateError};
