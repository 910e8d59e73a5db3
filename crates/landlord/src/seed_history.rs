//! The history a seeded customer would have in production: its creation, its status
//! changes, the creation of its users, orders and tickets, and its billing (subscription,
//! invoices, payments, dunning), each recorded at its own time through the operations layer's
//! [`History`] (the bulk form of `record_change`), so a demo's audit logs and account
//! timelines read as real ones do.

use crate::seed::Batch;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::tenant::{StatusReason, TenantPath};
use landlord_domain::{TenantId, TenantStatus};
use landlord_operations::change::{Change, History};
use landlord_operations::{Caller, Context};
use landlord_persistence::bulk::LoadedIds;
use serde_json::json;

/// Gathers the history of one inserted batch; `operator` is who created the customers (and,
/// in billing, started their subscriptions and recorded their transfers).
pub(crate) fn of_batch(batch: &mut Batch, ids: &LoadedIds, operator: &Caller) -> History {
    let mut history = History::default();
    let at = |now| Context::new(Some(operator.clone()), now, None);
    let mut paths = std::collections::HashMap::new();
    for tenant in &batch.tenants {
        let path = TenantPath::from_stored(tenant.path.clone());
        paths.insert(tenant.id, path.clone());
        let id = TenantId(tenant.id);
        let admin = ids.users.get(&(tenant.id, tenant.admin_username.clone()));
        history.push(
            &at(tenant.created_at),
            Change::new(AuditAction::TenantCreated, id, path.clone())
                .target(AuditTarget::Tenant, tenant.id)
                .details(json!({
                    "after": {
                        "id": tenant.id, "domain": tenant.domain, "name": tenant.name,
                        "type": tenant.tenant_type, "status": TenantStatus::Active,
                        "parent_id": tenant.parent_id, "contact_email": tenant.contact_email,
                        "admin_username": tenant.admin_username, "admin_email": tenant.admin_email,
                    },
                    "admin_user_id": admin,
                    "admin_password_reset_link": false,
                })),
        );
        // An operator's change; dunning's suspensions come with the billing history.
        let operator_reason = Some(StatusReason::Operator.as_str());
        let changed = match TenantStatus::parse(&tenant.status) {
            Some(TenantStatus::Suspended) if tenant.status_reason.as_deref() == operator_reason => {
                Some((AuditAction::TenantSuspended, Some(StatusReason::Operator)))
            }
            Some(TenantStatus::Inactive) => Some((AuditAction::TenantDeactivated, None)),
            _ => None,
        };
        if let Some((action, reason)) = changed {
            let mut after = json!({ "status": tenant.status });
            if let Some(reason) = reason {
                after["status_reason"] = json!(reason);
            }
            history.push(
                &at(tenant.updated_at),
                Change::new(action, id, path)
                    .target(AuditTarget::Tenant, tenant.id)
                    .details(json!({
                        "before": { "status": TenantStatus::Active },
                        "after": after,
                    })),
            );
        }
    }
    let mut change = |tenant: i64, now, action, target, target_id: Option<&i64>, after| {
        if let Some(path) = paths.get(&tenant) {
            let mut change = Change::new(action, TenantId(tenant), path.clone())
                .details(json!({ "after": after }));
            change = match target_id {
                Some(id) => change.target(target, id),
                None => change.untargeted(target),
            };
            history.push(&at(now), change);
        }
    };
    for user in batch.users.iter().filter(|u| !u.is_first_admin) {
        let id = ids.users.get(&(user.tenant_id, user.username.clone()));
        let after = json!({ "id": id, "tenant_id": user.tenant_id, "username": user.username,
            "email": user.email, "role": user.role, "status": user.status });
        change(
            user.tenant_id,
            user.created_at,
            AuditAction::UserCreated,
            AuditTarget::User,
            id,
            after,
        );
    }
    for order in &batch.orders {
        let id = ids.orders.get(&(order.tenant_id, order.number.clone()));
        let after = json!({ "id": id, "tenant_id": order.tenant_id, "number": order.number,
            "status": order.status, "total_minor": order.total_minor, "currency": order.currency });
        change(
            order.tenant_id,
            order.placed_at,
            AuditAction::OrderCreated,
            AuditTarget::Order,
            id,
            after,
        );
    }
    let mut nth_ticket = std::collections::HashMap::<i64, usize>::new();
    for ticket in &batch.tickets {
        let n = nth_ticket.entry(ticket.tenant_id).or_default();
        let id = ids
            .tickets
            .get(&ticket.tenant_id)
            .and_then(|ids| ids.get(*n));
        *n += 1;
        let after = json!({ "id": id, "tenant_id": ticket.tenant_id, "subject": ticket.subject,
            "status": ticket.status, "priority": ticket.priority });
        change(
            ticket.tenant_id,
            ticket.created_at,
            AuditAction::TicketCreated,
            AuditTarget::Ticket,
            id,
            after,
        );
    }
    for entry in batch.billing.entries() {
        let by = entry.by_operator.then(|| operator.clone());
        history.push(&Context::new(by, entry.at, None), entry.change);
    }
    history
}
