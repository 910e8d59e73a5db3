//! The client's address, for sign-in throttling: the TCP peer, unless the peer is a trusted
//! proxy (`LANDLORD_TRUSTED_PROXIES`), in which case `X-Forwarded-For` tells who it serves.

use crate::state::AppState;
use actix_web::{FromRequest, HttpRequest, web};
use ipnet::IpNet;
use std::fmt;
use std::future::{Ready, ready};
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// One trusted proxy: an address (`10.0.0.7`, `::1`) or a network (`10.0.0.0/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy(IpNet);

impl TrustedProxy {
    pub fn contains(&self, address: IpAddr) -> bool {
        self.0.contains(&address.to_canonical())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is neither an IP address nor a network in CIDR notation (such as 10.0.0.0/8)")]
pub struct TrustedProxyError(String);

impl FromStr for TrustedProxy {
    type Err = TrustedProxyError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let net = match text.parse::<IpAddr>() {
            Ok(address) => IpNet::from(address.to_canonical()),
            Err(_) => text
                .parse::<IpNet>()
                .map_err(|_| TrustedProxyError(text.to_owned()))?,
        };
        Ok(Self(net.trunc()))
    }
}

impl fmt::Display for TrustedProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The proxies whose `X-Forwarded-For` is believed; none by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<TrustedProxy>);

impl TrustedProxies {
    pub fn new(proxies: Vec<TrustedProxy>) -> Self {
        Self(proxies)
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        self.0.iter().any(|proxy| proxy.contains(address))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The client behind `peer`. Each trusted proxy appends the address it received the
    /// request from to `X-Forwarded-For`, so the header is read from the right: the first
    /// address that is not a trusted proxy is the client; what lies left of it was written
    /// by the client and proves nothing. If every listed hop is trusted, the leftmost is the
    /// client; an entry that is not an address ends the walk at the hop that wrote it.
    pub fn client<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        for entry in forwarded_for.rev() {
            if !self.contains(client) {
                break;
            }
            match parse_forwarded(entry) {
                Some(address) => client = address,
                None => break,
            }
        }
        client
    }
}

/// A comma-separated list of addresses and networks; empty entries (and an empty list) are
/// allowed, so `LANDLORD_TRUSTED_PROXIES=` means none.
impl FromStr for TrustedProxies {
    type Err = TrustedProxyError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        input
            .split(',')
            .filter(|entry| !entry.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }
}

/// One `X-Forwarded-For` entry: an address, or an address with a port as some proxies write.
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|address| address.to_canonical())
}

/// The client's address as far as this server can tell (`None` without a TCP peer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequest for ClientAddress {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let Some(peer) = req.peer_addr().map(|addr| addr.ip()) else {
            return ready(Ok(Self(None)));
        };
        let Some(trusted) = req
            .app_data::<web::Data<AppState>>()
            .map(|state| &state.settings.trusted_proxies)
            .filter(|trusted| trusted.contains(peer))
        else {
            return ready(Ok(Self(Some(peer.to_canonical()))));
        };
        // Several headers are one list, in order (RFC 9110, section 5.3).
        let entries: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        ready(Ok(Self(Some(trusted.client(peer, entries.into_iter())))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(list.iter().map(|p| p.parse().unwrap()).collect())
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn client(trusted: &TrustedProxies, peer: &str, header: &str) -> IpAddr {
        trusted.client(ip(peer), header.split(','))
    }

    #[test]
    fn proxies_are_addresses_or_networks() {
        let trusted = proxies(&["10.0.0.7", " 192.168.0.0/16 ", "::1", "fd00::/8"]);
        assert!(trusted.contains(ip("10.0.0.7")));
        assert!(!trusted.contains(ip("10.0.0.8")));
        assert!(trusted.contains(ip("192.168.44.1")));
        assert!(trusted.contains(ip("::1")));
        assert!(trusted.contains(ip("fd12::1")));
        assert!(trusted.contains(ip("::ffff:10.0.0.7")));
        assert!("10.0.0.0/33".parse::<TrustedProxy>().is_err());
        assert!("proxy.internal".parse::<TrustedProxy>().is_err());
        assert!("".parse::<TrustedProxy>().is_err());
    }

    #[test]
    fn a_list_of_proxies_may_be_empty_but_not_wrong() {
        assert!("".parse::<TrustedProxies>().unwrap().is_empty());
        assert!(" , ".parse::<TrustedProxies>().unwrap().is_empty());
        let list: TrustedProxies = "10.0.0.7, 192.168.0.0/16,".parse().unwrap();
        assert_eq!(list, proxies(&["10.0.0.7", "192.168.0.0/16"]));
        let err = "10.0.0.7, bogus".parse::<TrustedProxies>().unwrap_err();
        assert!(err.to_string().contains("bogus"), "{err}");
    }

    #[test]
    fn the_header_of_an_untrusted_peer_is_ignored() {
        let trusted = proxies(&["10.0.0.7"]);
        assert_eq!(
            client(&trusted, "203.0.113.9", "198.51.100.1"),
            ip("203.0.113.9")
        );
        assert_eq!(
            client(&TrustedProxies::default(), "10.0.0.7", "198.51.100.1"),
            ip("10.0.0.7")
        );
    }

    #[test]
    fn a_trusted_peer_names_the_client_as_the_rightmost_untrusted_hop() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            client(&trusted, "10.0.0.7", "198.51.100.1"),
            ip("198.51.100.1")
        );
        // Whatever the client wrote itself stays left of what the proxies appended.
        assert_eq!(
            client(&trusted, "10.0.0.7", "1.2.3.4, 198.51.100.1, 10.1.1.1"),
            ip("198.51.100.1")
        );
        assert_eq!(
            client(&trusted, "10.0.0.7", "10.2.2.2, 10.1.1.1"),
            ip("10.2.2.2")
        );
        assert_eq!(
            client(&trusted, "10.0.0.7", "198.51.100.1:4711"),
            ip("198.51.100.1")
        );
        assert_eq!(
            client(&trusted, "10.0.0.7", "[2001:db8::1]:443"),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn a_missing_or_garbled_header_leaves_the_last_trusted_hop() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            trusted.client(ip("10.0.0.7"), std::iter::empty()),
            ip("10.0.0.7")
        );
        assert_eq!(client(&trusted, "10.0.0.7", "unknown"), ip("10.0.0.7"));
        assert_eq!(
            client(&trusted, "10.0.0.7", "198.51.100.1, junk, 10.1.1.1"),
            ip("10.1.1.1")
        );
    }
}
