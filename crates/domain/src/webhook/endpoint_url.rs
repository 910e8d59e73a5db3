use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

/// Where an endpoint's deliveries go: an absolute `http://` or `https://` URL that names a
/// host, without credentials or a fragment, at most [`EndpointUrl::MAX_LEN`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointUrl(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointUrlError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most 2048 characters long")]
    TooLong,
    #[error("must not contain spaces or control characters")]
    InvalidCharacter,
    #[error("must start with http:// or https://")]
    UnsupportedScheme,
    #[error("must name a host, as in https://example.com/webhooks")]
    MissingHost,
    #[error("the host may contain only letters, digits, dots and hyphens")]
    InvalidHost,
    #[error("an IPv4 host must be written as four decimal numbers, as in 203.0.113.7")]
    NumericHost,
    #[error("the port must be a number from 1 to 65535")]
    InvalidPort,
    #[error("must not contain a user name or password")]
    Credentials,
    #[error("must not contain a fragment (#…)")]
    Fragment,
}

impl EndpointUrlError {
    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "required",
            Self::TooLong => "too_long",
            Self::InvalidCharacter => "invalid_character",
            Self::UnsupportedScheme => "unsupported_scheme",
            Self::MissingHost => "missing_host",
            Self::InvalidHost | Self::NumericHost => "invalid_host",
            Self::InvalidPort => "invalid_port",
            Self::Credentials => "credentials_not_allowed",
            Self::Fragment => "fragment_not_allowed",
        }
    }
}

impl EndpointUrl {
    pub const MAX_LEN: usize = 2048;

    pub fn parse(input: &str) -> Result<Self, EndpointUrlError> {
        if input.is_empty() {
            return Err(EndpointUrlError::Empty);
        }
        if input.chars().count() > Self::MAX_LEN {
            return Err(EndpointUrlError::TooLong);
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EndpointUrlError::InvalidCharacter);
        }
        let (scheme, rest) = input
            .split_once("://")
            .ok_or(EndpointUrlError::UnsupportedScheme)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(EndpointUrlError::UnsupportedScheme);
        }
        if rest.contains('#') {
            return Err(EndpointUrlError::Fragment);
        }
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        if authority.contains('@') {
            return Err(EndpointUrlError::Credentials);
        }
        check_authority(authority)?;
        Ok(Self(format!(
            "{scheme}://{}{tail}",
            authority.to_ascii_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }

    /// The host deliveries connect to: an IP address, or a name to resolve.
    pub fn host(&self) -> Host<'_> {
        let (host, _) = self.host_and_port();
        match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            Some(v6) => v6.parse().map_or(Host::Name(host), Host::Ip),
            None => {
                let bare = host.strip_suffix('.').unwrap_or(host);
                bare.parse::<Ipv4Addr>()
                    .map_or(Host::Name(host), |v4| Host::Ip(IpAddr::V4(v4)))
            }
        }
    }

    /// The port deliveries connect to: the URL's, or the scheme's (80, 443).
    pub fn port(&self) -> u16 {
        match self.host_and_port().1 {
            Some(port) => port.parse().unwrap_or_default(),
            None if self.0.starts_with("https://") => 443,
            None => 80,
        }
    }

    /// The authority split into host (IPv6 in brackets) and port.
    fn host_and_port(&self) -> (&str, Option<&str>) {
        let rest = self.0.split_once("://").map_or("", |(_, rest)| rest);
        let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
        match authority.rfind(':') {
            Some(colon) if !authority[colon..].contains(']') => {
                (&authority[..colon], Some(&authority[colon + 1..]))
            }
            _ => (authority, None),
        }
    }
}

/// Where a URL's requests go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host<'a> {
    Ip(IpAddr),
    /// A name to resolve (as written, lowercase, perhaps with a trailing dot).
    Name(&'a str),
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`.
fn check_authority(authority: &str) -> Result<(), EndpointUrlError> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (address, after) = v6.split_once(']').ok_or(EndpointUrlError::InvalidHost)?;
        if address.is_empty()
            || !address
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(EndpointUrlError::InvalidHost);
        }
        let port = match after {
            "" => None,
            _ => Some(
                after
                    .strip_prefix(':')
                    .ok_or(EndpointUrlError::InvalidHost)?,
            ),
        };
        (None, port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Err(EndpointUrlError::MissingHost);
        }
        let valid_label = |label: &str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        // One trailing dot (a fully qualified name) is allowed.
        let bare = host.strip_suffix('.').unwrap_or(host);
        if !bare.split('.').all(valid_label) {
            return Err(EndpointUrlError::InvalidHost);
        }
        // HTTP clients read a host whose last label is a number as an IPv4 address in any
        // of its forms (`2130706433`, `127.1`, `0x7f.0.0.1`, `0177.0.0.1` are all
        // 127.0.0.1), so only the one unambiguous form is taken, and the address that is
        // checked is the address that is called.
        let last = bare.rsplit('.').next().unwrap_or_default();
        let numeric = last.chars().all(|c| c.is_ascii_digit())
            || last
                .strip_prefix("0x")
                .or_else(|| last.strip_prefix("0X"))
                .is_some_and(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()));
        if numeric && bare.parse::<Ipv4Addr>().is_err() {
            return Err(EndpointUrlError::NumericHost);
        }
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.chars().all(|c| c.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
        if !valid {
            return Err(EndpointUrlError::InvalidPort);
        }
    }
    Ok(())
}

impl fmt::Display for EndpointUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_http_and_https_urls_with_a_host() {
        for url in [
            "https://example.com",
            "https://example.com/webhooks?source=landlord",
            "http://127.0.0.1:8080/hook",
            "http://[::1]:9000/",
            "https://hooks.internal./x",
            "HTTPS://Example.COM/Path",
        ] {
            assert!(EndpointUrl::parse(url).is_ok(), "{url}");
        }
        assert_eq!(
            EndpointUrl::parse("HTTPS://Example.COM/Path")
                .unwrap()
                .as_str(),
            "https://example.com/Path",
            "scheme and host are case-insensitive, the path is not"
        );
    }

    #[test]
    fn refuses_everything_else_with_a_reason() {
        use EndpointUrlError as E;
        for (url, err) in [
            ("", E::Empty),
            ("ftp://example.com", E::UnsupportedScheme),
            ("example.com/hook", E::UnsupportedScheme),
            ("javascript://alert(1)", E::UnsupportedScheme),
            ("https://", E::MissingHost),
            ("https:///path", E::MissingHost),
            ("https://exa mple.com", E::InvalidCharacter),
            ("https://user:pw@example.com", E::Credentials),
            ("https://example.com/#top", E::Fragment),
            ("https://example.com:0/", E::InvalidPort),
            ("https://example.com:99999/", E::InvalidPort),
            ("https://example.com:/", E::InvalidPort),
            ("https://exa$mple.com/", E::InvalidHost),
            ("https://-bad.com/", E::InvalidHost),
            ("https://a..b/", E::InvalidHost),
            ("http://2130706433/", E::NumericHost),
            ("http://127.1/", E::NumericHost),
            ("http://0x7f.0.0.1/", E::NumericHost),
            ("http://0177.0.0.1/", E::NumericHost),
            ("http://127.0.0.010/", E::NumericHost),
            ("http://example.0x10/", E::NumericHost),
        ] {
            assert_eq!(EndpointUrl::parse(url), Err(err), "{url}");
        }
        let long = format!("https://example.com/{}", "a".repeat(2048));
        assert_eq!(EndpointUrl::parse(&long), Err(E::TooLong));
    }

    #[test]
    fn the_host_and_port_are_what_deliveries_connect_to() {
        let url = |s: &str| EndpointUrl::parse(s).unwrap();
        let ip = |s: &str| Host::Ip(s.parse().unwrap());
        assert_eq!(url("http://127.0.0.1:8080/x").host(), ip("127.0.0.1"));
        assert_eq!(url("http://127.0.0.1.:8080/x").host(), ip("127.0.0.1"));
        assert_eq!(url("http://[::1]:9000/").host(), ip("::1"));
        assert_eq!(
            url("http://[::ffff:10.0.0.1]/").host(),
            ip("::ffff:10.0.0.1")
        );
        assert_eq!(
            url("https://Hooks.Example.com?x=1").host(),
            Host::Name("hooks.example.com")
        );
        assert_eq!(
            url("https://v1.example.com").host(),
            Host::Name("v1.example.com")
        );
        assert_eq!(url("http://127.0.0.1:8080/x").port(), 8080);
        assert_eq!(url("http://[::1]/").port(), 80);
        assert_eq!(url("https://example.com/a:b").port(), 443);
        assert_eq!(url("https://example.com:8443").port(), 8443);
    }

    proptest! {
        #[test]
        fn whatever_it_accepts_is_http_or_https_with_a_host(input in "\\PC{0,40}") {
            if let Ok(url) = EndpointUrl::parse(&input) {
                let s = url.as_str();
                prop_assert!(s.starts_with("http://") || s.starts_with("https://"));
                prop_assert!(!s.contains('#') && !s.contains(char::is_whitespace));
            }
        }

        #[test]
        fn ordinary_hosts_and_paths_are_accepted(
            host in "[a-z][a-z0-9]{0,10}(\\.[a-z][a-z0-9]{0,10}){0,3}",
            port in 1u32..65536,
            path in "(/[a-zA-Z0-9_.~-]{0,8}){0,4}",
        ) {
            let url = format!("https://{host}:{port}{path}");
            prop_assert_eq!(EndpointUrl::parse(&url).map(EndpointUrl::into_inner), Ok(url));
        }
    }
}
