//! Support: customers' tickets, their states and priorities.

use serde::{Deserialize, Serialize};

string_enum!(/// Where a support ticket stands.
    TicketStatus { Open => "open", Pending => "pending", Closed => "closed" }
);

string_enum!(/// How urgent a support ticket is.
    TicketPriority { Low => "low", Normal => "normal", High => "high", Urgent => "urgent" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_parse_by_name() {
        assert_eq!(
            TicketPriority::parse("urgent"),
            Some(TicketPriority::Urgent)
        );
        assert_eq!(TicketStatus::parse("closed"), Some(TicketStatus::Closed));
    }
}
