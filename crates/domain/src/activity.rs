//! A customer's activity: orders, invoices and support tickets, and their states.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

string_enum!(
    /// Where an order stands.
    OrderStatus { Pending => "pending", Paid => "paid", Fulfilled => "fulfilled", Cancelled => "cancelled", Refunded => "refunded" }
);
string_enum!(
    /// Where an invoice stands; only `paid` invoices count as revenue.
    InvoiceStatus { Draft => "draft", Open => "open", Paid => "paid", Void => "void" }
);
string_enum!(
    /// Where a support ticket stands.
    TicketStatus { Open => "open", Pending => "pending", Closed => "closed" }
);
string_enum!(
    /// How urgent a support ticket is.
    TicketPriority { Low => "low", Normal => "normal", High => "high", Urgent => "urgent" }
);

/// Orders at or above this many minor units appear in a customer's account history.
pub const NOTABLE_ORDER_MINOR: i64 = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(*s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(
            TicketPriority::parse("urgent"),
            Some(TicketPriority::Urgent)
        );
        assert_eq!(OrderStatus::parse("lost"), None);
    }
}
