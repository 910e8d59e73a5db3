//! The one path every change takes to be recorded: the audit record and, where the action
//! is published, the outbox event, both in the change's own transaction. A rolled-back
//! change therefore leaves neither, and a committed one always has both.

use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::TenantId;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::event::{EventData, EventPayload};
use landlord_domain::tenant::TenantPath;
use landlord_persistence::AnyConnection;
use landlord_persistence::audit::{self, Actor, AuditRecord};
use landlord_persistence::events::{self, NewEventRow};
use serde_json::Value;

/// One change to record. Build it with [`Change::new`] and the setters.
#[derive(Debug, Clone)]
pub struct Change {
    action: AuditAction,
    /// The tenant the change concerns; its events carry this tenant.
    tenant_id: TenantId,
    tenant_path: TenantPath,
    /// Whose audit log holds the record: the tenant itself unless said otherwise (a
    /// deletion is logged in the parent's, since the tenant's own log goes with it).
    log_tenant: Option<TenantId>,
    target: AuditTarget,
    target_id: Option<String>,
    success: bool,
    details: Value,
    object: Option<Value>,
    previous_attributes: Option<Value>,
    /// Who acted, when not the context's caller (a sign-in names the user it signs in).
    actor: Option<Actor>,
}

impl Change {
    pub fn new(action: AuditAction, tenant_id: TenantId, tenant_path: TenantPath) -> Self {
        Self {
            action,
            tenant_id,
            tenant_path,
            log_tenant: None,
            target: AuditTarget::Tenant,
            target_id: None,
            success: true,
            details: Value::Object(Default::default()),
            object: None,
            previous_attributes: None,
            actor: None,
        }
    }

    /// What the record is about (default: the tenant).
    pub fn target(mut self, target: AuditTarget, id: impl ToString) -> Self {
        self.target = target;
        self.target_id = Some(id.to_string());
        self
    }

    /// What the record is about, when there is no id to name.
    pub fn untargeted(mut self, target: AuditTarget) -> Self {
        self.target = target;
        self.target_id = None;
        self
    }

    /// The audit record's details (before/after values and the like).
    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// The resource as webhooks see it; without one no event is published.
    pub fn object(mut self, object: Value) -> Self {
        self.object = Some(object);
        self
    }

    /// The changed fields' values before an update.
    pub fn previous_attributes(mut self, previous: Value) -> Self {
        self.previous_attributes = Some(previous);
        self
    }

    pub fn logged_in(mut self, tenant: TenantId) -> Self {
        self.log_tenant = Some(tenant);
        self
    }

    pub fn actor(mut self, actor: Actor) -> Self {
        self.actor = Some(actor);
        self
    }

    /// An attempt that was refused (a failed sign-in): audited, never published.
    pub fn failed(mut self) -> Self {
        self.success = false;
        self
    }
}

impl Change {
    fn audit_record(&self, ctx: &Context) -> AuditRecord {
        AuditRecord {
            tenant_id: self.log_tenant.unwrap_or(self.tenant_id),
            action: self.action,
            success: self.success,
            actor: self.actor.clone().unwrap_or_else(|| ctx.actor()),
            target: self.target,
            target_id: self.target_id.clone(),
            request_id: ctx.request_id.clone(),
            details: with_support(ctx, self.details.clone()),
            occurred_at: ctx.now,
        }
    }
}

/// A support session's records say who acted on whose behalf: `details.support` names the
/// support user (id, username, their own tenant) and the tenant it acted for.
fn with_support(ctx: &Context, details: Value) -> Value {
    let Some(caller) = ctx.caller.as_ref() else {
        return details;
    };
    let Some(support) = caller.support.as_ref() else {
        return details;
    };
    let entry = serde_json::json!({
        "user_id": support.user_id.0,
        "username": support.username,
        "tenant_id": support.tenant_id.0,
        "on_behalf_of": { "tenant_id": caller.tenant_id.0, "domain": caller.tenant_domain },
    });
    match details {
        Value::Object(mut map) => {
            map.insert("support".to_owned(), entry);
            Value::Object(map)
        }
        other => serde_json::json!({ "support": entry, "details": other }),
    }
}

/// Writes the audit record and, for a published action with an object, the outbox event.
/// Call it inside the change's transaction (see [`Context::transaction`]).
pub fn record_change(conn: &mut AnyConnection, ctx: &Context, change: Change) -> OpResult<()> {
    audit::record(conn, change.audit_record(ctx))?;
    publish(conn, ctx, change)
}

/// Records changes that happened in the past, each at its own time, with multi-row
/// inserts: how `landlord seed` loads demo customers with the history production would
/// have written. Their events are not published: they happened before any webhook
/// endpoint existed to hear them.
#[derive(Debug, Default)]
pub struct History(Vec<AuditRecord>);

impl History {
    pub fn push(&mut self, ctx: &Context, change: Change) {
        self.0.push(change.audit_record(ctx));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Writes the records gathered so far, in the caller's transaction.
    pub fn write(&mut self, conn: &mut AnyConnection) -> OpResult<()> {
        audit::record_many(conn, std::mem::take(&mut self.0))?;
        Ok(())
    }
}

fn publish(conn: &mut AnyConnection, ctx: &Context, change: Change) -> OpResult<()> {
    // Refused attempts and unpublished actions stop at the audit log.
    if let (true, Some(event_type), Some(object)) =
        (change.success, change.action.event_type(), change.object)
    {
        let payload = EventPayload {
            id: new_event_id(),
            event_type: event_type.as_str().to_owned(),
            created_at: ctx.now.and_utc(),
            tenant_id: change.tenant_id.0,
            data: EventData {
                object,
                previous_attributes: change.previous_attributes,
            },
        };
        events::append(
            conn,
            NewEventRow {
                public_id: payload.id.clone(),
                event_type: payload.event_type.clone(),
                tenant_id: change.tenant_id.0,
                tenant_path: change.tenant_path.as_str().to_owned(),
                created_at: ctx.now,
                payload: serde_json::to_string(&payload)
                    .map_err(|e| crate::OpError::Internal(e.to_string()))?,
            },
        )?;
    }
    Ok(())
}

/// What an update changed: the fields whose values differ, as `(before, after)` maps of
/// the resource's JSON; `updated_at` is not a change. Audit records and webhooks'
/// `previous_attributes` carry exactly these.
pub fn changed_fields<T: serde::Serialize>(
    before: &T,
    after: &T,
) -> (
    serde_json::Map<String, Value>,
    serde_json::Map<String, Value>,
) {
    let (Ok(Value::Object(b)), Ok(Value::Object(a))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Default::default();
    };
    let mut old = serde_json::Map::new();
    let mut new = serde_json::Map::new();
    for (key, value) in a {
        if key != "updated_at" && b.get(&key) != Some(&value) {
            old.insert(key.clone(), b.get(&key).cloned().unwrap_or(Value::Null));
            new.insert(key, value);
        }
    }
    (old, new)
}

/// `evt_` and 32 hex digits: unique without coordination between server processes.
pub fn new_event_id() -> String {
    format!("evt_{}", uuid::Uuid::new_v4().simple())
}
