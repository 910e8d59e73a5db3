//! How often a subscription is billed.

use serde::{Deserialize, Serialize};

string_enum!(/// A billing cycle: the length of one subscription period.
    BillingCycle { Monthly => "monthly", Quarterly => "quarterly", Yearly => "yearly" }
);

impl BillingCycle {
    /// Calendar months in one period (1, 3, 12).
    pub fn months(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Quarterly => 3,
            Self::Yearly => 12,
        }
    }

    /// How many periods of this cycle make a year (12, 4, 1): used to compare prices of
    /// different cycles and to normalise recurring revenue.
    pub fn periods_per_year(self) -> i64 {
        match self {
            Self::Monthly => 12,
            Self::Quarterly => 4,
            Self::Yearly => 1,
        }
    }

    /// A price per period of this cycle, normalised to a year (`price × periods_per_year`),
    /// saturating rather than overflowing.
    pub fn yearly_price(self, price: i64) -> i64 {
        price.saturating_mul(self.periods_per_year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cycle_divides_a_year_into_whole_periods() {
        for cycle in BillingCycle::ALL {
            assert_eq!(
                i64::from(cycle.months()) * cycle.periods_per_year(),
                12,
                "{cycle:?}"
            );
        }
        assert_eq!(BillingCycle::Monthly.months(), 1);
        assert_eq!(BillingCycle::Quarterly.months(), 3);
        assert_eq!(BillingCycle::Yearly.months(), 12);
    }

    #[test]
    fn yearly_price_normalises_each_cycle() {
        assert_eq!(BillingCycle::Monthly.yearly_price(1000), 12_000);
        assert_eq!(BillingCycle::Quarterly.yearly_price(2500), 10_000);
        assert_eq!(BillingCycle::Yearly.yearly_price(10_000), 10_000);
        assert_eq!(BillingCycle::Monthly.yearly_price(i64::MAX), i64::MAX);
    }

    #[test]
    fn cycles_parse_from_their_wire_names() {
        for cycle in BillingCycle::ALL {
            assert_eq!(BillingCycle::parse(cycle.as_str()), Some(cycle));
        }
        assert_eq!(BillingCycle::parse("weekly"), None);
        assert_eq!(BillingCycle::parse("Monthly"), None);
    }
}
