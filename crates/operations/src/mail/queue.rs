//! Queuing a mail: a row in the outbox, written in the caller's transaction, so a change
//! that rolls back sends nothing and one that commits always has its mail.

use super::templates::{self, Variables};
use crate::error::OpResult;
use landlord_domain::mail::{MailKind, MailLanguage, MailStatus};
use landlord_persistence::mail::{self, NewMailRow};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Timestamp};

/// Queues `kind` to `recipient` about `tenant`, in the tenant's language, due at once. The
/// tenant's name and domain are among the values without being given.
pub(crate) fn queue(
    tx: &mut AnyConnection,
    now: Timestamp,
    tenant: &TenantRow,
    kind: MailKind,
    recipient: &str,
    mut values: Variables,
) -> OpResult<i64> {
    let language = MailLanguage::for_tag(tenant.language.as_deref());
    values
        .entry("tenant_name".into())
        .or_insert_with(|| tenant.name.clone());
    values
        .entry("domain".into())
        .or_insert_with(|| tenant.domain.clone());
    let row = mail::insert(
        tx,
        &NewMailRow {
            tenant_id: tenant.id,
            kind: kind.as_str().to_owned(),
            language: language.as_str().to_owned(),
            recipient: recipient.to_owned(),
            subject: templates::subject(kind, language, &values),
            variables: serde_json::to_string(&values)
                .map_err(|e| crate::OpError::Internal(e.to_string()))?,
            status: MailStatus::Queued.as_str().to_owned(),
            attempts: 0,
            next_attempt_at: Some(now),
            created_at: now,
            updated_at: now,
        },
    )?;
    Ok(row.id)
}

/// A date as mails show it (`2026-12-02 15:04 UTC`).
pub(crate) fn when(at: Timestamp) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Values from `(name, value)` pairs.
pub(crate) fn values<const N: usize>(pairs: [(&str, String); N]) -> Variables {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}
