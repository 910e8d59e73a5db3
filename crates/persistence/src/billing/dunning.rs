//! Dunning policies, one per catalogue owner, stored as the JSON of its steps.

use crate::schema::dunning_policies::dsl as d;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::billing::{DunningPolicy, DunningStep};

/// The owner's policy, or `None` when it never set one (the default applies).
pub fn find(
    conn: &mut AnyConnection,
    owner: TenantId,
) -> Result<Option<DunningPolicy>, StoreError> {
    let steps: Option<String> = d::dunning_policies
        .find(owner.0)
        .select(d::steps)
        .first(conn)
        .optional()?;
    steps
        .map(|json| {
            serde_json::from_str::<Vec<DunningStep>>(&json)
                .map(|steps| DunningPolicy { steps })
                .map_err(|e| StoreError::Corrupt(format!("dunning policy: {e}")))
        })
        .transpose()
}

pub fn save(
    conn: &mut AnyConnection,
    owner: TenantId,
    policy: &DunningPolicy,
    now: Timestamp,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(&policy.steps)
        .map_err(|e| StoreError::Corrupt(format!("dunning policy: {e}")))?;
    let updated = diesel::update(d::dunning_policies.find(owner.0))
        .set((d::steps.eq(&json), d::updated_at.eq(now)))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(d::dunning_policies)
            .values((
                d::tenant_id.eq(owner.0),
                d::steps.eq(&json),
                d::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
