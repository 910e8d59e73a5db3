//! How often a subscription is billed.

use serde::{Deserialize, Serialize};

string_enum!(/// A billing cycle: the length of one subscription period.
    BillingCycle { Monthly => "monthly", Quarterly => "quarterly", Yearly => "yearly" }
);

impl BillingCycle {
    /// Calendar months in one period (1, 3, 12).
    pub fn months(self) -> u32 {
        todo!()
    }

    /// How many periods of this cycle make a year (12, 4, 1): used to compare prices of
    /// different cycles and to normalise recurring revenue.
    pub fn periods_per_year(self) -> i64 {
        todo!()
    }
}
