//! What a sign-in attempt counts against: its account (tenant and username as typed) or its
//! client address, as a key of one throttle row.

use super::*;
use serde::{Deserialize, Serialize};

string_enum!(/// What a streak of failures is counted against.
    ThrottleScope {
        /// A tenant and username as typed, whether or not they exist.
        Account => "account",
        /// The client's address (for IPv6 its /64 network).
        Address => "address",
    }
);

impl ThrottleScope {
    pub fn rule(self) -> &'static ThrottleRule {
        match self {
            Self::Account => &ThrottleRule::ACCOUNT,
            Self::Address => &ThrottleRule::ADDRESS,
        }
    }
}

/// One throttled key: its scope, the tenant as typed (empty for an address) and the
/// subject (the username, or the address).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThrottleKey {
    pub scope: ThrottleScope,
    pub tenant: String,
    pub subject: String,
}

/// Longer input cannot name a tenant (63 characters at most) or a user (64), so keys keep
/// only this many characters of each part: a long guess costs no more storage, and the
/// guesses that share a prefix share a streak, which only slows them down further.
pub const KEY_PART_MAX_CHARS: usize = 128;

impl ThrottleKey {
    /// The key of a tenant and username exactly as the sign-in names them (an unknown
    /// tenant or user has a key like any other, so probing names is throttled the same).
    pub fn account(tenant: &str, username: &str) -> Self {
        Self {
            scope: ThrottleScope::Account,
            tenant: truncated(tenant),
            subject: truncated(username),
        }
    }

    /// The key of a client address. An IPv4-mapped IPv6 address is its IPv4 address; any
    /// other IPv6 address stands for its /64 network, the block one subscriber or host
    /// usually controls as a whole.
    pub fn address(address: IpAddr) -> Self {
        let subject = match address.to_canonical() {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let network = std::net::Ipv6Addr::from(u128::from(v6) & !(u128::MAX >> 64));
                format!("{network}/64")
            }
        };
        Self {
            scope: ThrottleScope::Address,
            tenant: String::new(),
            subject,
        }
    }

    pub fn rule(&self) -> &'static ThrottleRule {
        self.scope.rule()
    }
}

fn truncated(part: &str) -> String {
    part.chars().take(KEY_PART_MAX_CHARS).collect()
}
