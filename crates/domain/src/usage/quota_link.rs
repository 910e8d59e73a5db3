//! A meter's `quota`: the capability quota its usage is measured against. A counter that
//! adds up events (`sum` or `count`) *feeds* a consumable quota, so each accepted event
//! consumes it; a gauge (how many devices exist, how much storage is used) is *compared*
//! with an allocation quota, whose limit its chart draws as a line. Other pairs would mean
//! nothing (a `max` of events is no amount used up; a gauge's value is no consumption).

use super::{Aggregation, MeterKind};
use crate::capability::{MAX_AMOUNT, QuotaKind};

/// What a meter does with its quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaLink {
    /// Every accepted event consumes the quota by its amount.
    Feeds,
    /// The quota's limit is a line on the meter's chart; nothing is consumed.
    Compares,
}

/// Whether a meter of `kind` and `aggregation` can consume a quota at all: a counter that adds
/// events up. Ingestion asks this before looking the quota up, so the gauges compared with a
/// quota (devices, storage) cost nothing per batch.
pub fn may_feed(kind: MeterKind, aggregation: Aggregation) -> bool {
    kind == MeterKind::Counter && matches!(aggregation, Aggregation::Sum | Aggregation::Count)
}

/// Whether a meter of `kind` and `aggregation` may name a quota of `quota`, and how.
pub fn quota_link(
    kind: MeterKind,
    aggregation: Aggregation,
    quota: QuotaKind,
) -> Result<QuotaLink, &'static str> {
    match (kind, aggregation, quota) {
        (_, _, QuotaKind::Consumable) if may_feed(kind, aggregation) => Ok(QuotaLink::Feeds),
        (MeterKind::Counter, _, QuotaKind::Consumable) => {
            Err("only a sum or count counter consumes a quota")
        }
        (MeterKind::Counter, _, _) => Err("a counter can feed only a consumable quota"),
        (MeterKind::Gauge, _, QuotaKind::Allocation) => Ok(QuotaLink::Compares),
        (MeterKind::Gauge, _, _) => Err("a gauge can be compared only with an allocation quota"),
    }
}

/// How much of a fed quota a batch's accepted events of one tenant take: their amounts
/// added up (a `count` meter's events are one each), rounded up to a whole unit, since
/// quotas count whole units and usage must not slip under the limit by rounding. At most
/// [`MAX_AMOUNT`], what one consume may take.
pub fn consumed_amount(aggregation: Aggregation, values: impl IntoIterator<Item = f64>) -> i64 {
    let total: f64 = match aggregation {
        Aggregation::Count => values.into_iter().count() as f64,
        _ => values.into_iter().filter(|v| *v > 0.0).sum(),
    };
    total.ceil().clamp(0.0, MAX_AMOUNT as f64) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_feed_consumables_and_gauges_compare_with_allocations() {
        use Aggregation::*;
        use MeterKind::*;
        use QuotaKind::*;
        assert_eq!(quota_link(Counter, Sum, Consumable), Ok(QuotaLink::Feeds));
        assert_eq!(quota_link(Counter, Count, Consumable), Ok(QuotaLink::Feeds));
        assert_eq!(
            quota_link(Gauge, Latest, Allocation),
            Ok(QuotaLink::Compares)
        );
        assert_eq!(quota_link(Gauge, Max, Allocation), Ok(QuotaLink::Compares));
        assert!(quota_link(Counter, Max, Consumable).is_err());
        assert!(quota_link(Counter, UniqueCount, Consumable).is_err());
        assert!(quota_link(Counter, Sum, Allocation).is_err());
        assert!(quota_link(Counter, Sum, Concurrent).is_err());
        assert!(quota_link(Gauge, Latest, Consumable).is_err());
        assert!(may_feed(Counter, Sum) && may_feed(Counter, Count));
        assert!(!may_feed(Gauge, Latest) && !may_feed(Counter, Max));
    }

    #[test]
    fn a_batch_consumes_its_sum_rounded_up_or_its_count() {
        assert_eq!(consumed_amount(Aggregation::Sum, [1.0, 2.0, 3.0]), 6);
        assert_eq!(consumed_amount(Aggregation::Sum, [0.25, 0.25]), 1);
        assert_eq!(consumed_amount(Aggregation::Sum, [-5.0, 2.0]), 2);
        assert_eq!(consumed_amount(Aggregation::Count, [7.0, 0.0, 9.0]), 3);
        assert_eq!(
            consumed_amount(Aggregation::Sum, [f64::MAX, f64::MAX]),
            MAX_AMOUNT
        );
        assert_eq!(consumed_amount(Aggregation::Sum, []), 0);
    }
}
