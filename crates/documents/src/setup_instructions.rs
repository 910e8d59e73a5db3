//! The setup instructions of a tenant (seed 004): a Markdown file with DNS records, database
//! setup, an nginx server block and an Apache virtual host, routing, cPanel, manual and Plesk
//! notes. The templates are files in the repository (`templates/setup/`), built in; the
//! operator may replace any of them (the binary reads the replacements at start-up).
//!
//! A template's `{{name}}` placeholders are replaced by the tenant's facts; any other text is
//! kept as written. Database and user names are derived from the domain; the password is
//! always a placeholder, never a secret.

use std::net::IpAddr;

/// The templates, by file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupTemplates {
    /// `setup_instructions.md`: the document.
    pub instructions: String,
    /// `nginx.conf`: the server block, inserted as `{{nginx_server_block}}`.
    pub nginx: String,
    /// `apache.conf`: the virtual host, inserted as `{{apache_virtual_host}}`.
    pub apache: String,
}

impl SetupTemplates {
    /// The file names an operator's template directory may hold.
    pub const FILES: [&'static str; 3] = ["setup_instructions.md", "nginx.conf", "apache.conf"];

    /// The built-in templates.
    pub fn builtin() -> Self {
        Self {
            instructions: include_str!("../templates/setup/setup_instructions.md").to_owned(),
            nginx: include_str!("../templates/setup/nginx.conf").to_owned(),
            apache: include_str!("../templates/setup/apache.conf").to_owned(),
        }
    }

    /// These templates with `file` (one of [`Self::FILES`]) replaced by `text`; `false` for
    /// any other name.
    pub fn replace(&mut self, file: &str, text: String) -> bool {
        let slot = match file {
            "setup_instructions.md" => &mut self.instructions,
            "nginx.conf" => &mut self.nginx,
            "apache.conf" => &mut self.apache,
            _ => return false,
        };
        *slot = text;
        true
    }
}

impl Default for SetupTemplates {
    fn default() -> Self {
        Self::builtin()
    }
}

/// What the instructions say about one tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupFacts {
    pub tenant_name: String,
    /// The tenant domain label (`acme`).
    pub domain: String,
    /// The operator's base domain (`landlord.example.com`), if configured.
    pub base_domain: Option<String>,
    /// The server's address (an IP address or a host name), if configured.
    pub server_address: Option<String>,
    /// When the file was made (already formatted).
    pub generated_at: String,
}

/// MySQL's limits are the tighter ones: 64 characters for a database, 32 for a user.
const DATABASE_NAME_MAX: usize = 64;
const DATABASE_USER_MAX: usize = 32;

/// The database name for a tenant domain: `tenant_` and the domain with `-` as `_`.
pub fn database_name(domain: &str) -> String {
    derived("tenant_", domain, DATABASE_NAME_MAX)
}

/// The database user for a tenant domain: `u_` and the domain with `-` as `_`.
pub fn database_user(domain: &str) -> String {
    derived("u_", domain, DATABASE_USER_MAX)
}

fn derived(prefix: &str, domain: &str, max: usize) -> String {
    let mut name: String = prefix
        .chars()
        .chain(
            domain
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        )
        .take(max)
        .collect();
    name.make_ascii_lowercase();
    name
}

/// The DNS record type that points a name at `address`: `A` for IPv4, `AAAA` for IPv6,
/// `CNAME` for a host name.
pub fn dns_record_type(address: &str) -> &'static str {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(_)) => "A",
        Ok(IpAddr::V6(_)) => "AAAA",
        Err(_) => "CNAME",
    }
}

/// The Markdown document for `facts`.
pub fn render_setup_instructions(templates: &SetupTemplates, facts: &SetupFacts) -> String {
    let base = facts
        .base_domain
        .clone()
        .unwrap_or_else(|| "<your base domain>".to_owned());
    let host = format!("{}.{base}", facts.domain);
    let address = facts
        .server_address
        .clone()
        .unwrap_or_else(|| "<your server's IP address>".to_owned());
    let record_type = match &facts.server_address {
        Some(address) => dns_record_type(address),
        None => "A",
    };
    let values: Vec<(&str, String)> = vec![
        ("tenant_name", facts.tenant_name.clone()),
        ("domain", facts.domain.clone()),
        ("base_domain", base),
        ("host", host),
        ("server_address", address),
        ("dns_record_type", record_type.to_owned()),
        ("database_name", database_name(&facts.domain)),
        ("database_user", database_user(&facts.domain)),
        ("generated_at", facts.generated_at.clone()),
    ];
    let nginx = fill(templates.nginx.trim_end(), &values);
    let apache = fill(templates.apache.trim_end(), &values);
    let mut all = values;
    all.push(("nginx_server_block", nginx));
    all.push(("apache_virtual_host", apache));
    fill(&templates.instructions, &all)
}

/// `template` with each `{{name}}` of `values` replaced, in one pass (a value's own text is
/// never scanned again).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 512);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}").and_then(|end| {
            let name = after[..end].trim();
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (end, value))
        }) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> SetupFacts {
        SetupFacts {
            tenant_name: "Acme GmbH".into(),
            domain: "acme-eu".into(),
            base_domain: Some("landlord.example.com".into()),
            server_address: Some("203.0.113.7".into()),
            generated_at: "2026-12-02T12:00:00Z".into(),
        }
    }

    #[test]
    fn names_are_derived_from_the_domain_within_mysql_limits() {
        assert_eq!(database_name("acme-eu"), "tenant_acme_eu");
        assert_eq!(database_user("acme-eu"), "u_acme_eu");
        assert_eq!(database_user(&"a".repeat(63)).len(), 32);
        assert_eq!(database_name(&"a".repeat(63)).len(), 64);
    }

    #[test]
    fn the_document_fills_every_section() {
        let text = render_setup_instructions(&SetupTemplates::builtin(), &facts());
        for needle in [
            "acme-eu.landlord.example.com.` | A | `203.0.113.7`",
            "CREATE DATABASE `tenant_acme_eu`",
            "'u_acme_eu'@'localhost'",
            "server_name acme-eu.landlord.example.com;",
            "ServerName acme-eu.landlord.example.com",
            "cPanel",
            "Plesk",
            "<choose a strong password>",
        ] {
            assert!(text.contains(needle), "missing {needle:?}");
        }
        assert!(!text.contains("{{"), "a placeholder is left: {text}");
    }

    #[test]
    fn unconfigured_settings_stay_placeholders_and_addresses_pick_the_record() {
        let mut facts = facts();
        facts.base_domain = None;
        facts.server_address = None;
        let text = render_setup_instructions(&SetupTemplates::builtin(), &facts);
        assert!(text.contains("acme-eu.<your base domain>"));
        assert!(text.contains("<your server's IP address>"));
        assert_eq!(dns_record_type("2001:db8::1"), "AAAA");
        assert_eq!(dns_record_type("lb.example.net"), "CNAME");
    }

    #[test]
    fn unknown_placeholders_and_values_are_left_alone() {
        let values = [("a", "{{b}}".to_owned()), ("b", "x".to_owned())];
        assert_eq!(fill("{{a}} {{ b }} {{c}} {{", &values), "{{b}} x {{c}} {{");
    }
}
