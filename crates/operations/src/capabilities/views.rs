//! Rows as the API shows them.

use crate::error::{OpError, OpResult};
use landlord_domain::capability::QuotaKind;
use landlord_domain::wire::{FeatureView, QuotaDefinitionView};
use landlord_persistence::capabilities::catalogue::{FeatureRow, QuotaDefinitionRow};

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
        created_at: row.created_at.and_utc(),
    })
}
