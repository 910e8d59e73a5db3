//! From outbox events to deliveries: one per matching enabled endpoint.

use crate::error::{OpError, OpResult};
use landlord_domain::event::EventType;
use landlord_domain::tenant::TenantPath;
use landlord_persistence::webhooks::{NewDeliveryRow, deliveries, endpoints};
use landlord_persistence::{Database, Timestamp, events};

/// Fans the oldest undispatched events out, in one transaction: each goes to every
/// enabled endpoint whose owner's subtree holds the event's tenant and which subscribes to
/// its type; the events are then marked dispatched. Returns how many deliveries were made.
/// Another process fanning out at the same time (PostgreSQL) makes this a no-op.
pub(super) fn fan_out(db: &Database, now: Timestamp) -> OpResult<usize> {
    // Looking first keeps an idle tick from taking SQLite's writer lock.
    if db.read(|conn| events::undispatched(conn, 1))?.is_empty() {
        return Ok(0);
    }
    db.write(|tx| {
        if !events::try_lock_fan_out(tx)? {
            return Ok(0);
        }
        let pending = events::undispatched(tx, super::FAN_OUT_BATCH)?;
        if pending.is_empty() {
            return Ok(0);
        }
        let endpoints = endpoints::enabled_with_owner_paths(tx)?
            .into_iter()
            .map(|(row, path)| Ok((row.subscription()?, TenantPath::from_stored(path), row.id)))
            .collect::<OpResult<Vec<_>>>()?;
        let mut rows = Vec::new();
        for event in &pending {
            let event_path = TenantPath::from_stored(event.tenant_path.clone());
            // Test events are stored dispatched with their one delivery; an unknown type
            // (from a newer version) goes to endpoints that take every event.
            let event_type = EventType::parse(&event.event_type);
            if event_type == Some(EventType::WebhookTest) {
                continue;
            }
            for (subscription, owner_path, endpoint) in &endpoints {
                let subscribed = match event_type {
                    Some(t) => subscription.matches(t),
                    None => *subscription == landlord_domain::webhook::Subscription::All,
                };
                if subscribed && owner_path.contains(&event_path) {
                    rows.push(NewDeliveryRow::due(*endpoint, event, now));
                }
            }
        }
        let made = deliveries::fan_out(tx, &rows)?;
        let ids: Vec<i64> = pending.iter().map(|e| e.id).collect();
        events::mark_dispatched(tx, &ids, now)?;
        Ok::<_, OpError>(made)
    })
}
