//! String enumerations (statuses, roles, error codes, event names): each variant's wire name
//! is written once, beside it, and everything else is generated from it: `ALL`, `as_str`,
//! `parse`, and serde's name for the variant (`#[serde(rename = ...)]`), so the JSON, the
//! stored text and the parser can never disagree. Names need not be snake_case
//! (`"tenant.created"`, `"tenants:read"`, `"EUR"`).
//!
//! ```ignore
//! string_enum!(/// Where an order stands.
//!     #[derive(Default)]
//!     OrderStatus {
//!         /// Not paid yet.
//!         #[default]
//!         Pending => "pending",
//!         Paid => "paid",
//!     }
//! );
//! ```
//! Attributes before the name (docs, extra derives) go on the enum; attributes before a
//! variant (docs, `#[default]`) on the variant. The caller's module imports serde's
//! `Serialize` and `Deserialize`.
//!
//! The names are taken as `tt`, not `literal`: a `literal` fragment reaches derives wrapped
//! in an invisible group, which serde reads but utoipa's schema derive silently ignores (the
//! OpenAPI document would list `TenantsRead` for `tenants:read`; a test in the API's
//! `openapi` module holds every listed enumeration to its wire names).

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$variant_meta:meta])* $variant:ident => $text:tt),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $($(#[$variant_meta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [Self; [$($text),+].len()] = [$(Self::$variant),+];

            /// The wire (and stored) name.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// The variant named `s` exactly, if any.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }
    };
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used)]

    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    /// Every variant's name is unique and round-trips through `parse`, serde's JSON and
    /// back; nothing else parses.
    pub(crate) fn round_trips<T>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) where
        T: Copy + PartialEq + Debug + Serialize + DeserializeOwned,
    {
        let mut names = std::collections::HashSet::new();
        for &value in all {
            let name = as_str(value);
            assert!(names.insert(name), "{name} is used twice");
            assert_eq!(parse(name), Some(value), "{name}");
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, name, "serde names {value:?} as as_str does");
            assert_eq!(serde_json::from_value::<T>(json).unwrap(), value);
        }
        assert_eq!(parse(""), None);
        assert_eq!(parse("no such name"), None);
    }

    string_enum!(/// A test enum whose names are not all snake_case.
        #[derive(Default, PartialOrd, Ord)]
        Sample {
            /// The default.
            #[default]
            Plain => "plain",
            Dotted => "sample.dotted",
            Upper => "UPPER",
        }
    );
    use serde::Deserialize;

    #[test]
    fn explicit_names_are_the_wire_names() {
        round_trips(&Sample::ALL, Sample::as_str, Sample::parse);
        assert_eq!(Sample::ALL.len(), 3);
        assert_eq!(Sample::default(), Sample::Plain);
        assert!(Sample::Plain < Sample::Upper, "extra derives apply");
        assert_eq!(
            serde_json::to_string(&Sample::Dotted).unwrap(),
            "\"sample.dotted\""
        );
        assert!(serde_json::from_str::<Sample>("\"dotted\"").is_err());
        assert_eq!(Sample::parse("Upper"), None, "names match exactly");
    }

    #[test]
    fn every_string_enum_round_trips() {
        use crate::audit::{AuditAction, AuditTarget};
        use crate::billing::{
            BillingCycle, CardBrand, DunningEffect, InvoiceStatus, LineKind, NewInvoiceStatus,
            PlanStatus, SubscriptionStatus,
        };
        macro_rules! check {
            ($($t:ty),+ $(,)?) => { $(round_trips(&<$t>::ALL, <$t>::as_str, <$t>::parse);)+ };
        }
        check!(
            crate::ErrorCode,
            crate::event::EventType,
            AuditAction,
            AuditTarget,
            crate::TenantStatus,
            crate::TenantType,
            crate::tenant::TenantAction,
            crate::user::UserStatus,
            crate::Role,
            crate::Permission,
            crate::money::Currency,
            crate::webhook::DeliveryStatus,
            crate::sign_in_throttle::ThrottleScope,
            crate::idempotency::KeyState,
            crate::order::OrderStatus,
            crate::support::TicketStatus,
            crate::support::TicketPriority,
            InvoiceStatus,
            NewInvoiceStatus,
            BillingCycle,
            CardBrand,
            DunningEffect,
            PlanStatus,
            LineKind,
            SubscriptionStatus,
            crate::capability::LimitSource,
            crate::capability::QuotaKind,
            crate::capability::NotificationKind,
            crate::service_token::ServiceScope,
        );
    }
}
