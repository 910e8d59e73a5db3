//! Invoice numbers for a bulk load, in issue order: gapless per year, continuing the issuer's
//! sequence, and increasing with the issue time (to the minute; invoices issued within the
//! same minute are numbered in load order). The load walks its invoices once to count them
//! per minute ([`Counter`]), then hands out numbers as it writes them ([`Numbers`]).

use chrono::{Datelike, Duration, NaiveDateTime};
use std::collections::BTreeMap;

/// Invoices to be issued, counted per minute from `base`.
pub(crate) struct Counter {
    base: NaiveDateTime,
    per_minute: Vec<u32>,
}

impl Counter {
    /// Counts invoices issued from `from` to `to`, both included.
    pub fn new(from: NaiveDateTime, to: NaiveDateTime) -> Self {
        let base = minute_floor(from);
        let minutes = (to - base).num_minutes().max(0) as usize + 1;
        Self {
            base,
            per_minute: vec![0; minutes],
        }
    }

    pub fn add(&mut self, issued_at: NaiveDateTime) {
        let index = self.index(issued_at);
        if let Some(count) = self.per_minute.get_mut(index) {
            *count += 1;
        }
    }

    fn index(&self, at: NaiveDateTime) -> usize {
        (at - self.base).num_minutes().max(0) as usize
    }

    /// The numbers of the counted invoices, each year's continuing from `last_used[year]`.
    pub fn numbers(self, last_used: &BTreeMap<i32, i64>) -> Numbers {
        let mut next = Vec::with_capacity(self.per_minute.len());
        let mut last = last_used.clone();
        let mut year = None;
        let mut taken = 0_i64;
        for (minute, count) in self.per_minute.iter().enumerate() {
            let y = (self.base + Duration::minutes(minute as i64)).year();
            if year != Some(y) {
                year = Some(y);
                taken = last_used.get(&y).copied().unwrap_or(0);
            }
            next.push(taken + 1);
            taken += i64::from(*count);
            if *count > 0 {
                last.insert(y, taken);
            }
        }
        Numbers {
            counter: Counter {
                base: self.base,
                per_minute: Vec::new(),
            },
            next,
            last,
        }
    }
}

/// Hands out the counted invoices' numbers.
pub(crate) struct Numbers {
    counter: Counter,
    /// The next number of each minute.
    next: Vec<i64>,
    /// The last number each year will have used once every counted invoice is numbered.
    last: BTreeMap<i32, i64>,
}

impl Numbers {
    /// The year and sequence value of the next invoice issued at `issued_at` (which must have
    /// been counted).
    pub fn take(&mut self, issued_at: NaiveDateTime) -> (i32, i64) {
        let index = self.counter.index(issued_at).min(self.next.len() - 1);
        let n = self.next[index];
        self.next[index] += 1;
        (issued_at.year(), n)
    }

    /// Each year's last number, for the issuer's sequence rows.
    pub fn last_used(&self) -> &BTreeMap<i32, i64> {
        &self.last
    }
}

fn minute_floor(at: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .unwrap()
    }

    #[test]
    fn numbers_follow_the_issue_time_and_restart_each_year_after_what_was_used() {
        let times = [
            at(2026, 12, 31, 23, 59),
            at(2025, 6, 1, 10, 0),
            at(2026, 1, 1, 0, 0),
            at(2025, 6, 1, 9, 0),
            at(2026, 1, 1, 0, 0),
        ];
        let mut counter = Counter::new(at(2025, 1, 1, 0, 0), at(2026, 12, 31, 23, 59));
        for t in times {
            counter.add(t);
        }
        let mut numbers = counter.numbers(&BTreeMap::from([(2026, 7)]));
        let taken: Vec<_> = times.iter().map(|t| numbers.take(*t)).collect();
        assert_eq!(
            taken,
            [(2026, 10), (2025, 2), (2026, 8), (2025, 1), (2026, 9)]
        );
        assert_eq!(
            numbers.last_used(),
            &BTreeMap::from([(2025, 2), (2026, 10)])
        );
    }
}
