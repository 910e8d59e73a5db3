//! The one value a request-rate limit keeps per tenant (`domain::rate_limit`): when its next
//! request may be served. Read and written inside one write transaction with the row locked,
//! so every server process over the database decides from the same instant.

use crate::connection::AnyConnection;
use crate::dialect::{self, Lockable};
use crate::schema::request_rate_slots::dsl as r;
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::rate_limit::Micros;

/// `tenant`'s next free instant, locked until the transaction ends (a tenant's first
/// limited request creates its slot, free since the epoch). The slot is made sure of
/// before it is locked: locking a row not yet visible locks nothing, and a read after
/// another process committed it would then decide from an unlocked value.
pub fn next_free_locked(conn: &mut AnyConnection, tenant: TenantId) -> QueryResult<Micros> {
    dialect::insert_rate_slot_unless_present(conn, tenant.0)?;
    dialect::lock_row(conn, Lockable::RequestRateSlots, tenant.0)?;
    r::request_rate_slots
        .find(tenant.0)
        .select(r::next_free_us)
        .first(conn)
}

/// Moves `tenant`'s next free instant to `next_free`.
pub fn set_next_free(
    conn: &mut AnyConnection,
    tenant: TenantId,
    next_free: Micros,
) -> QueryResult<()> {
    diesel::update(r::request_rate_slots.find(tenant.0))
        .set(r::next_free_us.eq(next_free))
        .execute(conn)
        .map(|_| ())
}

/// Forgets `tenant`'s backlog, for a limit that changed: the new one starts afresh.
pub fn reset(conn: &mut AnyConnection, tenant: TenantId) -> QueryResult<()> {
    diesel::delete(r::request_rate_slots.find(tenant.0))
        .execute(conn)
        .map(|_| ())
}
