//! The daily retention purge: each tenant's retention rules applied to Landlord's own data
//! (audit entries, usage events, notifications older than a rule's maximum age are
//! deleted), one transaction and one `retention.purged` audit record per tenant that lost
//! anything; then the usage events past their deduplication window, for every tenant.
//! Run by the server once a day of its clock ([`Schedule`]) and by `landlord purge --at`.

use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use chrono::{DateTime, Duration, Utc};
use landlord_domain::audit::AuditAction;
use landlord_domain::policy::RetentionDataType as Kind;
use landlord_domain::usage::RETENTION_DAYS;
use landlord_domain::{Clock, TenantId};
use landlord_persistence::policies::{self as store, RuleRow};
use landlord_persistence::usage::events;
use landlord_persistence::{Database, Timestamp, tenants};
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;

/// How often the server purges.
pub const INTERVAL: Duration = Duration::days(1);

/// What one purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    /// Tenants that lost entries to their rules.
    pub tenants: usize,
    pub audit: usize,
    pub usage_events: usize,
    pub notifications: usize,
    /// Usage events past the 35-day deduplication window (every tenant's).
    pub expired_usage_events: usize,
}

/// One tenant's deletions under one rule.
fn apply_rule(
    tx: &mut landlord_persistence::AnyConnection,
    tenant: i64,
    rule: &RuleRow,
    now: Timestamp,
    purged: &mut Purged,
) -> OpResult<()> {
    let Some(kind) = Kind::parse(&rule.data_type) else {
        return Ok(());
    };
    let cutoff = now - Duration::days(rule.max_age_days);
    let filter = rule.filter.as_deref();
    if kind.covers(Kind::Audit) {
        purged.audit += store::purge_audit(tx, tenant, cutoff, filter)?;
    }
    if kind.covers(Kind::UsageEvents) {
        purged.usage_events += store::purge_usage_events(tx, tenant, cutoff, filter)?;
    }
    if kind.covers(Kind::Notifications) {
        purged.notifications += store::purge_notifications(tx, tenant, cutoff, filter)?;
    }
    Ok(())
}

/// Purges as of `ctx.now`.
pub fn purge(db: &Database, ctx: &Context) -> OpResult<Purged> {
    let now = ctx.now;
    let rules = db.read(|conn| -> OpResult<_> { Ok(store::all_rules(conn)?) })?;
    let mut by_tenant: Vec<(i64, Vec<RuleRow>)> = Vec::new();
    for (tenant, rule) in rules {
        match by_tenant.last_mut() {
            Some((t, list)) if *t == tenant => list.push(rule),
            _ => by_tenant.push((tenant, vec![rule])),
        }
    }
    let mut total = Purged::default();
    for (tenant, rules) in by_tenant {
        let purged = ctx.transaction(db, |tx| {
            let Some(row) = tenants::find(tx, TenantId(tenant))? else {
                return Ok(Purged::default());
            };
            let mut purged = Purged::default();
            for rule in &rules {
                apply_rule(tx, tenant, rule, now, &mut purged)?;
            }
            if purged != Purged::default() {
                record_change(
                    tx,
                    ctx,
                    Change::new(
                        AuditAction::RetentionPurged,
                        row.tenant_id(),
                        row.tenant_path(),
                    )
                    .details(json!({
                        "at": now.and_utc(),
                        "audit": purged.audit,
                        "usage_events": purged.usage_events,
                        "notifications": purged.notifications,
                    })),
                )?;
                purged.tenants = 1;
            }
            Ok(purged)
        })?;
        total.tenants += purged.tenants;
        total.audit += purged.audit;
        total.usage_events += purged.usage_events;
        total.notifications += purged.notifications;
    }
    total.expired_usage_events = db.write(|tx| -> OpResult<usize> {
        Ok(events::purge_before(
            tx,
            now - Duration::days(RETENTION_DAYS + 1),
        )?)
    })?;
    Ok(total)
}

/// The server's schedule: a purge at start and then once every [`INTERVAL`] of the clock.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    next: Option<DateTime<Utc>>,
}

impl Schedule {
    /// Purges if a day has passed since the last purge (or none ran yet).
    pub async fn run_if_due(
        &mut self,
        db: &Database,
        clock: &Arc<dyn Clock>,
    ) -> OpResult<Option<Purged>> {
        let now = clock.now();
        if self.next.is_some_and(|next| now < next) {
            return Ok(None);
        }
        self.next = Some(now + INTERVAL);
        let db = db.clone();
        let ctx = Context::new(None, now.naive_utc(), None);
        let purged = tokio::task::spawn_blocking(move || purge(&db, &ctx))
            .await
            .map_err(|e| crate::OpError::Internal(format!("retention purge task failed: {e}")))??;
        Ok(Some(purged))
    }
}
