//! The audit log: append and read.

use crate::models::{AuditRow, NewAuditRow};
use crate::schema::audit_events::dsl as a;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::audit::{AuditAction, AuditTarget};

/// Who did something: absent for anonymous events such as a failed login.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub tenant_id: Option<i64>,
}

/// One event to record; written in the caller's transaction.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub tenant_id: TenantId,
    pub action: AuditAction,
    pub success: bool,
    pub actor: Actor,
    pub target: AuditTarget,
    pub target_id: Option<String>,
    pub request_id: Option<String>,
    pub details: serde_json::Value,
    pub occurred_at: Timestamp,
}

impl AuditRecord {
    fn into_row(self) -> NewAuditRow {
        NewAuditRow {
            tenant_id: self.tenant_id.0,
            occurred_at: self.occurred_at,
            action: self.action.as_str().to_owned(),
            outcome: if self.success { "success" } else { "failure" }.to_owned(),
            actor_user_id: self.actor.user_id,
            actor_username: self.actor.username,
            actor_tenant_id: self.actor.tenant_id,
            target_type: self.target.as_str().to_owned(),
            target_id: self.target_id,
            request_id: self.request_id,
            details: self.details.to_string(),
        }
    }
}

pub fn record(conn: &mut AnyConnection, event: AuditRecord) -> Result<(), StoreError> {
    diesel::insert_into(a::audit_events)
        .values(event.into_row())
        .execute(conn)?;
    Ok(())
}

/// Records many events with multi-row inserts (loading demo history).
pub fn record_many(conn: &mut AnyConnection, events: Vec<AuditRecord>) -> Result<(), StoreError> {
    let rows: Vec<NewAuditRow> = events.into_iter().map(AuditRecord::into_row).collect();
    crate::bulk::insert_audit_rows(conn, &rows)
}

/// A tenant's events in `[from, to)`, newest first, with the total count.
pub fn list(
    conn: &mut AnyConnection,
    tenant: TenantId,
    from: Option<Timestamp>,
    to: Option<Timestamp>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AuditRow>, i64), StoreError> {
    let filtered = || {
        let mut query = a::audit_events
            .filter(a::tenant_id.eq(tenant.0))
            .into_boxed();
        if let Some(from) = from {
            query = query.filter(a::occurred_at.ge(from));
        }
        if let Some(to) = to {
            query = query.filter(a::occurred_at.lt(to));
        }
        query
    };
    let total = filtered().count().get_result::<i64>(conn)?;
    let rows = filtered()
        .order((a::occurred_at.desc(), a::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// A tenant's status changes, newest first.
pub fn lifecycle(
    conn: &mut AnyConnection,
    tenant: TenantId,
    limit: i64,
) -> Result<Vec<AuditRow>, StoreError> {
    let actions = [
        AuditAction::TenantSuspended,
        AuditAction::TenantActivated,
        AuditAction::TenantDeactivated,
    ];
    Ok(a::audit_events
        .filter(a::tenant_id.eq(tenant.0))
        .filter(a::action.eq_any(actions.iter().map(|a| a.as_str())))
        .order((a::occurred_at.desc(), a::id.desc()))
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)?)
}
