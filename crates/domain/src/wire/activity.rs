use super::common::{FieldErrors, integer};
use crate::activity::{InvoiceStatus, OrderStatus, TicketPriority, TicketStatus};
use crate::money::{Currency, parse_amount};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An order a customer placed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    pub id: i64,
    pub tenant_id: i64,
    /// The customer's name, read with the row: a list names every row's customer as is.
    pub tenant_name: String,
    pub number: String,
    pub status: OrderStatus,
    /// Exact decimal amount, e.g. `"19.90"`.
    pub total: String,
    pub currency: Currency,
    pub placed_at: DateTime<Utc>,
}

/// An invoice issued to a customer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceView {
    pub id: i64,
    pub tenant_id: i64,
    /// The customer's name, read with the row: a list names every row's customer as is.
    pub tenant_name: String,
    pub number: String,
    pub status: InvoiceStatus,
    /// Exact decimal amount, e.g. `"19.90"`.
    pub amount: String,
    pub currency: Currency,
    pub issued_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
}

/// A customer's support ticket.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketView {
    pub id: i64,
    pub tenant_id: i64,
    /// The customer's name, read with the row: a list names every row's customer as is.
    pub tenant_name: String,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: TicketPriority,
    pub created_at: DateTime<Utc>,
}

/// Record an order. The server fills `number` (`ORD-<id>`), `status` (`pending`) and
/// `placed_at` (now) when absent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant_id": 2, "total": "19.90", "currency": "EUR"})))]
pub struct CreateOrderRequest {
    #[serde(deserialize_with = "integer::required")]
    pub tenant_id: i64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_/.-]{1,40}$"))]
    pub number: Option<String>,
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// Decimal string, e.g. `"19.90"`: at most 15 digits before the point and as many
    /// decimals as the currency has (JPY none, the others two).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$")
    )]
    pub total: String,
    pub currency: Currency,
    #[serde(default)]
    pub placed_at: Option<DateTime<Utc>>,
}

/// Issue an invoice. The server fills `number` (`INV-<id>`), `status` (`draft`) and
/// `issued_at` (now) when absent.
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
    pub status: Option<InvoiceStatus>,
    /// Decimal string, e.g. `"19.90"`: at most 15 digits before the point and as many
    /// decimals as the currency has (JPY none, the others two).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$")
    )]
    pub amount: String,
    pub currency: Currency,
    #[serde(default)]
    pub issued_at: Option<DateTime<Utc>>,
    /// Not before `issued_at`.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
}

/// Open a support ticket. `status` defaults to `open`, `priority` to `normal`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"tenant_id": 2, "subject": "Cannot export the customer list", "priority": "high"})))]
pub struct CreateTicketRequest {
    #[serde(deserialize_with = "integer::required")]
    pub tenant_id: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\s\S]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\s\S]*$",
            min_length = 1,
            max_length = 200
        )
    )]
    pub subject: String,
    #[serde(default)]
    pub status: Option<TicketStatus>,
    #[serde(default)]
    pub priority: Option<TicketPriority>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// A document number such as `ORD-1042`: 1 to 40 letters, digits, `-`, `_`, `/`, `.`, as
/// sent (`patterns::NUMBER`).
pub fn check_number(errors: &mut FieldErrors, number: Option<&str>) -> Option<String> {
    let number = number?;
    let ok = !number.is_empty()
        && number.len() <= 40
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c));
    if ok {
        Some(number.to_owned())
    } else {
        errors.push(
            "number",
            "invalid_number",
            "must be 1 to 40 letters, digits, or - _ / .",
        );
        None
    }
}

impl CreateOrderRequest {
    /// The number (if given) and the total in minor units.
    pub fn parse(&self) -> Result<(Option<String>, i64), FieldErrors> {
        let mut e = FieldErrors::default();
        let number = check_number(&mut e, self.number.as_deref());
        let total = e.check(
            "total",
            |_| "invalid_amount",
            parse_amount(&self.total, self.currency),
        );
        e.into_result()?;
        Ok((number, total.unwrap_or_default()))
    }
}

impl CreateInvoiceRequest {
    pub fn parse(&self) -> Result<(Option<String>, i64), FieldErrors> {
        let mut e = FieldErrors::default();
        let number = check_number(&mut e, self.number.as_deref());
        let amount = e.check(
            "amount",
            |_| "invalid_amount",
            parse_amount(&self.amount, self.currency),
        );
        if let (Some(issued), Some(due)) = (self.issued_at, self.due_at)
            && due < issued
        {
            e.push("due_at", "before_issued", "must not be before issued_at");
        }
        e.into_result()?;
        Ok((number, amount.unwrap_or_default()))
    }
}

impl CreateTicketRequest {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::default();
        // Counted as sent, as the OpenAPI document's `maxLength` counts; stored trimmed.
        let subject = self.subject.trim();
        if subject.is_empty() {
            e.push("subject", "blank", "must not be blank");
        } else if self.subject.chars().count() > 200 {
            e.push("subject", "too_long", "must be at most 200 characters long");
        }
        e.into_result()?;
        Ok(subject.to_owned())
    }
}
