//! The outbox: events appended in a change's transaction, read by webhook delivery.

use crate::schema::events::dsl as e;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::events)]
pub struct EventRow {
    pub id: i64,
    pub public_id: String,
    pub event_type: String,
    pub tenant_id: i64,
    pub tenant_path: String,
    pub created_at: Timestamp,
    pub payload: String,
    pub dispatched_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::events)]
pub struct NewEventRow {
    pub public_id: String,
    pub event_type: String,
    pub tenant_id: i64,
    pub tenant_path: String,
    pub created_at: Timestamp,
    pub payload: String,
}

/// Appends an event; call it inside the change's transaction.
pub fn append(conn: &mut AnyConnection, event: NewEventRow) -> Result<(), StoreError> {
    diesel::insert_into(e::events).values(event).execute(conn)?;
    Ok(())
}

/// Events not yet fanned out to deliveries, oldest first.
pub fn undispatched(conn: &mut AnyConnection, limit: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(e::events
        .filter(e::dispatched_at.is_null())
        .order(e::id.asc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Marks events as fanned out.
pub fn mark_dispatched(
    conn: &mut AnyConnection,
    ids: &[i64],
    at: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(e::events.filter(e::id.eq_any(ids)))
        .set(e::dispatched_at.eq(Some(at)))
        .execute(conn)?;
    Ok(())
}

/// One tenant's events, newest first (for tests and the event log).
pub fn for_tenant(
    conn: &mut AnyConnection,
    tenant_id: i64,
    limit: i64,
) -> Result<Vec<EventRow>, StoreError> {
    Ok(e::events
        .filter(e::tenant_id.eq(tenant_id))
        .order(e::id.desc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Takes the fan-out turn for this transaction (see `dialect::try_fanout_lock`); `false`
/// when another process is fanning out right now.
pub fn try_lock_fan_out(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    Ok(crate::dialect::try_fanout_lock(conn)?)
}

/// Appends an event that is already dispatched: a `webhook.test` event, whose one delivery
/// the caller inserts itself. Returns the stored row.
pub fn append_dispatched(
    conn: &mut AnyConnection,
    event: NewEventRow,
) -> Result<EventRow, StoreError> {
    let at = event.created_at;
    let id: i64 = diesel::insert_into(e::events)
        .values(event)
        .returning(e::id)
        .get_result(conn)?;
    mark_dispatched(conn, &[id], at)?;
    Ok(e::events
        .filter(e::id.eq(id))
        .select(EventRow::as_select())
        .first(conn)?)
}
