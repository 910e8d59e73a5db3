//! Applications (seed 003): the catalogue's kinds of application, how a microservice is
//! billed and isolated, who is charged for its resources, and the status a runtime's report
//! of its instances amounts to.

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
