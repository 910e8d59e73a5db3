//! Usage counters: one row per tenant, quota and period. Consumption is one conditional
//! `UPDATE ... SET used = used + n WHERE used + n <= limit`, never a read then a write, so
//! two concurrent requests can never both take the last unit: on PostgreSQL the second
//! waits for the first's row lock and re-checks the condition against the committed row;
//! SQLite has a single writer.

use crate::schema::quota_usage::dsl as u;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use diesel::prelude::*;

/// Which counter: a tenant's quota in one period.
#[derive(Debug, Clone, Copy)]
pub struct CounterKey<'a> {
    pub tenant: i64,
    pub quota: &'a str,
    pub period: &'a str,
}

/// `(quota, used, overage)` of `tenant`'s counters in the given periods.
pub fn of_tenant(
    conn: &mut AnyConnection,
    tenant: i64,
    periods: &[&str],
) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
    Ok(u::quota_usage
        .filter(u::tenant_id.eq(tenant))
        .filter(u::period_key.eq_any(periods))
        .select((u::quota_key, u::period_key, u::used, u::overage))
        .load(conn)?)
}

/// Creates the counter at 0 unless it exists.
fn ensure(conn: &mut AnyConnection, key: CounterKey<'_>, now: Timestamp) -> QueryResult<usize> {
    dialect::insert_usage_unless_present(conn, key.tenant, key.quota, key.period, now)
}

/// The query naming one counter's row.
type CounterRow = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<crate::schema::quota_usage::table, diesel::dsl::Eq<u::tenant_id, i64>>,
        diesel::dsl::Eq<u::quota_key, String>,
    >,
    diesel::dsl::Eq<u::period_key, String>,
>;

fn counter(key: CounterKey<'_>) -> CounterRow {
    u::quota_usage
        .filter(u::tenant_id.eq(key.tenant))
        .filter(u::quota_key.eq(key.quota.to_owned()))
        .filter(u::period_key.eq(key.period.to_owned()))
}

/// Adds `amount` if `used + amount <= limit` (or without condition when `limit` is `None`),
/// in one statement. Answers the new usage, or `None` when the limit refused it (nothing
/// changed).
pub fn try_consume(
    conn: &mut AnyConnection,
    key: CounterKey<'_>,
    amount: i64,
    limit: Option<i64>,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    ensure(conn, key, now)?;
    let set = (u::used.eq(u::used + amount), u::updated_at.eq(now));
    let used = match limit {
        Some(limit) => diesel::update(counter(key).filter((u::used + amount).le(limit)))
            .set(set)
            .returning(u::used)
            .get_result::<i64>(conn)
            .optional()?,
        None => Some(
            diesel::update(counter(key))
                .set(set)
                .returning(u::used)
                .get_result::<i64>(conn)?,
        ),
    };
    Ok(used)
}

/// Raises the recorded overage to `overage` if it is higher.
pub fn record_overage(
    conn: &mut AnyConnection,
    key: CounterKey<'_>,
    overage: i64,
) -> Result<(), StoreError> {
    diesel::update(counter(key).filter(u::overage.lt(overage)))
        .set(u::overage.eq(overage))
        .execute(conn)?;
    Ok(())
}

/// Takes back `amount`, never below 0, in one statement; answers the new usage.
pub fn release(
    conn: &mut AnyConnection,
    key: CounterKey<'_>,
    amount: i64,
    now: Timestamp,
) -> Result<(i64, i64), StoreError> {
    use diesel::dsl::case_when;
    ensure(conn, key, now)?;
    let lowered = case_when(
        u::used.lt(amount),
        0_i64.into_sql::<diesel::sql_types::BigInt>(),
    )
    .otherwise(u::used - amount);
    Ok(diesel::update(counter(key))
        .set((u::used.eq(lowered), u::updated_at.eq(now)))
        .returning((u::used, u::overage))
        .get_result::<(i64, i64)>(conn)?)
}

/// The counter's usage and overage, if it exists.
pub fn read(
    conn: &mut AnyConnection,
    key: CounterKey<'_>,
) -> Result<Option<(i64, i64)>, StoreError> {
    Ok(counter(key)
        .select((u::used, u::overage))
        .first(conn)
        .optional()?)
}

/// A consume's stored answer under its idempotency key.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::quota_consumptions)]
pub struct ConsumptionRow {
    pub tenant_id: i64,
    pub quota_key: String,
    pub idempotency_key: String,
    pub amount: i64,
    pub used: i64,
    pub limit_value: i64,
    pub overage: i64,
    pub created_at: Timestamp,
}

/// Claims `row`'s key for this transaction; `false` when an earlier consume holds it.
pub fn claim_key(conn: &mut AnyConnection, row: &ConsumptionRow) -> Result<bool, StoreError> {
    Ok(dialect::insert_consumption_unless_present(conn, row)? == 1)
}

/// The stored answer of the consume with this key.
pub fn find_key(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    key: &str,
) -> Result<Option<ConsumptionRow>, StoreError> {
    use crate::schema::quota_consumptions::dsl as c;
    Ok(c::quota_consumptions
        .filter(c::tenant_id.eq(tenant))
        .filter(c::quota_key.eq(quota))
        .filter(c::idempotency_key.eq(key))
        .select(ConsumptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Stores the outcome of the consume that claimed `key`.
pub fn record_key(
    conn: &mut AnyConnection,
    tenant: i64,
    quota: &str,
    key: &str,
    (used, limit, overage): (i64, i64, i64),
) -> Result<(), StoreError> {
    use crate::schema::quota_consumptions::dsl as c;
    diesel::update(
        c::quota_consumptions
            .filter(c::tenant_id.eq(tenant))
            .filter(c::quota_key.eq(quota))
            .filter(c::idempotency_key.eq(key)),
    )
    .set((
        c::used.eq(used),
        c::limit_value.eq(limit),
        c::overage.eq(overage),
    ))
    .execute(conn)?;
    Ok(())
}
