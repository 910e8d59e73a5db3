//! Billing: invoices and their states (plans, subscriptions and payments join here).

use serde::{Deserialize, Serialize};

string_enum!(/// Where an invoice stands; only `paid` invoices count as revenue.
    InvoiceStatus { Draft => "draft", Open => "open", Paid => "paid", Void => "void" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(*s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
