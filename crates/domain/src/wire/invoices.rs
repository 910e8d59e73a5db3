//! Invoices on the wire: billing's (with lines, totals and payments) and one-off ones.

use super::common::{FieldErrors, integer};
use super::documents::check_number;
use super::subscriptions::PreviewLine;
use crate::billing::{InvoiceLine, InvoiceStatus, LineKind, NewInvoiceStatus};
use crate::money::{Currency, parse_amount};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An invoice issued to a customer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceView {
    pub id: i64,
    pub tenant_id: i64,
    /// The customer's name, read with the row: a list names every row's customer as is.
    pub tenant_name: String,
    /// Assigned when the invoice is finalised (`INV-2026-000042`); `null` on a draft.
    pub number: Option<String>,
    pub status: InvoiceStatus,
    /// The total as an exact decimal, e.g. `"19.90"` (same as `total`, kept for older clients).
    pub amount: String,
    pub currency: Currency,
    pub issued_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    /// The tenant that issues it (its numbers are its own); `null` on hand-entered records.
    pub issuer_tenant_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub period_start: Option<DateTime<Utc>>,
    pub period_end: Option<DateTime<Utc>>,
    pub lines: Vec<PreviewLine>,
    pub subtotal: String,
    pub tax: String,
    /// The tax rate in percent, when one applied.
    pub tax_rate: Option<String>,
    pub total: String,
    /// Taken from the tenant's credit balance.
    pub credit_applied: String,
    pub amount_paid: String,
    pub amount_due: String,
    /// `charge_automatically` (the card on file) or `send_invoice` (paid by transfer).
    pub collection: String,
    pub collection_attempts: i32,
    pub next_collection_at: Option<DateTime<Utc>>,
    pub last_collection_error: Option<String>,
    pub finalized_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
}

impl PreviewLine {
    pub fn from_line(line: &InvoiceLine, currency: Currency) -> Self {
        Self {
            kind: line.kind,
            description: line.description.clone(),
            quantity: line.quantity,
            unit_amount: crate::money::format_amount(line.unit_amount, currency),
            amount: crate::money::format_amount(line.amount, currency),
            period_start: line.period.map(|p| p.start),
            period_end: line.period.map(|p| p.end),
        }
    }
}

/// One line of a one-off invoice.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvoiceLineInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub description: String,
    /// Default 1.
    #[serde(default, deserialize_with = "integer::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub quantity: Option<i64>,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$")
    )]
    pub unit_amount: String,
}

/// Issue a one-off invoice, with `lines` or a single `amount`. A draft gets its number when it
/// is finalised; an invoice created `open` or `paid` is numbered at once from the issuer's
/// sequence unless `number` is given (a record imported from elsewhere).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant_id": 2, "amount": "1500", "currency": "JPY", "due_at": "2031-01-31T00:00:00Z"})))]
pub struct CreateInvoiceRequest {
    #[serde(deserialize_with = "integer::required")]
    pub tenant_id: i64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_/.-]{1,40}$"))]
    pub number: Option<String>,
    #[serde(default)]
    pub status: Option<NewInvoiceStatus>,
    /// Decimal string, e.g. `"19.90"`: at most 15 digits before the point and as many
    /// decimals as the currency has (JPY none, the others two).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$")
    )]
    #[serde(default)]
    pub amount: Option<String>,
    /// The lines; give these or `amount` (neither makes an empty invoice).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    pub lines: Option<Vec<InvoiceLineInput>>,
    pub currency: Currency,
    #[serde(default)]
    pub issued_at: Option<DateTime<Utc>>,
    /// Not before `issued_at`.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
}

impl CreateInvoiceRequest {
    pub fn parse(&self) -> Result<(Option<String>, Vec<InvoiceLine>), FieldErrors> {
        let mut e = FieldErrors::default();
        let number = check_number(&mut e, self.number.as_deref());
        let mut lines = Vec::new();
        match (&self.amount, &self.lines) {
            (Some(amount), None) => {
                if let Some(minor) = e.check(
                    "amount",
                    |_| "invalid_amount",
                    parse_amount(amount, self.currency),
                ) {
                    lines.push(InvoiceLine::single(
                        LineKind::OneOff,
                        "Invoice",
                        None,
                        minor,
                    ));
                }
            }
            (None, Some(given)) if !given.is_empty() && given.len() <= 500 => {
                for (i, line) in given.iter().enumerate() {
                    let description = line.description.trim();
                    if description.is_empty() || description.chars().count() > 200 {
                        e.push(
                            &format!("lines[{i}].description"),
                            "invalid_description",
                            "must be 1 to 200 characters",
                        );
                    }
                    let quantity = line.quantity.unwrap_or(1);
                    if !(1..=1_000_000).contains(&quantity) {
                        e.push(
                            &format!("lines[{i}].quantity"),
                            "out_of_range",
                            "must be from 1 to 1000000",
                        );
                    }
                    let unit = e.check(
                        &format!("lines[{i}].unit_amount"),
                        |_| "invalid_amount",
                        parse_amount(&line.unit_amount, self.currency),
                    );
                    if let Some(unit) = unit {
                        match unit.checked_mul(quantity) {
                            Some(amount) => lines.push(InvoiceLine {
                                kind: LineKind::OneOff,
                                description: description.to_owned(),
                                period: None,
                                quantity,
                                unit_amount: unit,
                                amount,
                            }),
                            None => e.push(
                                &format!("lines[{i}].quantity"),
                                "too_large",
                                "quantity × unit_amount is too large",
                            ),
                        }
                    }
                }
            }
            (None, Some(_)) => e.push("lines", "invalid_lines", "give 1 to 500 lines"),
            (Some(_), Some(_)) => e.push(
                "amount",
                "amount_and_lines",
                "give either amount or lines, not both",
            ),
            // An empty invoice (a draft to fill in elsewhere, or a zero record).
            (None, None) => {}
        }
        if let (Some(issued), Some(due)) = (self.issued_at, self.due_at)
            && due < issued
        {
            e.push("due_at", "before_issued", "must not be before issued_at");
        }
        e.into_result()?;
        Ok((number, lines))
    }
}

/// Record a payment against an open invoice (partial payments allowed).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"amount": "19.90", "method": "bank_transfer", "reference": "SEPA 2026-02-03"})))]
pub struct RecordPaymentRequest {
    /// At most the amount still due.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$")
    )]
    pub amount: String,
    pub method: PaymentMethodKind,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub reference: Option<String>,
    /// Default now; not in the future.
    #[serde(default)]
    pub paid_at: Option<DateTime<Utc>>,
}

string_enum!(/// How a payment was made.
    PaymentMethodKind { Card => "card", BankTransfer => "bank_transfer", Cash => "cash", Check => "check", Other => "other" }
);

/// A payment or failed charge on an invoice.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub id: i64,
    pub invoice_id: i64,
    pub tenant_id: i64,
    pub amount: String,
    pub currency: Currency,
    pub method: String,
    /// `manual` or the provider that charged (`sandbox`).
    pub provider: String,
    pub reference: Option<String>,
    /// `succeeded` or `failed`.
    pub status: String,
    pub failure_code: Option<String>,
    pub paid_at: DateTime<Utc>,
}
