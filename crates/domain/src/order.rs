//! Customers' orders: where one stands, and which count as notable.

use serde::{Deserialize, Serialize};

string_enum!(/// Where an order stands.
    OrderStatus { Pending => "pending", Paid => "paid", Fulfilled => "fulfilled", Cancelled => "cancelled", Refunded => "refunded" }
);

/// Orders at or above this many minor units appear in a customer's account history.
pub const NOTABLE_ORDER_MINOR: i64 = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_states_do_not_parse() {
        assert_eq!(OrderStatus::parse("lost"), None);
        assert_eq!(OrderStatus::parse("paid"), Some(OrderStatus::Paid));
    }
}
