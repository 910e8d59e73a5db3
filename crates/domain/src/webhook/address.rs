//! Which network addresses webhooks may be sent to. An endpoint URL is the tenant's input, and
//! the server sends requests to it from inside the operator's network: without a guard, a
//! tenant could make it call the metadata service (169.254.169.254), the database on
//! loopback, or anything on the private network (server-side request forgery). Only public
//! unicast addresses are allowed unless the operator allows private networks (for a
//! receiver on the same network, or tests).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    /// `0.0.0.0/8`, `::`.
    Unspecified,
    /// `127.0.0.0/8`, `::1`, and the name `localhost`.
    Loopback,
    /// RFC 1918: `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`; IPv6 unique local
    /// `fc00::/7`.
    Private,
    /// `169.254.0.0/16` (where cloud metadata services answer), `fe80::/10`.
    LinkLocal,
    /// Carrier-grade NAT, RFC 6598: `100.64.0.0/10`.
    SharedAddressSpace,
    /// `224.0.0.0/4`, `ff00::/8`.
    Multicast,
    /// `255.255.255.255`, `240.0.0.0/4`, the IETF protocol block `192.0.0.0/24`, the
    /// benchmarking `198.18.0.0/15` and the documentation ranges: nothing a receiver
    /// answers on.
    Reserved,
}

impl fmt::Display for AddressKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Unspecified => "unspecified",
            Self::Loopback => "loopback",
            Self::Private => "private",
            Self::LinkLocal => "link-local",
            Self::SharedAddressSpace => "shared (carrier-grade NAT)",
            Self::Multicast => "multicast",
            Self::Reserved => "reserved",
        })
    }
}

/// What kind of non-public address `ip` is; `None` for a public unicast address. An IPv6
/// address that embeds an IPv4 one (`::ffff:a.b.c.d`, `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`)
/// is what the IPv4 address is.
pub fn classify(ip: IpAddr) -> Option<AddressKind> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => classify_v4(v4),
            None => classify_v6(v6),
        },
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<AddressKind> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => AddressKind::Unspecified,
        (127, _, _) => AddressKind::Loopback,
        (10, _, _) | (192, 168, _) => AddressKind::Private,
        (172, 16..=31, _) => AddressKind::Private,
        (169, 254, _) => AddressKind::LinkLocal,
        (100, 64..=127, _) => AddressKind::SharedAddressSpace,
        (224..=239, _, _) => AddressKind::Multicast,
        (240..=255, _, _) => AddressKind::Reserved,
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => AddressKind::Reserved,
        (198, 18..=19, _) => AddressKind::Reserved,
        _ => return None,
    })
}

fn classify_v6(ip: Ipv6Addr) -> Option<AddressKind> {
    let first = ip.segments()[0];
    Some(if ip.is_unspecified() {
        AddressKind::Unspecified
    } else if ip.is_loopback() {
        AddressKind::Loopback
    } else if first & 0xfe00 == 0xfc00 {
        AddressKind::Private
    } else if first & 0xffc0 == 0xfe80 {
        AddressKind::LinkLocal
    } else if first & 0xff00 == 0xff00 {
        AddressKind::Multicast
    } else if first == 0x2001 && ip.segments()[1] == 0x0db8 {
        AddressKind::Reserved
    } else {
        return None;
    })
}

/// The IPv4 address an IPv6 one carries: IPv4-mapped, IPv4-compatible (deprecated, but
/// stacks still route it) or the NAT64 well-known prefix.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let low = Ipv4Addr::from((u32::from(s[6]) << 16) | u32::from(s[7]));
    match s[..6] {
        // `::` and `::1` are IPv6's own unspecified and loopback addresses.
        [0, 0, 0, 0, 0, 0] if !ip.is_unspecified() && !ip.is_loopback() => Some(low),
        [0x64, 0xff9b, 0, 0, 0, 0] => Some(low),
        _ => None,
    }
}

/// An address webhooks may not be sent to, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} is a {kind} address, and webhooks are sent to public addresses only")]
pub struct RefusedAddress {
    /// The address, or the name (`localhost`).
    pub what: String,
    pub kind: AddressKind,
}

impl RefusedAddress {
    /// The stable code of the refusal, for the `url` field of a request.
    pub const CODE: &'static str = "url_not_allowed";
}

/// Which addresses deliveries may go to: public ones only, unless private networks are
/// allowed (`LANDLORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    pub allow_private_networks: bool,
}

impl AddressPolicy {
    /// Whether a request may be sent to `ip`.
    pub fn check(self, ip: IpAddr) -> Result<(), RefusedAddress> {
        match classify(ip) {
            Some(kind) if !self.allow_private_networks => Err(RefusedAddress {
                what: ip.to_string(),
                kind,
            }),
            _ => Ok(()),
        }
    }

    /// Whether a host name may be resolved at all: `localhost` and its subdomains are
    /// loopback by definition (RFC 6761), whatever a resolver says.
    pub fn check_name(self, name: &str) -> Result<(), RefusedAddress> {
        let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
        let local = name == "localhost" || name.ends_with(".localhost");
        if local && !self.allow_private_networks {
            return Err(RefusedAddress {
                what: name,
                kind: AddressKind::Loopback,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(ip: &str) -> Option<AddressKind> {
        classify(ip.parse().unwrap())
    }

    #[test]
    fn only_public_unicast_addresses_are_public() {
        use AddressKind as K;
        for (ip, expected) in [
            ("0.0.0.0", Some(K::Unspecified)),
            ("0.1.2.3", Some(K::Unspecified)),
            ("::", Some(K::Unspecified)),
            ("127.0.0.1", Some(K::Loopback)),
            ("127.255.0.9", Some(K::Loopback)),
            ("::1", Some(K::Loopback)),
            ("10.1.2.3", Some(K::Private)),
            ("172.16.0.1", Some(K::Private)),
            ("172.31.255.255", Some(K::Private)),
            ("192.168.1.1", Some(K::Private)),
            ("fd12:3456::1", Some(K::Private)),
            ("169.254.169.254", Some(K::LinkLocal)),
            ("fe80::1", Some(K::LinkLocal)),
            ("100.64.0.1", Some(K::SharedAddressSpace)),
            ("100.127.255.255", Some(K::SharedAddressSpace)),
            ("224.0.0.1", Some(K::Multicast)),
            ("ff02::1", Some(K::Multicast)),
            ("255.255.255.255", Some(K::Reserved)),
            ("192.0.2.10", Some(K::Reserved)),
            ("2001:db8::1", Some(K::Reserved)),
            // IPv4 inside IPv6 is judged as IPv4.
            ("::ffff:127.0.0.1", Some(K::Loopback)),
            ("::ffff:10.0.0.1", Some(K::Private)),
            ("::169.254.169.254", Some(K::LinkLocal)),
            ("64:ff9b::192.168.0.1", Some(K::Private)),
            // Public, including the neighbours of every range.
            ("8.8.8.8", None),
            ("1.1.1.1", None),
            ("172.15.255.255", None),
            ("172.32.0.0", None),
            ("100.63.255.255", None),
            ("100.128.0.0", None),
            ("169.253.0.1", None),
            ("223.255.255.255", None),
            ("::ffff:8.8.8.8", None),
            ("2606:4700:4700::1111", None),
        ] {
            assert_eq!(kind(ip), expected, "{ip}");
        }
    }

    #[test]
    fn the_policy_refuses_private_addresses_unless_they_are_allowed() {
        let strict = AddressPolicy::default();
        let open = AddressPolicy {
            allow_private_networks: true,
        };
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        let refused = strict.check(loopback).unwrap_err();
        assert_eq!(refused.kind, AddressKind::Loopback);
        assert_eq!(
            refused.to_string(),
            "127.0.0.1 is a loopback address, and webhooks are sent to public addresses only"
        );
        assert!(open.check(loopback).is_ok());
        assert!(strict.check("8.8.8.8".parse().unwrap()).is_ok());
        for name in ["localhost", "LOCALHOST.", "api.localhost"] {
            assert_eq!(
                strict.check_name(name).unwrap_err().kind,
                AddressKind::Loopback
            );
            assert!(open.check_name(name).is_ok());
        }
        assert!(strict.check_name("localhost.example.com").is_ok());
    }
}
