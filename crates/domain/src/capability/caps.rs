//! Licence and hierarchy caps: the arithmetic of a sum of limits under a bound. A bound is a
//! quota's licence number (over the management tenant's direct subtenants) or a parent's own
//! limit (over what it hands out to its direct subtenants). The operations layer loads the
//! limits before and after a change and asks [`judge`] whether the change may stand.

use super::UNLIMITED;

/// A sum of limits: the finite total, and whether any of them is unlimited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allocation {
    pub total: i64,
    pub unlimited: bool,
}

impl Allocation {
    /// The sum of `limits`, where `-1` is unlimited; saturating, never wrapping.
    pub fn of(limits: impl IntoIterator<Item = i64>) -> Self {
        limits.into_iter().fold(Self::default(), |a, limit| {
            if limit == UNLIMITED {
                Self {
                    unlimited: true,
                    ..a
                }
            } else {
                Self {
                    total: a.total.saturating_add(limit.max(0)),
                    ..a
                }
            }
        })
    }

    /// How far the sum is above `bound` (`None`: no bound): 0 when within it, `i64::MAX`
    /// when something unlimited is under a bound.
    pub fn excess(self, bound: Option<i64>) -> i64 {
        match bound {
            None => 0,
            Some(_) if self.unlimited => i64::MAX,
            Some(bound) => (self.total - bound).max(0),
        }
    }

    /// The sum on the wire: `None` when something is unlimited.
    pub fn finite(self) -> Option<i64> {
        (!self.unlimited).then_some(self.total)
    }
}

/// What is left under `cap` once `allocated` is handed out: never negative, and 0 once
/// anything unlimited is counted.
pub fn available(cap: i64, allocated: Allocation) -> i64 {
    if allocated.unlimited {
        0
    } else {
        (cap - allocated.total).max(0)
    }
}

/// A bound and the limits under it, at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capped {
    /// `None`: nothing bounds the sum (no licence number; a parent that is unlimited).
    pub bound: Option<i64>,
    pub allocation: Allocation,
}

impl Capped {
    pub fn excess(self) -> i64 {
        self.allocation.excess(self.bound)
    }
}

/// A change the bound refuses: the numbers the problem names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapBreach {
    pub cap: i64,
    /// What was handed out before the change.
    pub allocated: Allocation,
    /// What the change would have handed out.
    pub requested: Allocation,
}

/// Whether a change from `before` to `after` may stand: refused only when it leaves the sum
/// further above its bound than it was (so a change that lowers an old excess, or does not
/// touch it, goes through; nothing already handed out is taken back).
pub fn judge(before: Capped, after: Capped) -> Result<(), CapBreach> {
    match after.bound {
        Some(cap) if after.excess() > before.excess() => Err(CapBreach {
            cap,
            allocated: before.allocation,
            requested: after.allocation,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn capped(bound: Option<i64>, limits: &[i64]) -> Capped {
        Capped {
            bound,
            allocation: Allocation::of(limits.iter().copied()),
        }
    }

    #[test]
    fn an_unlimited_limit_makes_the_sum_unlimited() {
        let a = Allocation::of([3, UNLIMITED, 4]);
        assert_eq!(
            a,
            Allocation {
                total: 7,
                unlimited: true
            }
        );
        assert_eq!(a.finite(), None);
        assert_eq!(a.excess(Some(100)), i64::MAX);
        assert_eq!(a.excess(None), 0);
        assert_eq!(available(100, a), 0);
    }

    #[test]
    fn headroom_is_the_cap_less_the_sum_never_below_zero() {
        assert_eq!(available(10, Allocation::of([3, 4])), 3);
        assert_eq!(available(10, Allocation::of([6, 6])), 0);
        assert_eq!(available(0, Allocation::of([])), 0);
    }

    #[test]
    fn a_change_past_the_cap_is_refused_with_the_numbers() {
        let before = capped(Some(10), &[4, 4]);
        let after = capped(Some(10), &[4, 7]);
        assert_eq!(
            judge(before, after),
            Err(CapBreach {
                cap: 10,
                allocated: Allocation::of([8]),
                requested: Allocation::of([11]),
            })
        );
        assert!(judge(before, capped(Some(10), &[4, 6])).is_ok());
        assert!(judge(before, capped(Some(10), &[4, UNLIMITED])).is_err());
        assert!(judge(before, capped(None, &[4, UNLIMITED])).is_ok());
    }

    #[test]
    fn lowering_the_cap_below_the_sum_is_refused_but_lowering_an_old_excess_is_not() {
        assert!(judge(capped(Some(10), &[8]), capped(Some(7), &[8])).is_err());
        assert!(judge(capped(None, &[8]), capped(Some(8), &[8])).is_ok());
        assert!(judge(capped(Some(5), &[9]), capped(Some(5), &[7])).is_ok());
        assert!(judge(capped(Some(5), &[9]), capped(Some(5), &[10])).is_err());
    }

    proptest! {
        /// Starting within the bound, every change `judge` lets through stays within it.
        #[test]
        fn what_judge_admits_stays_within_the_bound(
            cap in 0..100_i64,
            limits in prop::collection::vec(-1..40_i64, 0..8),
            changes in prop::collection::vec((0..8_usize, -1..40_i64), 0..40),
        ) {
            let mut current: Vec<i64> = vec![0; limits.len()];
            let mut state = capped(Some(cap), &current);
            for (i, limit) in limits.iter().enumerate().chain(changes.iter().map(|(i, l)| (*i, l))) {
                if current.is_empty() { break; }
                let mut next = current.clone();
                let i = i % next.len();
                next[i] = *limit;
                let candidate = capped(Some(cap), &next);
                if judge(state, candidate).is_ok() {
                    current = next;
                    state = candidate;
                }
                prop_assert!(!state.allocation.unlimited);
                prop_assert!(state.allocation.total <= cap);
                prop_assert_eq!(state.allocation.total + available(cap, state.allocation), cap);
            }
        }
    }
}
