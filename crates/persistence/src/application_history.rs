//! The history microservice usage is counted from: every range a tenant was subscribed to an
//! application, and the segments of each microservice's active instance count. Rows are
//! closed, never deleted, when a subscription ends or a count changes.

use crate::schema::application_instance_segments::dsl as g;
use crate::schema::application_subscription_periods::dsl as p;
use crate::schema::applications::dsl as a;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::application_subscription_periods)]
pub struct PeriodRow {
    pub id: i64,
    pub tenant_id: i64,
    pub application_key: String,
    pub subscribed_at: Timestamp,
    /// `None` while the subscription lasts.
    pub unsubscribed_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::application_instance_segments)]
pub struct SegmentRow {
    pub id: i64,
    pub application_key: String,
    pub scope_key: String,
    pub tenant_id: Option<i64>,
    pub active: i64,
    pub started_at: Timestamp,
    /// `None` while the count holds.
    pub ended_at: Option<Timestamp>,
}

/// A subscription range to write (the demo seed's history, in bulk).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::application_subscription_periods)]
pub struct NewPeriodRow {
    pub tenant_id: i64,
    pub application_key: String,
    pub subscribed_at: Timestamp,
    pub unsubscribed_at: Option<Timestamp>,
}

/// An instance segment to write (the demo seed's history, in bulk).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::application_instance_segments)]
pub struct NewSegmentRow {
    pub application_key: String,
    pub scope_key: String,
    pub tenant_id: Option<i64>,
    pub active: i64,
    pub started_at: Timestamp,
    pub ended_at: Option<Timestamp>,
}

/// Opens a subscription range at `at`.
pub fn open_subscription(
    conn: &mut AnyConnection,
    tenant: i64,
    key: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    diesel::insert_into(p::application_subscription_periods)
        .values((
            p::tenant_id.eq(tenant),
            p::application_key.eq(key),
            p::subscribed_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Closes the tenant's open subscription range of `key` at `at`.
pub fn close_subscription(
    conn: &mut AnyConnection,
    tenant: i64,
    key: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(
        p::application_subscription_periods
            .filter(p::tenant_id.eq(tenant))
            .filter(p::application_key.eq(key))
            .filter(p::unsubscribed_at.is_null()),
    )
    .set(p::unsubscribed_at.eq(at))
    .execute(conn)?;
    Ok(())
}

fn close_segment(
    conn: &mut AnyConnection,
    key: &str,
    scope: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    diesel::update(
        g::application_instance_segments
            .filter(g::application_key.eq(key))
            .filter(g::scope_key.eq(scope))
            .filter(g::ended_at.is_null()),
    )
    .set(g::ended_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// Records `active` instances of `key` for `scope` from `at`: a count other than the open
/// segment's ends it and starts a new one; the same count changes nothing. Call with the
/// application locked.
pub fn record_instances(
    conn: &mut AnyConnection,
    key: &str,
    scope: &str,
    tenant: Option<i64>,
    active: i64,
    at: Timestamp,
) -> Result<(), StoreError> {
    let open: Option<i64> = g::application_instance_segments
        .filter(g::application_key.eq(key))
        .filter(g::scope_key.eq(scope))
        .filter(g::ended_at.is_null())
        .select(g::active)
        .first(conn)
        .optional()?;
    if open == Some(active) {
        return Ok(());
    }
    close_segment(conn, key, scope, at)?;
    diesel::insert_into(g::application_instance_segments)
        .values((
            g::application_key.eq(key),
            g::scope_key.eq(scope),
            g::tenant_id.eq(tenant),
            g::active.eq(active),
            g::started_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Ends the open segment of `key`'s instances for `scope` at `at` (they are forgotten when
/// the tenant unsubscribes).
pub fn end_instances(
    conn: &mut AnyConnection,
    key: &str,
    scope: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    close_segment(conn, key, scope, at)
}

/// `tenant`'s subscription ranges overlapping `[from, to)`, oldest first.
pub fn periods_of_tenant(
    conn: &mut AnyConnection,
    tenant: i64,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<PeriodRow>, StoreError> {
    Ok(p::application_subscription_periods
        .filter(p::tenant_id.eq(tenant))
        .filter(p::subscribed_at.lt(to))
        .filter(p::unsubscribed_at.is_null().or(p::unsubscribed_at.gt(from)))
        .order((p::subscribed_at.asc(), p::id.asc()))
        .select(PeriodRow::as_select())
        .load(conn)?)
}

/// Every tenant's subscription ranges of `keys` overlapping `[from, to)`.
pub fn periods_of_applications(
    conn: &mut AnyConnection,
    keys: &[String],
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<PeriodRow>, StoreError> {
    Ok(p::application_subscription_periods
        .filter(p::application_key.eq_any(keys))
        .filter(p::subscribed_at.lt(to))
        .filter(p::unsubscribed_at.is_null().or(p::unsubscribed_at.gt(from)))
        .order((p::subscribed_at.asc(), p::id.asc()))
        .select(PeriodRow::as_select())
        .load(conn)?)
}

/// The instance segments of `keys` (every scope) overlapping `[from, to)`.
pub fn segments_of(
    conn: &mut AnyConnection,
    keys: &[String],
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<SegmentRow>, StoreError> {
    Ok(g::application_instance_segments
        .filter(g::application_key.eq_any(keys))
        .filter(g::started_at.lt(to))
        .filter(g::ended_at.is_null().or(g::ended_at.gt(from)))
        .order((g::started_at.asc(), g::id.asc()))
        .select(SegmentRow::as_select())
        .load(conn)?)
}

/// The tenants whose microservice usage within `[from, to)` may be other than nothing:
/// every tenant subscribed to a microservice then, and the owners of those microservices.
pub fn tenants_with_usage(
    conn: &mut AnyConnection,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<i64>, StoreError> {
    let pairs: Vec<(i64, i64)> = p::application_subscription_periods
        .inner_join(a::applications)
        .filter(a::application_type.eq("microservice"))
        .filter(p::subscribed_at.lt(to))
        .filter(p::unsubscribed_at.is_null().or(p::unsubscribed_at.gt(from)))
        .select((p::tenant_id, a::owner_tenant_id))
        .distinct()
        .load(conn)?;
    let mut ids: Vec<i64> = pairs.into_iter().flat_map(|(t, o)| [t, o]).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
