//! Notification mails: what kinds Landlord sends, where each stands in the outbox, how a new
//! tenant's administrator is told about the account, and which template language a tenant's
//! `language` setting picks.

use serde::{Deserialize, Serialize};

string_enum!(/// What a notification mail is about; each kind has its own templates.
    MailKind {
        /// A new tenant's first administrator: the one-time link to choose a password.
        ActivationLink => "activation_link",
        /// A new tenant's first administrator: the sign-in details.
        Credentials => "credentials",
        /// A user asked to reset a forgotten password: the one-time link.
        PasswordReset => "password_reset",
        /// The tenant was suspended.
        TenantSuspended => "tenant_suspended",
        /// An invoice was issued to the tenant.
        InvoiceIssued => "invoice_issued",
        /// An invoice is overdue: a dunning reminder.
        DunningReminder => "dunning_reminder",
        /// A quota's usage reached a threshold or its limit.
        QuotaThreshold => "quota_threshold",
    }
);

string_enum!(/// Where a mail stands in the outbox.
    MailStatus {
        /// Waiting to be sent, or to be tried again after a failed attempt.
        Queued => "queued",
        /// Accepted by the mail server.
        Sent => "sent",
        /// Given up on after the last attempt, or refused for good by the mail server.
        Failed => "failed",
    }
);

string_enum!(/// How a new tenant's first administrator learns about the account (seed 002).
    #[derive(Default)]
    AdminNotification {
        /// A mail with a one-time link to choose a password (no `admin_password` then).
        ActivationLink => "activation_link",
        /// A mail with the sign-in details: tenant, username and password (the given
        /// `admin_password`, or a generated one).
        Credentials => "credentials",
        /// No mail; without `admin_password` the answer carries the one-time link.
        #[default]
        None => "none",
    }
);

string_enum!(/// The languages mail templates exist in.
    #[derive(Default)]
    MailLanguage {
        #[default]
        English => "en",
        German => "de",
    }
);

impl MailLanguage {
    /// The template language for a tenant's `language` setting (a BCP 47 tag such as
    /// `de-AT`): its primary subtag when templates exist for it, English otherwise.
    pub fn for_tag(tag: Option<&str>) -> Self {
        let primary = tag
            .and_then(|t| t.split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        primary.as_deref().and_then(Self::parse).unwrap_or_default()
    }
}

/// After how many failed attempts a mail is given up on.
pub const MAX_ATTEMPTS: i32 = 8;

/// How long to wait before the next attempt after `attempts` failed ones: 30 s, doubling,
/// at most an hour; `None` once [`MAX_ATTEMPTS`] is reached.
pub fn retry_delay(attempts: i32) -> Option<chrono::Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(7);
    let seconds = (30_i64 << doublings).min(3600);
    Some(chrono::Duration::seconds(seconds))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_language_is_the_tags_primary_subtag_or_english() {
        assert_eq!(MailLanguage::for_tag(Some("de")), MailLanguage::German);
        assert_eq!(MailLanguage::for_tag(Some("de-AT")), MailLanguage::German);
        assert_eq!(MailLanguage::for_tag(Some("en-GB")), MailLanguage::English);
        assert_eq!(MailLanguage::for_tag(Some("fr")), MailLanguage::English);
        assert_eq!(MailLanguage::for_tag(None), MailLanguage::English);
    }

    #[test]
    fn retries_back_off_from_thirty_seconds_to_an_hour_then_stop() {
        assert_eq!(retry_delay(1).unwrap().num_seconds(), 30);
        assert_eq!(retry_delay(2).unwrap().num_seconds(), 60);
        assert_eq!(retry_delay(3).unwrap().num_seconds(), 120);
        assert_eq!(retry_delay(7).unwrap().num_seconds(), 1920);
        assert_eq!(retry_delay(MAX_ATTEMPTS), None);
    }
}
