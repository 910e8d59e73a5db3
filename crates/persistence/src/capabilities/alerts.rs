//! Quota alerts: a threshold fires once per tenant, quota, period and threshold (the
//! `quota_alerts` key), and the tenant's notifications about them.

use crate::schema::tenant_notifications::dsl as n;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;

/// Which threshold of which counter.
#[derive(Debug, Clone, Copy)]
pub struct AlertKey<'a> {
    pub tenant: i64,
    pub quota: &'a str,
    pub period: &'a str,
    pub threshold: i64,
}

/// Records that the threshold fired; `true` when this call did (it had not fired yet). On
/// PostgreSQL a concurrent insert of the same key waits for the first to commit, then adds
/// nothing; SQLite has a single writer.
pub fn claim(
    conn: &mut AnyConnection,
    key: AlertKey<'_>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    Ok(dialect::insert_alert_unless_present(conn, key, now)? == 1)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::tenant_notifications)]
pub struct NotificationRow {
    pub id: i64,
    pub tenant_id: i64,
    pub kind: String,
    pub quota_key: String,
    pub threshold: i64,
    pub used: i64,
    pub limit_value: i64,
    pub period_key: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::tenant_notifications)]
pub struct NewNotificationRow<'a> {
    pub tenant_id: i64,
    pub kind: &'a str,
    pub quota_key: &'a str,
    pub threshold: i64,
    pub used: i64,
    pub limit_value: i64,
    pub period_key: &'a str,
    pub created_at: Timestamp,
}

pub fn notify(
    conn: &mut AnyConnection,
    row: NewNotificationRow<'_>,
) -> Result<NotificationRow, StoreError> {
    Ok(diesel::insert_into(n::tenant_notifications)
        .values(row)
        .returning(crate::schema::tenant_notifications::all_columns)
        .get_result(conn)?)
}

/// One page of the tenant's notifications, newest first, and how many it has.
pub fn page(
    conn: &mut AnyConnection,
    tenant: i64,
    offset: i64,
    limit: i64,
) -> Result<(Vec<NotificationRow>, i64), StoreError> {
    let total = n::tenant_notifications
        .filter(n::tenant_id.eq(tenant))
        .count()
        .get_result(conn)?;
    let rows = n::tenant_notifications
        .filter(n::tenant_id.eq(tenant))
        .order(n::id.desc())
        .offset(offset)
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Marks a notification read (keeping the first time it was); `None` if the tenant has no
/// such notification.
pub fn mark_read(
    conn: &mut AnyConnection,
    tenant: i64,
    id: i64,
    now: Timestamp,
) -> Result<Option<NotificationRow>, StoreError> {
    diesel::update(
        n::tenant_notifications
            .filter(n::id.eq(id))
            .filter(n::tenant_id.eq(tenant))
            .filter(n::read_at.is_null()),
    )
    .set(n::read_at.eq(now))
    .execute(conn)?;
    Ok(n::tenant_notifications
        .filter(n::id.eq(id))
        .filter(n::tenant_id.eq(tenant))
        .select(NotificationRow::as_select())
        .first(conn)
        .optional()?)
}
