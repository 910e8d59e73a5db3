use std::fmt;

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
            Self::InvalidHost => "invalid_host",
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
        if !host
            .strip_suffix('.')
            .unwrap_or(host)
            .split('.')
            .all(valid_label)
        {
            return Err(EndpointUrlError::InvalidHost);
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
        ] {
            assert_eq!(EndpointUrl::parse(url), Err(err), "{url}");
        }
        let long = format!("https://example.com/{}", "a".repeat(2048));
        assert_eq!(EndpointUrl::parse(&long), Err(E::TooLong));
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
