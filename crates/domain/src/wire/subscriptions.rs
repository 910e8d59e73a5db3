//! A tenant's subscription on the wire: reading it, starting or changing it, previewing a
//! change, cancelling, pausing and resuming.

use crate::billing::{BillingCycle, CardBrand, LineKind, SubscriptionStatus};
use crate::money::Currency;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a tenant pays, as sent: a card (the number is read once, never stored), bank transfer
/// against an invoice, or nothing on file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PaymentMethodInput {
    /// The sandbox provider decides outcomes from the number: `4242 4242 4242 4242` succeeds,
    /// `4000 0000 0000 0002` is declined, `4000 0000 0000 9995` has insufficient funds.
    Card {
        /// 12 to 19 digits, spaces and dashes between them ignored (`patterns::CARD_NUMBER`);
        /// the server also checks the Luhn digit.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[ -]*(?:[0-9][ -]*){12,19}$"))]
        number: String,
        #[serde(deserialize_with = "super::common::integer::narrow_required")]
        #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
        exp_month: u32,
        #[serde(deserialize_with = "super::common::integer::narrow_required")]
        exp_year: i32,
    },
    Invoice,
    None,
}

/// How a tenant pays, as kept: a card is its brand, last four digits and expiry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PaymentMethodView {
    Card {
        brand: CardBrand,
        last4: String,
        exp_month: u32,
        exp_year: i32,
    },
    Invoice,
    None,
}

/// A downgrade waiting for the end of the period.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduledChangeView {
    pub plan: String,
    pub plan_name: String,
    pub cycle: BillingCycle,
    pub at: DateTime<Utc>,
}

/// A tenant's current subscription with its billing account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionView {
    pub id: i64,
    pub tenant_id: i64,
    /// The plan's code.
    pub plan: String,
    pub plan_name: String,
    pub cycle: BillingCycle,
    pub status: SubscriptionStatus,
    /// The plan's price for the cycle, e.g. `"20.00"`.
    pub price: String,
    pub currency: Currency,
    pub current_period_start: DateTime<Utc>,
    pub current_period_end: DateTime<Utc>,
    pub cancel_at_period_end: bool,
    pub trial_end: Option<DateTime<Utc>>,
    pub scheduled_change: Option<ScheduledChangeView>,
    pub started_at: DateTime<Utc>,
    pub paused_at: Option<DateTime<Utc>>,
    pub canceled_at: Option<DateTime<Utc>>,
    pub payment_method: PaymentMethodView,
    pub billing_email: Option<String>,
    /// Credit waiting for later invoices, in the plan's currency.
    pub credit_balance: String,
    /// The flat tax rate in percent, e.g. `"19"`.
    pub tax_rate: Option<String>,
    /// Days between an invoice's issue and its due date when paid by transfer.
    pub payment_terms_days: u32,
    /// `ok`, or the dunning state the tenant is in.
    pub billing_state: String,
}

/// Start a subscription, or change the current one's plan or cycle.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"plan": "pro", "cycle": "monthly", "payment_method": {"type": "card", "number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030}})))]
pub struct PutSubscriptionRequest {
    /// A plan code of the catalogue the tenant buys from (its parent's).
    pub plan: String,
    pub cycle: BillingCycle,
    /// When a new subscription starts (default now). May lie in the past to migrate a customer:
    /// periods are anchored on it, and billing starts with the period containing now.
    #[serde(default)]
    pub start_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub payment_method: Option<PaymentMethodInput>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "email"))]
    pub billing_email: Option<Option<String>>,
    /// A flat tax rate in percent (`"19"`, `"7.5"`); `null` clears it.
    #[serde(default, deserialize_with = "super::common::double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{1,3}(?:\.[0-9]{1,2})?$"))]
    pub tax_rate: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::common::integer::narrow_optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 365))]
    pub payment_terms_days: Option<u32>,
}

/// What a change would invoice if made at `at`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PreviewSubscriptionRequest {
    pub plan: String,
    pub cycle: BillingCycle,
    /// Default now; any moment since the subscription started (computed in the period that
    /// contains it).
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

string_enum!(/// What a change does: `upgrade` and `cycle_change` apply now with proration,
    /// `downgrade` waits for the period's end, `new` starts a subscription, `none` changes nothing.
    ChangeEffect { New => "new", Upgrade => "upgrade", Downgrade => "downgrade", CycleChange => "cycle_change", None => "none" }
);

/// One line of a previewed or issued invoice, in short.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewLine {
    pub kind: LineKind,
    pub description: String,
    pub quantity: i64,
    /// Signed decimal per unit.
    pub unit_amount: String,
    /// Signed decimal, `quantity × unit_amount`: a credit is negative.
    pub amount: String,
    pub period_start: Option<DateTime<Utc>>,
    pub period_end: Option<DateTime<Utc>>,
}

/// The invoice a change would produce now, without changing anything.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionPreview {
    pub change: ChangeEffect,
    /// When the change takes effect (the period's end for a downgrade).
    pub applies_at: DateTime<Utc>,
    pub currency: Currency,
    pub lines: Vec<PreviewLine>,
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    pub credit_applied: String,
    pub amount_due: String,
    pub credit_balance_after: String,
}

/// Cancel now (the unused time is credited) or at the end of the period.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelSubscriptionRequest {
    pub at_period_end: bool,
}
