//! What a seeded customer's billing depends on, drawn from a stream of its own: when it signed
//! up, where it is (hence its currency and tax), and the status an operator gave it. Drawing
//! these apart from names and activity lets the seed walk every customer's billing once before
//! loading (to number invoices in issue order) without generating everything twice.

use crate::demo_data::PLACES;
use chrono::{Duration, NaiveDateTime};
use landlord_domain::TenantStatus;
use rand::Rng;
use rand::rngs::StdRng;

/// When the seeded customers signed up: one after another over the two years before the
/// seed's now, so that, as in a real database, a later id means a later sign-up (and the newest
/// first order reads the table backwards rather than at random).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeline {
    pub start: NaiveDateTime,
    pub now: NaiveDateTime,
    first_id: i64,
    step_seconds: i64,
}

impl Timeline {
    const SPAN_SECONDS: i64 = 730 * 24 * 60 * 60;

    pub fn new(now: NaiveDateTime, first_id: i64, tenants: u32) -> Self {
        Self {
            start: now - Duration::seconds(Self::SPAN_SECONDS),
            now,
            first_id,
            step_seconds: (Self::SPAN_SECONDS / i64::from(tenants.max(1))).max(1),
        }
    }

    /// Somewhere within the tenant's own step of the timeline.
    pub fn signed_up(self, id: i64, rng: &mut StdRng) -> NaiveDateTime {
        let step = id - self.first_id;
        self.start
            + Duration::seconds(self.step_seconds * step + rng.gen_range(0..self.step_seconds))
    }

    /// 1 to `max_hours` hours after `from`, and never after now.
    pub fn hours_after(
        self,
        from: NaiveDateTime,
        max_hours: i64,
        rng: &mut StdRng,
    ) -> NaiveDateTime {
        let available = (self.now - from).num_hours().clamp(2, max_hours.max(2));
        (from + Duration::hours(rng.gen_range(1..available))).min(self.now)
    }

    /// 0 to `max_days - 1` whole days after `from`, and never after now.
    pub fn days_after(self, from: NaiveDateTime, max_days: i64, rng: &mut StdRng) -> NaiveDateTime {
        let available = (self.now - from).num_days().clamp(1, max_days.max(1));
        (from + Duration::days(rng.gen_range(0..available))).min(self.now)
    }
}

/// Country, currency, city, street.
pub(crate) type Place = (&'static str, &'static str, &'static str, &'static str);

/// One customer's skeleton.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Skeleton {
    pub id: i64,
    pub created_at: NaiveDateTime,
    pub place: Place,
    /// The status an operator gave it (dunning may suspend an active one later).
    pub status: TenantStatus,
    /// When a customer that is not active changed status: 45 days after signing up, or half
    /// way to now for a recent one.
    pub status_changed_at: Option<NaiveDateTime>,
}

impl Skeleton {
    pub fn draw(rng: &mut StdRng, timeline: Timeline, id: i64) -> Self {
        let created_at = timeline.signed_up(id, rng);
        let place = PLACES[rng.gen_range(0..PLACES.len())];
        let status = match rng.gen_range(0..100) {
            0..85 => TenantStatus::Active,
            85..93 => TenantStatus::Suspended,
            _ => TenantStatus::Inactive,
        };
        let status_changed_at = (status != TenantStatus::Active)
            .then(|| created_at + Duration::days(45).min((timeline.now - created_at) / 2));
        Self {
            id,
            created_at,
            place,
            status,
            status_changed_at,
        }
    }

    pub fn currency(&self) -> &'static str {
        self.place.1
    }

    pub fn country(&self) -> &'static str {
        self.place.0
    }
}

#[cfg(test)]
mod tests {
    use super::{StdRng, Timeline};
    use chrono::NaiveDate;
    use rand::SeedableRng;

    #[test]
    fn later_ids_signed_up_later_within_the_two_years_before_now() {
        let now = NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let timeline = Timeline::new(now, 2, 1_000);
        let mut rng = StdRng::seed_from_u64(7);
        let times: Vec<_> = (2..1_002)
            .map(|id| timeline.signed_up(id, &mut rng))
            .collect();
        assert!(times.windows(2).all(|pair| pair[0] <= pair[1]));
        assert!(times[0] >= now - chrono::Duration::days(730));
        assert!(times[999] < now);
    }

    #[test]
    fn activity_after_a_recent_sign_up_never_lies_after_now() {
        let now = NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap();
        let timeline = Timeline::new(now, 2, 10);
        let mut rng = StdRng::seed_from_u64(3);
        for back in [0, 1, 30, 3_000] {
            let from = now - chrono::Duration::hours(back);
            for _ in 0..50 {
                assert!(timeline.hours_after(from, 8_000, &mut rng) <= now);
                assert!(timeline.days_after(from, 60, &mut rng) <= now);
            }
        }
    }
}
