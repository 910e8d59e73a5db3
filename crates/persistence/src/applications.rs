//! Applications' storage: the catalogue, tenants' subscriptions and each microservice's
//! last reported instances (one row per application, and per tenant for a per-tenant one).

use crate::schema::application_instances::dsl as ai;
use crate::schema::application_subscriptions::dsl as s;
use crate::schema::applications::dsl as a;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::applications)]
pub struct ApplicationRow {
    pub key: String,
    pub name: String,
    pub application_type: String,
    pub owner_tenant_id: i64,
    pub billing_mode: Option<String>,
    pub isolation: Option<String>,
    pub cpu_millicores: Option<i64>,
    pub memory_mb: Option<i64>,
    pub price_minor: Option<i64>,
    pub price_currency: Option<String>,
    pub is_default: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::application_subscriptions)]
pub struct SubscriptionRow {
    pub tenant_id: i64,
    pub application_key: String,
    pub subscribed_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = crate::schema::application_instances)]
pub struct InstancesRow {
    pub application_key: String,
    /// The tenant's id for a per-tenant microservice, [`ALL_TENANTS`] for a multi-tenant one.
    pub scope_key: String,
    pub tenant_id: Option<i64>,
    pub active: i64,
    pub unhealthy: i64,
    pub desired: i64,
    /// `[{name, restarts}]` as JSON.
    pub instances: String,
    pub reported_at: Timestamp,
}

/// The scope key of a multi-tenant microservice's instances.
pub const ALL_TENANTS: &str = "*";

/// Adds an application; a taken key is a `Conflict`.
pub fn insert(conn: &mut AnyConnection, row: &ApplicationRow) -> Result<(), StoreError> {
    diesel::insert_into(a::applications)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut AnyConnection, key: &str) -> Result<Option<ApplicationRow>, StoreError> {
    Ok(a::applications
        .filter(a::key.eq(key))
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Locks the application's row until the transaction ends (an `UPDATE` to itself, alike
/// on both backends), so concurrent reports of its instances take turns.
pub fn lock(conn: &mut AnyConnection, key: &str) -> Result<(), StoreError> {
    diesel::update(a::applications.filter(a::key.eq(key)))
        .set(a::key.eq(a::key))
        .execute(conn)?;
    Ok(())
}

/// The applications owned by any of `owners`, by key.
pub fn owned_by(
    conn: &mut AnyConnection,
    owners: &[i64],
) -> Result<Vec<ApplicationRow>, StoreError> {
    Ok(a::applications
        .filter(a::owner_tenant_id.eq_any(owners))
        .order(a::key.asc())
        .select(ApplicationRow::as_select())
        .load(conn)?)
}

/// The default applications owned by any of `owners`, by key.
pub fn defaults_owned_by(
    conn: &mut AnyConnection,
    owners: &[i64],
) -> Result<Vec<ApplicationRow>, StoreError> {
    Ok(a::applications
        .filter(a::owner_tenant_id.eq_any(owners))
        .filter(a::is_default.eq(true))
        .order(a::key.asc())
        .select(ApplicationRow::as_select())
        .load(conn)?)
}

/// `tenant`'s subscriptions with their applications, by key.
pub fn subscriptions_of(
    conn: &mut AnyConnection,
    tenant: i64,
) -> Result<Vec<(SubscriptionRow, ApplicationRow)>, StoreError> {
    Ok(s::application_subscriptions
        .inner_join(a::applications)
        .filter(s::tenant_id.eq(tenant))
        .order(s::application_key.asc())
        .select((SubscriptionRow::as_select(), ApplicationRow::as_select()))
        .load(conn)?)
}

pub fn subscription(
    conn: &mut AnyConnection,
    tenant: i64,
    key: &str,
) -> Result<Option<SubscriptionRow>, StoreError> {
    Ok(s::application_subscriptions
        .filter(s::tenant_id.eq(tenant))
        .filter(s::application_key.eq(key))
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Subscribes a tenant; an existing subscription is a `Conflict`.
pub fn subscribe(conn: &mut AnyConnection, row: &SubscriptionRow) -> Result<(), StoreError> {
    diesel::insert_into(s::application_subscriptions)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Ends a subscription and forgets the tenant's reported instances; whether it existed.
pub fn unsubscribe(conn: &mut AnyConnection, tenant: i64, key: &str) -> Result<bool, StoreError> {
    diesel::delete(
        ai::application_instances
            .filter(ai::application_key.eq(key))
            .filter(ai::tenant_id.eq(tenant)),
    )
    .execute(conn)?;
    let n = diesel::delete(
        s::application_subscriptions
            .filter(s::tenant_id.eq(tenant))
            .filter(s::application_key.eq(key)),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// The last reports of `keys`' instances (per tenant and multi-tenant alike).
pub fn instances_of(
    conn: &mut AnyConnection,
    keys: &[String],
) -> Result<Vec<InstancesRow>, StoreError> {
    Ok(ai::application_instances
        .filter(ai::application_key.eq_any(keys))
        .select(InstancesRow::as_select())
        .load(conn)?)
}

pub fn instances(
    conn: &mut AnyConnection,
    key: &str,
    scope: &str,
) -> Result<Option<InstancesRow>, StoreError> {
    Ok(ai::application_instances
        .filter(ai::application_key.eq(key))
        .filter(ai::scope_key.eq(scope))
        .select(InstancesRow::as_select())
        .first(conn)
        .optional()?)
}

/// Stores a report as the current state. Call with the application locked ([`lock`]) and
/// `existed` from [`instances`] read under that lock.
pub fn save_instances(
    conn: &mut AnyConnection,
    row: &InstancesRow,
    existed: bool,
) -> Result<(), StoreError> {
    if existed {
        diesel::update(
            ai::application_instances
                .filter(ai::application_key.eq(&row.application_key))
                .filter(ai::scope_key.eq(&row.scope_key)),
        )
        .set(row)
        .execute(conn)?;
    } else {
        diesel::insert_into(ai::application_instances)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}
