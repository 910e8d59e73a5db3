//! A tenant's subscription to a plan: its states.

use serde::{Deserialize, Serialize};

string_enum!(/// Where a subscription stands. `pending` while the first invoice of a plan paid in advance
    /// is open; `past_due` while an invoice is overdue; `paused` bills nothing; `canceled` is final.
    SubscriptionStatus {
        Trialing => "trialing", Active => "active", PastDue => "past_due", Paused => "paused",
        Canceled => "canceled", Pending => "pending"
    }
);

impl SubscriptionStatus {
    /// Whether the subscription is current (billable or about to be): all but `canceled`.
    pub fn is_current(self) -> bool {
        self != Self::Canceled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_but_canceled_is_current() {
        for status in SubscriptionStatus::ALL {
            assert_eq!(
                status.is_current(),
                status != SubscriptionStatus::Canceled,
                "{status:?}"
            );
        }
    }

    #[test]
    fn statuses_parse_from_their_wire_names() {
        for status in SubscriptionStatus::ALL {
            assert_eq!(SubscriptionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(
            SubscriptionStatus::parse("past_due"),
            Some(SubscriptionStatus::PastDue)
        );
        assert_eq!(SubscriptionStatus::parse("expired"), None);
    }
}
