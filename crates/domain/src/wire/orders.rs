//! A customer's orders on the wire.

use super::common::{FieldErrors, integer};
use super::documents::check_number;
use crate::money::{Currency, parse_amount};
use crate::order::OrderStatus;
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
