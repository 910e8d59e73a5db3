//! Subscriptions: at most one current (not canceled) per tenant, enforced by a partial unique
//! index; canceled ones stay as history.

use super::recurring_counts;
use crate::dialect;
use crate::schema::subscriptions::dsl as s;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = crate::schema::subscriptions, treat_none_as_null = true)]
pub struct SubscriptionRow {
    pub id: i64,
    pub tenant_id: i64,
    pub plan_id: i64,
    pub cycle: String,
    pub status: String,
    pub anchor_at: Timestamp,
    pub current_period_start: Timestamp,
    pub current_period_end: Timestamp,
    pub trial_end: Option<Timestamp>,
    pub cancel_at_period_end: bool,
    pub scheduled_plan_id: Option<i64>,
    pub scheduled_cycle: Option<String>,
    pub started_at: Timestamp,
    pub paused_at: Option<Timestamp>,
    pub canceled_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl SubscriptionRow {
    pub fn tenant(&self) -> TenantId {
        TenantId(self.tenant_id)
    }
}

/// Inserts `row` (its `id` is ignored) and answers the stored row.
pub fn insert(
    conn: &mut AnyConnection,
    row: &SubscriptionRow,
) -> Result<SubscriptionRow, StoreError> {
    use crate::schema::subscriptions as table;
    let counted = recurring_counts::counted(row.plan_id, &row.cycle, &row.status);
    recurring_counts::moved(conn, None, counted)?;
    Ok(diesel::insert_into(s::subscriptions)
        .values((
            table::tenant_id.eq(row.tenant_id),
            table::plan_id.eq(row.plan_id),
            table::cycle.eq(&row.cycle),
            table::status.eq(&row.status),
            table::anchor_at.eq(row.anchor_at),
            table::current_period_start.eq(row.current_period_start),
            table::current_period_end.eq(row.current_period_end),
            table::trial_end.eq(row.trial_end),
            table::cancel_at_period_end.eq(row.cancel_at_period_end),
            table::scheduled_plan_id.eq(row.scheduled_plan_id),
            table::scheduled_cycle.eq(&row.scheduled_cycle),
            table::started_at.eq(row.started_at),
            table::paused_at.eq(row.paused_at),
            table::canceled_at.eq(row.canceled_at),
            table::created_at.eq(row.created_at),
            table::updated_at.eq(row.updated_at),
        ))
        .returning(table::all_columns)
        .get_result(conn)?)
}

/// Writes every column of `row` back, and moves it between the recurring counts if its
/// plan, cycle or status changed.
pub fn save(conn: &mut AnyConnection, row: &SubscriptionRow) -> Result<(), StoreError> {
    let (plan, cycle, status): (i64, String, String) = s::subscriptions
        .find(row.id)
        .select((s::plan_id, s::cycle, s::status))
        .first(conn)?;
    recurring_counts::moved(
        conn,
        recurring_counts::counted(plan, &cycle, &status),
        recurring_counts::counted(row.plan_id, &row.cycle, &row.status),
    )?;
    diesel::update(s::subscriptions.find(row.id))
        .set(row)
        .execute(conn)?;
    Ok(())
}

/// The tenant's current subscription, locked for the rest of the transaction on PostgreSQL
/// (SQLite's single writer needs no lock): every change to a subscription reads it this way,
/// so two processes never both act on the same state.
pub fn current_for_update(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> Result<Option<SubscriptionRow>, StoreError> {
    let Some(id) = s::subscriptions
        .filter(s::tenant_id.eq(tenant.0))
        .filter(s::status.ne("canceled"))
        .select(s::id)
        .first::<i64>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    find_for_update(conn, id)
}

/// The subscription `id`, locked like `current_for_update`.
pub fn find_for_update(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<SubscriptionRow>, StoreError> {
    dialect::lock_row(conn, dialect::Lockable::Subscriptions, id)?;
    Ok(s::subscriptions
        .find(id)
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// The tenant's current subscription, unlocked (for reads).
pub fn current(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> Result<Option<SubscriptionRow>, StoreError> {
    Ok(s::subscriptions
        .filter(s::tenant_id.eq(tenant.0))
        .filter(s::status.ne("canceled"))
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Ids of current subscriptions with something due by `at` (a period, a trial or a scheduled
/// change ending), after `after_id`, in id order: the billing run walks them in batches.
pub fn due_ids(
    conn: &mut AnyConnection,
    at: Timestamp,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(s::subscriptions
        .filter(s::status.ne("canceled"))
        .filter(s::status.ne("paused"))
        .filter(
            s::current_period_end
                .le(at)
                .or(s::trial_end.le(at).and(s::status.eq("trialing"))),
        )
        .filter(s::id.gt(after_id))
        .order(s::id.asc())
        .limit(limit)
        .select(s::id)
        .load(conn)?)
}
