//! Tenant domain login (seed 002): a request on `<domain>.<base domain>` names its tenant,
//! so the sign-in page needs no tenant field.

use super::TenantDomain;

/// The tenant domain `host` (a `Host` header, with or without a port) names under `base`
/// (e.g. `landlord.example.com`): exactly one valid label before `.<base>`, compared
/// case-insensitively. `None` for the base domain itself, other hosts and nested labels.
pub fn tenant_of_host(host: &str, base: &str) -> Option<TenantDomain> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name.to_owned(),
        _ => host,
    };
    let base = base.trim().trim_matches('.').to_ascii_lowercase();
    if base.is_empty() {
        return None;
    }
    let label = host.strip_suffix(&base)?.strip_suffix('.')?;
    if label.contains('.') {
        return None;
    }
    TenantDomain::parse(label).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(host: &str) -> Option<String> {
        tenant_of_host(host, "landlord.example.com").map(|d| d.as_str().to_owned())
    }

    #[test]
    fn one_label_under_the_base_domain_names_a_tenant() {
        assert_eq!(of("acme.landlord.example.com"), Some("acme".into()));
        assert_eq!(of("ACME.Landlord.Example.com:8443"), Some("acme".into()));
        assert_eq!(of("acme.landlord.example.com."), Some("acme".into()));
    }

    #[test]
    fn other_hosts_name_none() {
        assert_eq!(of("landlord.example.com"), None);
        assert_eq!(of("a.b.landlord.example.com"), None);
        assert_eq!(of("acme.example.org"), None);
        assert_eq!(of("acmelandlord.example.com"), None);
        assert_eq!(of("bad_label.landlord.example.com"), None);
        assert_eq!(tenant_of_host("acme.x.com", ""), None);
    }
}
