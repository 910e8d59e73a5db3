//! The mail outbox as rows: messages written inside the change that causes them, claimed by
//! the mail worker under a lease, and moved on after each attempt.

use crate::models::corrupt;
use crate::schema::mail_messages;
use crate::schema::mail_messages::dsl as m;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::listing::PageRequest;
use landlord_domain::mail::{MailKind, MailStatus};
use landlord_domain::wire::MailView;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = mail_messages)]
pub struct MailRow {
    pub id: i64,
    pub tenant_id: i64,
    pub kind: String,
    pub language: String,
    pub recipient: String,
    pub subject: String,
    pub variables: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<Timestamp>,
    pub locked_until: Option<Timestamp>,
    pub lease: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

impl MailRow {
    pub fn kind(&self) -> Result<MailKind, StoreError> {
        MailKind::parse(&self.kind).ok_or_else(|| corrupt("mail kind", &self.kind))
    }

    pub fn to_view(&self) -> Result<MailView, StoreError> {
        Ok(MailView {
            id: self.id,
            tenant_id: self.tenant_id,
            kind: self.kind()?,
            status: MailStatus::parse(&self.status)
                .ok_or_else(|| corrupt("mail status", &self.status))?,
            recipient: self.recipient.clone(),
            subject: self.subject.clone(),
            language: self.language.clone(),
            attempts: self.attempts,
            last_error: self.last_error.clone(),
            next_attempt_at: self.next_attempt_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            sent_at: self.sent_at.map(|t| t.and_utc()),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = mail_messages)]
pub struct NewMailRow {
    pub tenant_id: i64,
    pub kind: String,
    pub language: String,
    pub recipient: String,
    pub subject: String,
    pub variables: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Queues a message; call it in the transaction of the change that causes it.
pub fn insert(conn: &mut AnyConnection, row: &NewMailRow) -> Result<MailRow, StoreError> {
    Ok(diesel::insert_into(m::mail_messages)
        .values(row)
        .returning(mail_messages::all_columns)
        .get_result(conn)?)
}

/// One page of a tenant's messages, newest first, with their total.
pub fn list_for_tenant(
    conn: &mut AnyConnection,
    tenant: TenantId,
    status: Option<MailStatus>,
    page: PageRequest,
) -> Result<(Vec<MailRow>, i64), StoreError> {
    let filtered = || {
        let mut query = m::mail_messages
            .filter(m::tenant_id.eq(tenant.0))
            .into_boxed();
        if let Some(status) = status {
            query = query.filter(m::status.eq(status.as_str()));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(m::id.desc())
        .offset(page.offset())
        .limit(i64::from(page.per_page))
        .select(MailRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Whether any message is due at `now`: a cheap look, without locks, before claiming.
pub fn any_due(conn: &mut AnyConnection, now: Timestamp) -> Result<bool, StoreError> {
    Ok(!dialect::due_ids(conn, dialect::DueWork::Mails, now, 1, false)?.is_empty())
}

/// Claims up to `limit` messages due at `now` under `lease` until `lease_until`, and answers
/// them. Call it in a transaction; on PostgreSQL concurrent claimers skip each other's rows.
pub fn claim_due(
    conn: &mut AnyConnection,
    now: Timestamp,
    lease: &str,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<MailRow>, StoreError> {
    let ids = dialect::due_ids(conn, dialect::DueWork::Mails, now, limit, true)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(m::mail_messages.filter(m::id.eq_any(&ids)))
        .set((
            m::locked_until.eq(Some(lease_until)),
            m::lease.eq(Some(lease)),
        ))
        .execute(conn)?;
    Ok(m::mail_messages
        .filter(m::id.eq_any(&ids))
        .order(m::id.asc())
        .select(MailRow::as_select())
        .load(conn)?)
}

/// How an attempt ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Accepted by the mail server: the variables (links, passwords) are dropped.
    Sent,
    /// Failed; tried again at `retry_at`, or failed for good when `None`.
    Failed {
        error: String,
        retry_at: Option<Timestamp>,
    },
}

/// Records an attempt made under `lease`. Returns `false`, and records nothing, when the
/// lease was lost (it lapsed and another claimer took over).
pub fn record_attempt(
    conn: &mut AnyConnection,
    id: i64,
    lease: &str,
    outcome: Outcome,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let claimed = m::mail_messages
        .filter(m::id.eq(id))
        .filter(m::lease.eq(lease));
    let updated = match outcome {
        Outcome::Sent => diesel::update(claimed)
            .set((
                m::status.eq(MailStatus::Sent.as_str()),
                m::attempts.eq(m::attempts + 1),
                m::variables.eq("{}"),
                m::next_attempt_at.eq(None::<Timestamp>),
                m::locked_until.eq(None::<Timestamp>),
                m::lease.eq(None::<String>),
                m::updated_at.eq(now),
                m::sent_at.eq(Some(now)),
            ))
            .execute(conn)?,
        Outcome::Failed { error, retry_at } => {
            let status = match retry_at {
                Some(_) => MailStatus::Queued,
                None => MailStatus::Failed,
            };
            diesel::update(claimed)
                .set((
                    m::status.eq(status.as_str()),
                    m::attempts.eq(m::attempts + 1),
                    m::last_error.eq(Some(error)),
                    m::next_attempt_at.eq(retry_at),
                    m::locked_until.eq(None::<Timestamp>),
                    m::lease.eq(None::<String>),
                    m::updated_at.eq(now),
                ))
                .execute(conn)?
        }
    };
    Ok(updated == 1)
}
