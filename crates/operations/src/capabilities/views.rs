//! Rows as the API shows them.

use crate::error::{OpError, OpResult};
use landlord_domain::capability::{QuotaKind, parse_thresholds_text, top_ups_remaining};
use landlord_domain::wire::{FeatureView, QuotaDefinitionView, TopUpView};
use landlord_persistence::capabilities::catalogue::{FeatureRow, QuotaDefinitionRow};
use landlord_persistence::capabilities::top_ups::TopUpRow;

pub(crate) fn feature_view(row: &FeatureRow) -> FeatureView {
    FeatureView {
        key: row.key.clone(),
        name: row.name.clone(),
        description: row.description.clone(),
        group: row.feature_group.clone(),
        created_at: row.created_at.and_utc(),
    }
}

pub(crate) fn kind_of(row: &QuotaDefinitionRow) -> OpResult<QuotaKind> {
    QuotaKind::parse(&row.kind)
        .ok_or_else(|| OpError::Internal(format!("stored quota kind {:?} is unknown", row.kind)))
}

pub(crate) fn quota_view(row: &QuotaDefinitionRow) -> OpResult<QuotaDefinitionView> {
    Ok(QuotaDefinitionView {
        key: row.key.clone(),
        name: row.name.clone(),
        unit: row.unit.clone(),
        kind: kind_of(row)?,
        default_limit: row.default_limit,
        hard: row.hard,
        licence_cap: row.licence_cap,
        licence: None,
        group: row.quota_group.clone(),
        thresholds: thresholds_of(row)?,
        created_at: row.created_at.and_utc(),
    })
}

/// A stored quota's alert thresholds, ascending.
pub(crate) fn thresholds_of(row: &QuotaDefinitionRow) -> OpResult<Vec<i64>> {
    parse_thresholds_text(&row.alert_thresholds).ok_or_else(|| {
        OpError::Internal(format!(
            "stored thresholds {:?} of quota {:?} are unreadable",
            row.alert_thresholds, row.key
        ))
    })
}

/// A top-up as shown, with what it has left (`None`: it does not count now).
pub(crate) fn top_up_view(row: &TopUpRow, remaining: Option<i64>) -> TopUpView {
    TopUpView {
        id: row.id,
        amount: row.amount,
        remaining,
        expires_at: row.expires_at.map(|t| t.and_utc()),
        created_at: row.created_at.and_utc(),
        revoked_at: row.revoked_at.map(|t| t.and_utc()),
    }
}

/// The active top-ups of a quota (in draw order) with what each has left once `used` is
/// drawn on the `base` limit first.
pub(crate) fn top_up_views(base: i64, used: i64, active: &[&TopUpRow]) -> Vec<TopUpView> {
    let amounts: Vec<i64> = active.iter().map(|t| t.amount).collect();
    active
        .iter()
        .zip(top_ups_remaining(base, used, &amounts))
        .map(|(row, left)| top_up_view(row, Some(left)))
        .collect()
}
