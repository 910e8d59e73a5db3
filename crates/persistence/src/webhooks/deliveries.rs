//! Deliveries: one row per (event, endpoint), claimed by the worker with a lease, and the
//! attempts made for each.

use super::{AttemptRow, DeliveryRow, EndpointRow, NewAttemptRow, NewDeliveryRow};
use crate::events::EventRow;
use crate::schema::events::dsl as ev;
use crate::schema::webhook_attempts::dsl as a;
use crate::schema::webhook_deliveries::dsl as d;
use crate::schema::webhook_endpoints::dsl as w;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::listing::PageRequest;
use landlord_domain::webhook::DeliveryStatus;

/// Inserts deliveries, skipping those whose (event, endpoint) already has one, so fanning
/// an event out again changes nothing. Returns how many were new.
pub fn fan_out(conn: &mut AnyConnection, rows: &[NewDeliveryRow]) -> Result<usize, StoreError> {
    let mut inserted = 0;
    for row in rows {
        inserted += dialect::insert_delivery_unless_present(conn, row)?;
    }
    Ok(inserted)
}

pub fn insert(conn: &mut AnyConnection, row: &NewDeliveryRow) -> Result<DeliveryRow, StoreError> {
    Ok(diesel::insert_into(d::webhook_deliveries)
        .values(row)
        .returning(crate::schema::webhook_deliveries::all_columns)
        .get_result(conn)?)
}

/// The delivery `id` with its event's public id, if it goes to an endpoint of `owner`.
pub fn find_owned(
    conn: &mut AnyConnection,
    owner: TenantId,
    id: i64,
) -> Result<Option<(DeliveryRow, String)>, StoreError> {
    Ok(d::webhook_deliveries
        .inner_join(w::webhook_endpoints)
        .inner_join(ev::events)
        .filter(d::id.eq(id))
        .filter(w::tenant_id.eq(owner.0))
        .select((DeliveryRow::as_select(), ev::public_id))
        .first(conn)
        .optional()?)
}

/// A delivery as lists show it: with its event's public id and its attempts, oldest first.
pub type DeliveryWithAttempts = (DeliveryRow, String, Vec<AttemptRow>);

/// One page of an endpoint's deliveries, newest first, with their total. Each delivery and
/// its attempts are read by one statement, so they agree with each other even while the
/// worker records an attempt (on PostgreSQL every statement has its own snapshot).
pub fn list_for_endpoint(
    conn: &mut AnyConnection,
    endpoint: i64,
    status: Option<DeliveryStatus>,
    page: PageRequest,
) -> Result<(Vec<DeliveryWithAttempts>, i64), StoreError> {
    let filtered = || {
        let mut query = d::webhook_deliveries
            .filter(d::endpoint_id.eq(endpoint))
            .into_boxed();
        if let Some(status) = status {
            query = query.filter(d::status.eq(status.as_str()));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let ids: Vec<i64> = filtered()
        .order(d::id.desc())
        .offset(page.offset())
        .limit(i64::from(page.per_page))
        .select(d::id)
        .load(conn)?;
    let rows: Vec<(DeliveryRow, String, Option<AttemptRow>)> = d::webhook_deliveries
        .inner_join(ev::events)
        .left_join(a::webhook_attempts)
        .filter(d::id.eq_any(&ids))
        .order((d::id.desc(), a::id.asc()))
        .select((
            DeliveryRow::as_select(),
            ev::public_id,
            Option::<AttemptRow>::as_select(),
        ))
        .load(conn)?;
    let mut grouped: Vec<DeliveryWithAttempts> = Vec::new();
    for (delivery, event_id, attempt) in rows {
        match grouped.last_mut() {
            Some((last, _, attempts)) if last.id == delivery.id => attempts.extend(attempt),
            _ => grouped.push((delivery, event_id, attempt.into_iter().collect())),
        }
    }
    Ok((grouped, total))
}

/// The attempts of these deliveries, oldest first.
pub fn attempts_for(
    conn: &mut AnyConnection,
    deliveries: &[i64],
) -> Result<Vec<AttemptRow>, StoreError> {
    Ok(a::webhook_attempts
        .filter(a::delivery_id.eq_any(deliveries))
        .order((a::delivery_id.asc(), a::id.asc()))
        .select(AttemptRow::as_select())
        .load(conn)?)
}

/// Queues a delivery again, due at once, with a fresh retry schedule; its attempts stay.
pub fn requeue(
    conn: &mut AnyConnection,
    id: i64,
    now: Timestamp,
) -> Result<DeliveryRow, StoreError> {
    diesel::update(d::webhook_deliveries.filter(d::id.eq(id)))
        .set((
            d::status.eq(DeliveryStatus::Pending.as_str()),
            d::failures.eq(0),
            d::next_attempt_at.eq(Some(now)),
            d::locked_until.eq(None::<Timestamp>),
            d::lease.eq(None::<String>),
            d::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(d::webhook_deliveries
        .filter(d::id.eq(id))
        .select(DeliveryRow::as_select())
        .first(conn)?)
}

/// Claims up to `limit` deliveries due at `now` under `lease` until `lease_until`: pending,
/// not claimed by anyone else (or their claim has lapsed), to an enabled endpoint, and with
/// no earlier event for the same endpoint and tenant still pending. Call it in a
/// transaction; on PostgreSQL concurrent claimers skip each other's rows.
pub fn claim_due(
    conn: &mut AnyConnection,
    now: Timestamp,
    lease: &str,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    let ids = dialect::due_ids(conn, dialect::DueWork::WebhookDeliveries, now, limit, true)?;
    if !ids.is_empty() {
        diesel::update(d::webhook_deliveries.filter(d::id.eq_any(&ids)))
            .set((
                d::locked_until.eq(Some(lease_until)),
                d::lease.eq(Some(lease)),
            ))
            .execute(conn)?;
    }
    Ok(ids)
}

/// Whether any delivery is due at `now`: a cheap look, without locks, before claiming.
pub fn any_due(conn: &mut AnyConnection, now: Timestamp) -> Result<bool, StoreError> {
    Ok(!dialect::due_ids(conn, dialect::DueWork::WebhookDeliveries, now, 1, false)?.is_empty())
}

/// A claimed delivery with what sending it needs.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub delivery: DeliveryRow,
    pub endpoint: EndpointRow,
    pub event: EventRow,
}

pub fn claimed(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<Claimed>, StoreError> {
    let rows: Vec<(DeliveryRow, EndpointRow, EventRow)> = d::webhook_deliveries
        .inner_join(w::webhook_endpoints)
        .inner_join(ev::events)
        .filter(d::id.eq_any(ids))
        .order(d::id.asc())
        .select((
            DeliveryRow::as_select(),
            EndpointRow::as_select(),
            EventRow::as_select(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(delivery, endpoint, event)| Claimed {
            delivery,
            endpoint,
            event,
        })
        .collect())
}

/// Where a delivery goes after an attempt.
#[derive(Debug, Clone)]
pub struct AfterAttempt {
    pub status: DeliveryStatus,
    pub failures: i32,
    pub next_attempt_at: Option<Timestamp>,
}

/// Records an attempt made under `lease` and moves the delivery on. Returns `false`, and
/// records nothing, when the lease was lost (it lapsed and another claimer took over).
pub fn record_attempt(
    conn: &mut AnyConnection,
    id: i64,
    lease: &str,
    attempt: NewAttemptRow,
    after: AfterAttempt,
) -> Result<bool, StoreError> {
    let now = attempt.attempted_at;
    let updated = diesel::update(
        d::webhook_deliveries
            .filter(d::id.eq(id))
            .filter(d::lease.eq(lease)),
    )
    .set((
        d::status.eq(after.status.as_str()),
        d::failures.eq(after.failures),
        d::next_attempt_at.eq(after.next_attempt_at),
        d::locked_until.eq(None::<Timestamp>),
        d::lease.eq(None::<String>),
        d::updated_at.eq(now),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Ok(false);
    }
    diesel::insert_into(a::webhook_attempts)
        .values(attempt)
        .execute(conn)?;
    Ok(true)
}
