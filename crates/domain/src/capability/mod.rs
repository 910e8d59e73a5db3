//! Capabilities: which features a tenant may use and how much of each quota it may hold or
//! consume. A feature or a limit comes from the tenant's override, else its plan, else the
//! catalogue's default; the answer says which (`source`).

mod alert;
mod caps;
mod feature;
mod lease;
mod quota;
mod top_up;

pub use alert::*;
pub use caps::*;
pub use feature::*;
pub use lease::*;
pub use quota::*;
pub use top_up::*;

use serde::{Deserialize, Serialize};

string_enum!(/// Where an effective feature switch or quota limit came from.
    LimitSource {
        /// The tenant's plan includes it (or sets the limit).
        Plan => "plan",
        /// The tenant's own override.
        Override => "override",
        /// Neither: the catalogue's default.
        Default => "default",
    }
);

/// A catalogue key (`contacts`, `max_agents`): a lowercase letter, then up to 63 lowercase
/// letters, digits or `_`. Keys are immutable and name the feature or quota on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CatalogueKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a lowercase letter followed by up to 63 lowercase letters, digits or _")]
pub struct InvalidKey;

impl CatalogueKey {
    pub fn parse(s: &str) -> Result<Self, InvalidKey> {
        let mut chars = s.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if first_ok && rest_ok && s.len() <= 64 {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_lowercase_snake_case() {
        assert!(CatalogueKey::parse("max_agents").is_ok());
        assert!(CatalogueKey::parse("help_center2").is_ok());
        for bad in ["", "Max", "1abc", "a-b", "a b", &"a".repeat(65)] {
            assert_eq!(CatalogueKey::parse(bad), Err(InvalidKey), "{bad}");
        }
    }
}
