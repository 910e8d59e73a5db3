//! A customer's invoices on the wire (billing's).

use super::common::{FieldErrors, integer};
use super::documents::check_number;
use crate::billing::InvoiceStatus;
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
    pub number: String,
    pub status: InvoiceStatus,
    /// Exact decimal amount, e.g. `"19.90"`.
    pub amount: String,
    pub currency: Currency,
    pub issued_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
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
