//! Applications (seed 003): the catalogue's kinds of application, how a microservice is
//! billed and isolated, who is charged for its resources, and the status a runtime's report
//! of its instances amounts to.

pub mod usage;

use serde::{Deserialize, Serialize};

string_enum!(/// What an application is.
    ApplicationType {
        /// A web application: nothing runs on its behalf, so it has no status.
        Web => "web",
        /// A microservice hosted by a runtime that reports its instances.
        Microservice => "microservice",
    }
);

string_enum!(/// How a microservice is billed (its manifest's `billingMode`).
    BillingMode {
        /// A fixed price per subscribed tenant; the resources count for the owner.
        Subscription => "subscription",
        /// The resources used are what is billed (see [`resources_charged_to`]).
        Resources => "resources",
    }
);

string_enum!(/// How a microservice's instances are shared among its subscribers.
    Isolation {
        /// Instances of their own for every subscribed tenant.
        PerTenant => "per_tenant",
        /// One set of instances serves every subscribed tenant.
        MultiTenant => "multi_tenant",
    }
);

string_enum!(/// A microservice's health, from the runtime's last report.
    ApplicationStatus {
        /// Every desired instance is active and none is unhealthy.
        Up => "up",
        /// Some instances run, but fewer than desired or some are unhealthy.
        Unhealthy => "unhealthy",
        /// No instance is active, or the runtime never reported any.
        Down => "down",
    }
);

string_enum!(/// Whose usage a microservice's resources count as (seed 003's table).
    ResourcePayer {
        /// The tenant that owns the microservice.
        Owner => "owner",
        /// The subscribed tenant.
        Subscriber => "subscriber",
    }
);

/// Who is charged for the resources a microservice uses, by billing mode and isolation:
/// subscription billing always charges the owner (the subscriber pays the price); resource
/// billing charges the subscriber of a per-tenant microservice and the owner of a
/// multi-tenant one.
pub fn resources_charged_to(mode: BillingMode, isolation: Isolation) -> ResourcePayer {
    match (mode, isolation) {
        (BillingMode::Subscription, _) => ResourcePayer::Owner,
        (BillingMode::Resources, Isolation::PerTenant) => ResourcePayer::Subscriber,
        (BillingMode::Resources, Isolation::MultiTenant) => ResourcePayer::Owner,
    }
}

string_enum!(/// Why a tenant is charged for a microservice's resources (seed 003's `cause`).
    UsageCause {
        /// The tenant owns the microservice.
        Owner => "Owner",
        /// The tenant subscribed to it.
        SubscriptionForTenant => "Subscription for tenant",
    }
);

impl ResourcePayer {
    /// The `cause` the payer's usage line carries.
    pub fn cause(self) -> UsageCause {
        match self {
            Self::Owner => UsageCause::Owner,
            Self::Subscriber => UsageCause::SubscriptionForTenant,
        }
    }
}

/// Seconds in a day, the unit a day's resources are counted in.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// A day's resources of a microservice, counted at its manifest's limits per instance: CPU
/// in millicores and memory in MB, each weighted by the share of the day it ran.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyResources {
    pub cpu_millicores: f64,
    pub memory_mb: f64,
}

/// The resources counted for `instance_seconds` of a day: the seconds each instance ran,
/// summed (a subscription for the whole day with one instance is 86,400; a second instance
/// for three hours adds 10,800).
pub fn daily_resources(
    cpu_millicores: i64,
    memory_mb: i64,
    instance_seconds: i64,
) -> DailyResources {
    let share = instance_seconds as f64 / SECONDS_PER_DAY as f64;
    DailyResources {
        cpu_millicores: cpu_millicores as f64 * share,
        memory_mb: memory_mb as f64 * share,
    }
}

/// How many seconds of the half-open range `[from, to)` fall within `[day_start,
/// day_start + 1 day)`: a subscription's or an instance's share of a day.
pub fn seconds_within_day(
    day_start: chrono::NaiveDateTime,
    from: chrono::NaiveDateTime,
    to: chrono::NaiveDateTime,
) -> i64 {
    let day_end = day_start + chrono::Duration::seconds(SECONDS_PER_DAY);
    let start = from.max(day_start);
    let end = to.min(day_end);
    (end - start).num_seconds().max(0)
}

/// A runtime's counts of a microservice's instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InstanceCounts {
    pub active: i64,
    pub unhealthy: i64,
    pub desired: i64,
}

/// The status the counts amount to; `None` (never reported) is down.
pub fn status(counts: Option<InstanceCounts>) -> ApplicationStatus {
    match counts {
        None => ApplicationStatus::Down,
        Some(c) if c.active == 0 => ApplicationStatus::Down,
        Some(c) if c.unhealthy > 0 || c.active < c.desired => ApplicationStatus::Unhealthy,
        Some(_) => ApplicationStatus::Up,
    }
}

/// An application's key: a lowercase letter, then up to 63 lowercase letters, digits or
/// `-` (a slug, as in `/applications/{key}`). Unique and immutable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApplicationKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a lowercase letter followed by up to 63 lowercase letters, digits or -")]
pub struct InvalidApplicationKey;

impl ApplicationKey {
    pub fn parse(s: &str) -> Result<Self, InvalidApplicationKey> {
        let mut chars = s.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if first_ok && rest_ok && s.len() <= 64 {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidApplicationKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The most instances a report may list, and the most of each count.
pub const MAX_INSTANCES: i64 = 1000;
/// The most CPU an instance may be given, in millicores (64 cores).
pub const MAX_CPU_MILLICORES: i64 = 64_000;
/// The most memory an instance may be given, in MB (1 TB).
pub const MAX_MEMORY_MB: i64 = 1_048_576;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn resource_usage_is_assigned_by_seed_003s_table() {
        use BillingMode::*;
        use Isolation::*;
        assert_eq!(
            resources_charged_to(Subscription, PerTenant),
            ResourcePayer::Owner
        );
        assert_eq!(
            resources_charged_to(Subscription, MultiTenant),
            ResourcePayer::Owner
        );
        assert_eq!(
            resources_charged_to(Resources, PerTenant),
            ResourcePayer::Subscriber
        );
        assert_eq!(
            resources_charged_to(Resources, MultiTenant),
            ResourcePayer::Owner
        );
    }

    #[test]
    fn the_cause_names_why_the_payer_is_charged() {
        assert_eq!(ResourcePayer::Owner.cause().as_str(), "Owner");
        assert_eq!(
            ResourcePayer::Subscriber.cause().as_str(),
            "Subscription for tenant"
        );
    }

    fn at(h: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 10)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn twelve_hours_at_two_cpus_and_two_gigabytes_count_1000_millicores_and_1024_mb() {
        let subscribed = seconds_within_day(at(0), at(12), at(23) + chrono::Duration::hours(5));
        assert_eq!(subscribed, 12 * 3600);
        assert_eq!(
            daily_resources(2000, 2048, subscribed),
            DailyResources {
                cpu_millicores: 1000.0,
                memory_mb: 1024.0
            }
        );
        // A second instance for three hours adds 3/24 of the limits.
        let second = seconds_within_day(at(0), at(13), at(16));
        assert_eq!(
            daily_resources(2000, 2048, subscribed + second),
            DailyResources {
                cpu_millicores: 1250.0,
                memory_mb: 1280.0
            }
        );
        // Outside the day counts nothing; a whole day counts the limits.
        assert_eq!(
            seconds_within_day(at(0), at(0) - chrono::Duration::hours(3), at(0)),
            0
        );
        assert_eq!(
            daily_resources(
                500,
                512,
                seconds_within_day(
                    at(0),
                    at(0) - chrono::Duration::days(2),
                    at(0) + chrono::Duration::days(2)
                )
            ),
            DailyResources {
                cpu_millicores: 500.0,
                memory_mb: 512.0
            }
        );
    }

    fn counts(active: i64, unhealthy: i64, desired: i64) -> Option<InstanceCounts> {
        Some(InstanceCounts {
            active,
            unhealthy,
            desired,
        })
    }

    #[test]
    fn a_microservice_is_up_only_with_every_desired_instance_active_and_healthy() {
        assert_eq!(status(counts(2, 0, 2)), ApplicationStatus::Up);
        assert_eq!(status(counts(3, 0, 2)), ApplicationStatus::Up);
        assert_eq!(status(counts(1, 0, 2)), ApplicationStatus::Unhealthy);
        assert_eq!(status(counts(2, 1, 2)), ApplicationStatus::Unhealthy);
        assert_eq!(status(counts(0, 2, 2)), ApplicationStatus::Down);
        assert_eq!(status(counts(0, 0, 0)), ApplicationStatus::Down);
        assert_eq!(status(None), ApplicationStatus::Down);
    }

    #[test]
    fn keys_are_slugs() {
        assert!(ApplicationKey::parse("cockpit").is_ok());
        assert!(ApplicationKey::parse("device-simulator2").is_ok());
        for bad in ["", "Cockpit", "2fa", "-x", "a_b", "a b", &"a".repeat(65)] {
            assert_eq!(
                ApplicationKey::parse(bad),
                Err(InvalidApplicationKey),
                "{bad}"
            );
        }
        assert!(ApplicationKey::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn the_enumerations_round_trip() {
        use crate::string_enum::tests::round_trips;
        round_trips(
            &ApplicationType::ALL,
            ApplicationType::as_str,
            ApplicationType::parse,
        );
        round_trips(&BillingMode::ALL, BillingMode::as_str, BillingMode::parse);
        round_trips(&Isolation::ALL, Isolation::as_str, Isolation::parse);
        round_trips(
            &ApplicationStatus::ALL,
            ApplicationStatus::as_str,
            ApplicationStatus::parse,
        );
    }
}
