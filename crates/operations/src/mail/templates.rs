//! The mail templates, one plain-text and one HTML file per kind and language under
//! `crates/operations/templates/mail/<language>/`, compiled in. A text template's first
//! line is `Subject: …`, then a blank line, then the body. `{{name}}` stands for a value:
//! as it is in the subject and the text, HTML-escaped in the HTML.

use landlord_domain::mail::{MailKind, MailLanguage};
use std::collections::BTreeMap;

/// A template's values by name.
pub type Variables = BTreeMap<String, String>;

macro_rules! templates {
    ($($kind:ident => $file:literal),+ $(,)?) => {
        fn files(kind: MailKind, language: MailLanguage) -> (&'static str, &'static str) {
            match (kind, language) {
                $(
                    (MailKind::$kind, MailLanguage::English) => (
                        include_str!(concat!("../../templates/mail/en/", $file, ".txt")),
                        include_str!(concat!("../../templates/mail/en/", $file, ".html")),
                    ),
                    (MailKind::$kind, MailLanguage::German) => (
                        include_str!(concat!("../../templates/mail/de/", $file, ".txt")),
                        include_str!(concat!("../../templates/mail/de/", $file, ".html")),
                    ),
                )+
            }
        }
    };
}

templates! {
    ActivationLink => "activation_link",
    Credentials => "credentials",
    PasswordReset => "password_reset",
    TenantSuspended => "tenant_suspended",
    InvoiceIssued => "invoice_issued",
    DunningReminder => "dunning_reminder",
    QuotaThreshold => "quota_threshold",
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders `kind` in `language` with `values`.
pub fn render(kind: MailKind, language: MailLanguage, values: &Variables) -> Rendered {
    let (text, html) = files(kind, language);
    let (subject, body) = split_subject(text);
    Rendered {
        subject: fill(subject, values, |v| v.replace(['\r', '\n'], " ")),
        text: fill(body, values, str::to_owned),
        html: format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"></head>\n<body>\n{}</body>\n</html>\n",
            language.as_str(),
            fill(html, values, escape_html)
        ),
    }
}

/// Only the subject, for listing a message before it is sent.
pub fn subject(kind: MailKind, language: MailLanguage, values: &Variables) -> String {
    render(kind, language, values).subject
}

fn split_subject(text: &str) -> (&str, &str) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let subject = first.strip_prefix("Subject: ").unwrap_or(first);
    (subject.trim(), rest.strip_prefix('\n').unwrap_or(rest))
}

/// Replaces each `{{name}}` with its value, written by `write`; an unknown name stays as is.
fn fill(template: &str, values: &Variables, write: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match values.get(name) {
                    Some(value) => out.push_str(&write(value)),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn every_value() -> Variables {
        [
            "tenant_name",
            "domain",
            "username",
            "token",
            "expires_at",
            "password",
            "public_url",
            "suspended_at",
            "invoice_number",
            "amount",
            "due_date",
            "quota",
            "threshold",
            "used",
            "limit",
        ]
        .into_iter()
        .map(|k| (k.to_owned(), format!("<{k}>")))
        .collect()
    }

    #[test]
    fn every_template_has_a_subject_and_only_known_placeholders() {
        for kind in MailKind::ALL {
            for language in MailLanguage::ALL {
                let mail = render(kind, language, &every_value());
                assert!(!mail.subject.is_empty(), "{kind:?} {language:?}");
                for part in [&mail.subject, &mail.text, &mail.html] {
                    assert!(!part.contains("{{"), "{kind:?} {language:?}: {part}");
                }
                assert!(!mail.text.starts_with('\n'));
            }
        }
    }

    #[test]
    fn values_are_escaped_in_html_only() {
        let mut values = every_value();
        values.insert("tenant_name".into(), "Tom & <Jerry> \"Ltd\"".into());
        let mail = render(MailKind::TenantSuspended, MailLanguage::English, &values);
        assert!(mail.text.contains("Tom & <Jerry> \"Ltd\""));
        assert!(
            mail.html
                .contains("Tom &amp; &lt;Jerry&gt; &quot;Ltd&quot;")
        );
        assert!(!mail.html.contains("<Jerry>"));
        assert!(mail.subject.starts_with("Tom & <Jerry>"));
    }

    #[test]
    fn german_tenants_get_german_mails() {
        let mail = render(
            MailKind::TenantSuspended,
            MailLanguage::German,
            &every_value(),
        );
        assert!(mail.subject.contains("gesperrt"), "{}", mail.subject);
        assert!(mail.html.contains("lang=\"de\""));
    }
}
