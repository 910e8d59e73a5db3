//! Threshold alerts: as a consume or a lease takes a quota's usage to a threshold of its
//! limit, the threshold fires once per period: a webhook event (`quota.threshold_reached`
//! below 100 %, `quota.exceeded` at the limit) and a notification for the tenant. The fire is
//! claimed in `quota_alerts` by its unique key inside the consume's own transaction, so
//! concurrent consumes crossing together notify once, and a rolled-back consume not at all.

use super::consume::Target;
use super::entitlements::NO_PERIOD;
use super::views::thresholds_of;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::capability::{NotificationKind, reached};
use landlord_persistence::AnyConnection;
use landlord_persistence::capabilities::alerts::{self, AlertKey, NewNotificationRow};
use serde_json::json;

/// The period as shown: `None` for quotas that never reset.
pub(crate) fn shown_period(period: &str) -> Option<String> {
    (period != NO_PERIOD).then(|| period.to_owned())
}

/// Fires each threshold `used` has reached that has not fired yet in the target's period.
pub(crate) fn fire(tx: &mut AnyConnection, ctx: &Context, t: &Target, used: i64) -> OpResult<()> {
    for threshold in reached(&thresholds_of(&t.definition)?, used, t.limit) {
        let key = AlertKey {
            tenant: t.tenant.id,
            quota: &t.definition.key,
            period: &t.period,
            threshold,
        };
        if !alerts::claim(tx, key, ctx.now)? {
            continue;
        }
        let kind = NotificationKind::of_threshold(threshold);
        let notification = alerts::notify(
            tx,
            NewNotificationRow {
                tenant_id: t.tenant.id,
                kind: kind.as_str(),
                quota_key: &t.definition.key,
                threshold,
                used,
                limit_value: t.limit,
                period_key: &t.period,
                created_at: ctx.now,
            },
        )?;
        let action = match kind {
            NotificationKind::QuotaExceeded => AuditAction::QuotaLimitReached,
            NotificationKind::QuotaThresholdReached => AuditAction::QuotaThresholdReached,
        };
        let object = json!({
            "tenant_id": t.tenant.id, "quota": t.definition.key, "threshold": threshold,
            "used": used, "limit": t.limit, "period": shown_period(&t.period),
            "notification_id": notification.id,
        });
        record_change(
            tx,
            ctx,
            Change::new(action, t.tenant.tenant_id(), t.tenant.tenant_path())
                .target(AuditTarget::QuotaDefinition, &t.definition.key)
                .details(object.clone())
                .object(object),
        )?;
        crate::mail::notices::quota_threshold(
            tx,
            ctx.now,
            &t.tenant,
            &t.definition.key,
            threshold,
            used,
            t.limit,
        )?;
    }
    Ok(())
}
