//! Where deliveries may go ([`AddressPolicy`]), checked twice: when an endpoint's URL is
//! registered or changed, so a tenant learns at once, and when each request is sent, on the
//! very addresses it connects to, so a name that resolved to a public address then and to
//! a private one now (DNS rebinding) is still refused.

use crate::error::{OpError, OpResult};
use landlord_domain::webhook::{AddressPolicy, EndpointUrl, Host, RefusedAddress};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{SocketAddr, ToSocketAddrs};

/// Whether `url` may be registered: its host is an allowed address, or a name that resolves
/// only to allowed ones. A name that does not resolve now is taken (it may later; each
/// delivery checks again). Blocking: resolves names with the system resolver.
pub fn check_url(url: &EndpointUrl, policy: AddressPolicy) -> OpResult<()> {
    if policy.allow_private_networks {
        return Ok(());
    }
    let refused = match url.host() {
        Host::Ip(ip) => policy.check(ip).err(),
        Host::Name(name) => policy.check_name(name).err().or_else(|| {
            // An unresolvable name has no address to refuse.
            let addresses = (name, url.port()).to_socket_addrs().ok()?;
            addresses
                .map(|address| policy.check(address.ip()))
                .find_map(Result::err)
        }),
    };
    match refused {
        Some(refused) => Err(OpError::field("url", RefusedAddress::CODE, refused)),
        None => Ok(()),
    }
}

/// The refusal, if a request to `url` (as stored) must not be sent. Only IP hosts are
/// judged here; names are judged by [`GuardedResolver`] as the client resolves them.
pub(crate) fn refused_before_sending(url: &str, policy: AddressPolicy) -> Option<RefusedAddress> {
    match EndpointUrl::parse(url).ok()?.host() {
        Host::Ip(ip) => policy.check(ip).err(),
        Host::Name(_) => None,
    }
}

/// The HTTP client's resolver under a strict policy: it resolves a name and hands the
/// client only the addresses the policy allows, so the addresses checked are the ones
/// connected to. If every address is refused, the request fails with the refusal.
#[derive(Debug, Clone, Copy)]
pub(super) struct GuardedResolver {
    pub policy: AddressPolicy,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            policy.check_name(&host)?;
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let allowed = allowed_addresses(found, policy)?;
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// The addresses of `found` that `policy` allows; the first refusal if it allows none.
fn allowed_addresses(
    found: impl IntoIterator<Item = SocketAddr>,
    policy: AddressPolicy,
) -> Result<Vec<SocketAddr>, RefusedAddress> {
    let mut refusal = None;
    let allowed: Vec<SocketAddr> = found
        .into_iter()
        .filter(|address| match policy.check(address.ip()) {
            Ok(()) => true,
            Err(refused) => {
                refusal.get_or_insert(refused);
                false
            }
        })
        .collect();
    match (allowed.is_empty(), refusal) {
        (true, Some(refused)) => Err(refused),
        _ => Ok(allowed),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use landlord_domain::webhook::AddressKind;

    const STRICT: AddressPolicy = AddressPolicy {
        allow_private_networks: false,
    };
    const OPEN: AddressPolicy = AddressPolicy {
        allow_private_networks: true,
    };

    fn addresses(list: &[&str]) -> Vec<SocketAddr> {
        list.iter().map(|a| a.parse().unwrap()).collect()
    }

    #[test]
    fn the_client_connects_only_to_allowed_addresses() {
        let mixed = addresses(&["10.0.0.1:0", "8.8.8.8:0", "[::1]:0", "[2606:4700::1]:0"]);
        assert_eq!(
            allowed_addresses(mixed.clone(), STRICT).unwrap(),
            addresses(&["8.8.8.8:0", "[2606:4700::1]:0"])
        );
        assert_eq!(allowed_addresses(mixed.clone(), OPEN).unwrap(), mixed);
        let private = addresses(&["192.168.0.9:0", "127.0.0.1:0"]);
        assert_eq!(
            allowed_addresses(private, STRICT).unwrap_err().kind,
            AddressKind::Private,
            "the first refusal is the reason"
        );
    }

    #[test]
    fn registering_checks_addresses_and_local_names_without_the_network() {
        let url = |s: &str| EndpointUrl::parse(s).unwrap();
        for refused in [
            "http://127.0.0.1/x",
            "http://[fe80::1]/",
            "http://localhost:1/",
        ] {
            let err = check_url(&url(refused), STRICT).unwrap_err();
            assert!(
                matches!(&err, OpError::Validation(e) if e[0].field == "url" && e[0].code == RefusedAddress::CODE),
                "{refused}: {err:?}"
            );
            assert!(check_url(&url(refused), OPEN).is_ok(), "{refused}");
        }
        assert!(check_url(&url("https://8.8.8.8/hook"), STRICT).is_ok());
        assert!(refused_before_sending("http://10.1.1.1/x", STRICT).is_some());
        assert!(refused_before_sending("http://10.1.1.1/x", OPEN).is_none());
        assert!(
            refused_before_sending("http://localhost/x", STRICT).is_none(),
            "names are the resolver's to judge"
        );
    }

    #[tokio::test]
    async fn the_resolver_refuses_local_names_before_asking_anyone() {
        let name: Name = "localhost".parse().unwrap();
        let refused = GuardedResolver { policy: STRICT }
            .resolve(name)
            .await
            .err()
            .unwrap();
        let refused = refused.downcast_ref::<RefusedAddress>().unwrap();
        assert_eq!(refused.kind, AddressKind::Loopback);
    }
}
