//! The audit records a seeded customer's billing would have left, built as the operations
//! build them (same actions, targets and detail shapes) but with compact objects: the
//! subscription's and invoice's key fields rather than their whole views, so a history of
//! millions of invoices stays small.

use chrono::{NaiveDateTime, SecondsFormat};
use landlord_domain::TenantId;
use landlord_domain::TenantStatus;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::SubscriptionStatus;
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::tenant::{StatusReason, TenantPath};
use landlord_operations::change::Change;
use landlord_persistence::billing::subscriptions::SubscriptionRow;
use landlord_persistence::invoices::InvoiceRow;
use serde_json::{Value, json};

/// One record: when, whether the operator's administrator did it (else the billing run), and
/// what.
pub(crate) struct Entry {
    pub at: NaiveDateTime,
    pub by_operator: bool,
    pub change: Change,
}

fn time(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn opt_time(at: Option<NaiveDateTime>) -> Value {
    at.map_or(Value::Null, |t| Value::String(time(t)))
}

/// Records about one tenant.
pub(crate) struct TenantLog {
    pub tenant: TenantId,
    pub path: TenantPath,
    pub entries: Vec<Entry>,
}

impl TenantLog {
    fn push(&mut self, at: NaiveDateTime, by_operator: bool, change: Change) {
        self.entries.push(Entry {
            at,
            by_operator,
            change,
        });
    }

    fn change(&self, action: AuditAction) -> Change {
        Change::new(action, self.tenant, self.path.clone())
    }

    /// A change to the subscription, its state `sub` as of then.
    pub fn subscription(
        &mut self,
        at: NaiveDateTime,
        by_operator: bool,
        action: AuditAction,
        sub: &SubscriptionRow,
        plan_code: &str,
        details: Value,
    ) {
        let object = json!({
            "id": sub.id, "tenant_id": sub.tenant_id, "plan": plan_code, "cycle": sub.cycle,
            "status": sub.status, "current_period_start": time(sub.current_period_start),
            "current_period_end": time(sub.current_period_end),
            "trial_end": opt_time(sub.trial_end),
            "cancel_at_period_end": sub.cancel_at_period_end,
        });
        let mut details = details;
        if let Value::Object(map) = &mut details {
            map.insert("subscription".into(), object);
        }
        let change = self
            .change(action)
            .target(AuditTarget::Subscription, sub.id)
            .details(details);
        self.push(at, by_operator, change);
    }

    /// A change to the invoice, its state `row` as of then; `extra` details go beside it (as
    /// `record_invoice` puts them), none gives `{"after": invoice}`.
    pub fn invoice(
        &mut self,
        at: NaiveDateTime,
        by_operator: bool,
        action: AuditAction,
        row: &InvoiceRow,
        currency: Currency,
        extra: Option<Value>,
    ) {
        let money = |minor: i64| format_amount(minor, currency);
        let object = json!({
            "id": row.id, "tenant_id": row.tenant_id, "number": row.number,
            "status": row.status, "total": money(row.amount_minor), "currency": row.currency,
            "amount_paid": money(row.amount_paid_minor),
            "amount_due": money(row.amount_due_minor()),
            "subscription_id": row.subscription_id,
            "period_start": opt_time(row.period_start), "period_end": opt_time(row.period_end),
            "issued_at": time(row.issued_at), "due_at": opt_time(row.due_at),
        });
        let details = match extra {
            Some(Value::Object(mut extra)) => {
                extra.insert("invoice".into(), object);
                Value::Object(extra)
            }
            _ => json!({ "after": object }),
        };
        let change = self
            .change(action)
            .target(AuditTarget::Invoice, row.id)
            .details(details);
        self.push(at, by_operator, change);
    }

    /// The tenant's billing state moved from `before` to `after`.
    pub fn dunning_state(
        &mut self,
        at: NaiveDateTime,
        before: &str,
        after: &str,
        days_overdue: i64,
        invoice: i64,
    ) {
        let change = self
            .change(AuditAction::DunningStateChanged)
            .target(AuditTarget::Tenant, self.tenant.0)
            .details(json!({
                "before": { "billing_state": before },
                "after": { "billing_state": after },
                "days_overdue": days_overdue,
                "oldest_overdue_invoice_id": invoice,
            }));
        self.push(at, false, change);
    }

    /// Dunning suspended the tenant.
    pub fn suspended_by_dunning(&mut self, at: NaiveDateTime) {
        let change = self
            .change(AuditAction::TenantSuspended)
            .target(AuditTarget::Tenant, self.tenant.0)
            .details(json!({
                "before": { "status": TenantStatus::Active },
                "after": { "status": TenantStatus::Suspended, "status_reason": StatusReason::Dunning },
            }));
        self.push(at, false, change);
    }
}

/// `set_status`'s details: why, and the status before and after.
pub(crate) fn status_moved(
    reason: &str,
    before: SubscriptionStatus,
    after: SubscriptionStatus,
) -> Value {
    json!({ "reason": reason, "before": { "status": before }, "after": { "status": after } })
}
