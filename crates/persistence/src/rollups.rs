//! Counters maintained in the same transaction as the changes they count, so the Customers
//! summary and the per-tenant `*_count` columns are exact without aggregating per request.
//!
//! Each tenant's `tenant_rollups` row holds the totals of its strict descendants; each
//! tenant's `*_count` columns hold its own numbers. A change at tenant X adjusts X's own
//! columns and the rollup rows of X's strict ancestors (the tree is shallow).
//! `tenant_status_rollups` splits each tenant's descendants by type and status, so the list's
//! total under any type and status filter is exact without counting the subtree.

use crate::connection::AnyConnection;
use crate::models::corrupt;
use crate::schema::revenue_rollups::dsl as rv;
use crate::schema::tenant_rollups::dsl as r;
use crate::schema::tenant_status_rollups::dsl as sr;
use crate::schema::tenants::dsl as t;
use crate::{StoreError, dialect};
use diesel::prelude::*;
use landlord_domain::money::Currency;
use landlord_domain::tenant::TenantPath;
use landlord_domain::{TenantId, TenantStatus, TenantType};

/// Totals of a tenant's strict descendants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Queryable)]
pub struct Rollup {
    pub customers: i64,
    pub companies: i64,
    pub individuals: i64,
    pub users: i64,
}

impl Rollup {
    fn of_type(kind: TenantType) -> Self {
        match kind {
            TenantType::Company => Self {
                customers: 1,
                companies: 1,
                ..Self::default()
            },
            TenantType::Individual => Self {
                customers: 1,
                individuals: 1,
                ..Self::default()
            },
        }
    }

    fn negated(self) -> Self {
        Self {
            customers: -self.customers,
            companies: -self.companies,
            individuals: -self.individuals,
            users: -self.users,
        }
    }

    fn plus(self, other: Self) -> Self {
        Self {
            customers: self.customers + other.customers,
            companies: self.companies + other.companies,
            individuals: self.individuals + other.individuals,
            users: self.users + other.users,
        }
    }
}

/// The strict ancestors of the tenant at `path`.
fn ancestors(path: &TenantPath) -> Vec<i64> {
    let mut ids: Vec<i64> = path.ids().into_iter().map(|id| id.0).collect();
    ids.pop();
    ids
}

fn add_to_ancestors(
    conn: &mut AnyConnection,
    path: &TenantPath,
    delta: Rollup,
) -> Result<(), StoreError> {
    if delta == Rollup::default() {
        return Ok(());
    }
    diesel::update(r::tenant_rollups.filter(r::tenant_id.eq_any(ancestors(path))))
        .set((
            r::customers.eq(r::customers + delta.customers),
            r::companies.eq(r::companies + delta.companies),
            r::individuals.eq(r::individuals + delta.individuals),
            r::users.eq(r::users + delta.users),
        ))
        .execute(conn)?;
    Ok(())
}

/// A new tenant: its own empty rollup row, and one more customer for each ancestor.
pub fn tenant_created(
    conn: &mut AnyConnection,
    id: TenantId,
    path: &TenantPath,
    kind: TenantType,
    status: TenantStatus,
) -> Result<(), StoreError> {
    count_status(conn, path, kind.as_str(), status.as_str(), 1)?;
    diesel::insert_into(r::tenant_rollups)
        .values((
            r::tenant_id.eq(id.0),
            r::customers.eq(0),
            r::companies.eq(0),
            r::individuals.eq(0),
            r::users.eq(0),
        ))
        .execute(conn)?;
    add_to_ancestors(conn, path, Rollup::of_type(kind))
}

pub fn tenant_type_changed(
    conn: &mut AnyConnection,
    path: &TenantPath,
    status: TenantStatus,
    from: TenantType,
    to: TenantType,
) -> Result<(), StoreError> {
    if from == to {
        return Ok(());
    }
    count_status(conn, path, from.as_str(), status.as_str(), -1)?;
    count_status(conn, path, to.as_str(), status.as_str(), 1)?;
    add_to_ancestors(
        conn,
        path,
        Rollup::of_type(to).plus(Rollup::of_type(from).negated()),
    )
}

pub fn tenant_status_changed(
    conn: &mut AnyConnection,
    path: &TenantPath,
    kind: TenantType,
    from: TenantStatus,
    to: TenantStatus,
) -> Result<(), StoreError> {
    if from == to {
        return Ok(());
    }
    count_status(conn, path, kind.as_str(), from.as_str(), -1)?;
    count_status(conn, path, kind.as_str(), to.as_str(), 1)
}

/// `delta` tenants more (or fewer) of this type and status below each ancestor of `path`.
fn count_status(
    conn: &mut AnyConnection,
    path: &TenantPath,
    kind: &str,
    status: &str,
    delta: i64,
) -> Result<(), StoreError> {
    for ancestor in ancestors(path) {
        dialect::upsert_status_count(conn, ancestor, kind, status, delta)?;
    }
    Ok(())
}

/// How many of `id`'s strict descendants have one of `types` and one of `statuses`.
pub fn descendants_with(
    conn: &mut AnyConnection,
    id: TenantId,
    types: &[TenantType],
    statuses: &[TenantStatus],
) -> Result<i64, StoreError> {
    let types: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let counts: Vec<i64> = sr::tenant_status_rollups
        .filter(sr::tenant_id.eq(id.0))
        .filter(sr::tenant_type.eq_any(types))
        .filter(sr::status.eq_any(statuses))
        .select(sr::descendants)
        .load(conn)?;
    Ok(counts.into_iter().sum())
}

/// Before a subtree is deleted: its ancestors lose the subtree's tenants, users and revenue.
pub fn subtree_deleting(
    conn: &mut AnyConnection,
    id: TenantId,
    path: &TenantPath,
) -> Result<(), StoreError> {
    let row = t::tenants
        .find(id.0)
        .select(crate::models::TenantRow::as_select())
        .first(conn)?;
    let inside = of(conn, id)?;
    let own = Rollup {
        users: row.users_count,
        ..Rollup::of_type(row.tenant_type()?)
    };
    add_to_ancestors(conn, path, own.plus(inside).negated())?;
    count_status(conn, path, &row.tenant_type, &row.status, -1)?;
    let inside_by_status: Vec<(String, String, i64)> = sr::tenant_status_rollups
        .filter(sr::tenant_id.eq(id.0))
        .select((sr::tenant_type, sr::status, sr::descendants))
        .load(conn)?;
    for (kind, status, count) in inside_by_status {
        count_status(conn, path, &kind, &status, -count)?;
    }
    for (currency, minor) in revenue_including_self(conn, id)? {
        add_revenue_to_ancestors(conn, path, &currency, -minor)?;
    }
    Ok(())
}

/// A user added (`+1`) or removed (`-1`) at the tenant at `path`.
pub fn users_changed(
    conn: &mut AnyConnection,
    id: TenantId,
    path: &TenantPath,
    delta: i64,
) -> Result<(), StoreError> {
    diesel::update(t::tenants.find(id.0))
        .set(t::users_count.eq(t::users_count + delta))
        .execute(conn)?;
    add_to_ancestors(
        conn,
        path,
        Rollup {
            users: delta,
            ..Rollup::default()
        },
    )
}

/// Paid revenue added at the tenant at `path`.
pub fn revenue_added(
    conn: &mut AnyConnection,
    id: TenantId,
    path: &TenantPath,
    currency: Currency,
    minor: i64,
) -> Result<(), StoreError> {
    dialect::upsert_revenue(conn, id.0, currency.code(), minor, 0)?;
    add_revenue_to_ancestors(conn, path, currency.code(), minor)
}

fn add_revenue_to_ancestors(
    conn: &mut AnyConnection,
    path: &TenantPath,
    currency: &str,
    minor: i64,
) -> Result<(), StoreError> {
    for ancestor in ancestors(path) {
        dialect::upsert_revenue(conn, ancestor, currency, 0, minor)?;
    }
    Ok(())
}

/// A tenant's own plus its descendants' revenue, per currency.
fn revenue_including_self(
    conn: &mut AnyConnection,
    id: TenantId,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows: Vec<(String, i64, i64)> = rv::revenue_rollups
        .filter(rv::tenant_id.eq(id.0))
        .select((rv::currency, rv::own_minor, rv::descendants_minor))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(c, own, desc)| (c, own + desc))
        .collect())
}

/// The totals of `id`'s strict descendants.
pub fn of(conn: &mut AnyConnection, id: TenantId) -> Result<Rollup, StoreError> {
    Ok(r::tenant_rollups
        .find(id.0)
        .select((r::customers, r::companies, r::individuals, r::users))
        .first::<Rollup>(conn)
        .optional()?
        .unwrap_or_default())
}

/// A tenant's own type and status beside the totals of its strict descendants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithOwn {
    pub tenant_type: TenantType,
    pub status: TenantStatus,
    pub descendants: Rollup,
}

/// `id`'s own type and status and its descendants' totals, in one query (the list's total
/// without a search is made of these); `None` if there is no such tenant.
pub fn with_own(conn: &mut AnyConnection, id: TenantId) -> Result<Option<WithOwn>, StoreError> {
    let Some((kind, status, descendants)) = t::tenants
        .left_join(r::tenant_rollups)
        .filter(t::id.eq(id.0))
        .select((
            t::tenant_type,
            t::status,
            (r::customers, r::companies, r::individuals, r::users).nullable(),
        ))
        .first::<(String, String, Option<Rollup>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    Ok(Some(WithOwn {
        tenant_type: TenantType::parse(&kind).ok_or_else(|| corrupt("tenant type", &kind))?,
        status: TenantStatus::parse(&status).ok_or_else(|| corrupt("tenant status", &status))?,
        descendants: descendants.unwrap_or_default(),
    }))
}

/// Paid revenue of `id`'s strict descendants per currency, zeros omitted.
pub fn descendants_revenue(
    conn: &mut AnyConnection,
    id: TenantId,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(rv::revenue_rollups
        .filter(rv::tenant_id.eq(id.0))
        .filter(rv::descendants_minor.ne(0))
        .select((rv::currency, rv::descendants_minor))
        .load(conn)?)
}
