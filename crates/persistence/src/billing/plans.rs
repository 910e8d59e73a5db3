//! The plan catalogue: each plan belongs to the tenant whose catalogue it is in.

use crate::schema::plans::dsl as p;
use crate::schema::subscriptions::dsl as s;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::listing::PageRequest;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::plans)]
pub struct PlanRow {
    pub id: i64,
    pub tenant_id: i64,
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    pub currency: String,
    pub monthly_minor: Option<i64>,
    pub quarterly_minor: Option<i64>,
    pub yearly_minor: Option<i64>,
    pub trial_days: Option<i32>,
    pub status: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Price per CPU-day of microservice usage, in millionths of the currency's major unit.
    pub cpu_day_price_micros: Option<i64>,
    /// Price per GB-day of microservice usage, in millionths of the currency's major unit.
    pub gb_day_price_micros: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::plans)]
pub struct NewPlanRow {
    pub tenant_id: i64,
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    pub currency: String,
    pub monthly_minor: Option<i64>,
    pub quarterly_minor: Option<i64>,
    pub yearly_minor: Option<i64>,
    pub trial_days: Option<i32>,
    pub status: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Price per CPU-day of microservice usage, in millionths of the currency's major unit.
    pub cpu_day_price_micros: Option<i64>,
    /// Price per GB-day of microservice usage, in millionths of the currency's major unit.
    pub gb_day_price_micros: Option<i64>,
}

/// What an update writes (everything but the code, currency and owner, which are fixed).
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = crate::schema::plans, treat_none_as_null = true)]
pub struct PlanChanges {
    pub name: String,
    pub description: Option<String>,
    pub monthly_minor: Option<i64>,
    pub quarterly_minor: Option<i64>,
    pub yearly_minor: Option<i64>,
    pub trial_days: Option<i32>,
    pub status: String,
    pub updated_at: Timestamp,
    pub cpu_day_price_micros: Option<i64>,
    pub gb_day_price_micros: Option<i64>,
}

pub fn insert(conn: &mut AnyConnection, row: NewPlanRow) -> Result<PlanRow, StoreError> {
    Ok(diesel::insert_into(p::plans)
        .values(row)
        .returning(crate::schema::plans::all_columns)
        .get_result(conn)?)
}

pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    changes: PlanChanges,
) -> Result<PlanRow, StoreError> {
    Ok(diesel::update(p::plans.find(id))
        .set(changes)
        .returning(crate::schema::plans::all_columns)
        .get_result(conn)?)
}

/// The plan `code` in `owner`'s catalogue.
pub fn find_by_code(
    conn: &mut AnyConnection,
    owner: TenantId,
    code: &str,
) -> Result<Option<PlanRow>, StoreError> {
    Ok(p::plans
        .filter(p::tenant_id.eq(owner.0))
        .filter(p::code.eq(code))
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<PlanRow>, StoreError> {
    Ok(p::plans
        .find(id)
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?)
}

/// A page of `owner`'s catalogue by code, optionally only one status, with its total.
pub fn list(
    conn: &mut AnyConnection,
    owner: TenantId,
    status: Option<&str>,
    page: PageRequest,
) -> Result<(Vec<PlanRow>, i64), StoreError> {
    let filtered = || {
        let mut q = p::plans.filter(p::tenant_id.eq(owner.0)).into_boxed();
        if let Some(status) = status {
            q = q.filter(p::status.eq(status.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(p::code.asc())
        .offset(page.offset())
        .limit(page.limit())
        .select(PlanRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Current (not canceled) subscriptions per plan id, for the given plans.
pub fn subscriber_counts(
    conn: &mut AnyConnection,
    plan_ids: &[i64],
) -> Result<std::collections::HashMap<i64, i64>, StoreError> {
    let rows: Vec<(i64, i64)> = s::subscriptions
        .filter(s::plan_id.eq_any(plan_ids))
        .filter(s::status.ne("canceled"))
        .group_by(s::plan_id)
        .select((s::plan_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
