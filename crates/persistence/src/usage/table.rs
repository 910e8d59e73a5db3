//! What the all-tenants usage table reads: the tenants of a subtree, and per tenant and
//! meter the range's figures from the daily rollups (never from events), in one grouped
//! statement whatever the number of days.

use crate::schema::tenants::dsl as t;
use crate::schema::usage_daily::dsl as d;
use crate::{AnyConnection, StoreError, Timestamp, dialect};
use chrono::NaiveDate;
use diesel::prelude::*;
use landlord_domain::tenant::TenantPath;

/// The tenant fields the table shows.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::tenants)]
pub struct TenantBrief {
    pub id: i64,
    pub domain: String,
    pub name: String,
    pub status: String,
    pub parent_id: Option<i64>,
    pub created_at: Timestamp,
    /// The custom property values, a JSON object.
    pub custom_properties: String,
}

/// The tenants of `scope`'s subtree (without its own tenant unless `include_self`), by id.
pub fn tenants_of(
    conn: &mut AnyConnection,
    scope: &TenantPath,
    include_self: bool,
) -> Result<Vec<TenantBrief>, StoreError> {
    let mut query = t::tenants.into_boxed();
    if scope.depth() > 1 {
        query = query.filter(t::path.like(scope.subtree_pattern()));
    }
    if let (false, Some(own)) = (include_self, scope.ids().last()) {
        query = query.filter(t::id.ne(own.0));
    }
    Ok(query
        .order(t::id.asc())
        .select(TenantBrief::as_select())
        .load(conn)?)
}

/// One tenant's and meter's figures over a range of days.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct RangeFigures {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub tenant_id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub meter_key: String,
    /// The days' values added up (a counter's figure).
    #[diesel(sql_type = diesel::sql_types::Double)]
    pub total: f64,
    /// The last day's value (a gauge's figure).
    #[diesel(sql_type = diesel::sql_types::Double)]
    pub last: f64,
    /// The highest peak of the days.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Double>)]
    pub peak: Option<f64>,
}

/// Every tenant's figures in `scope`'s subtree from `from` to `to` (inclusive), one row per
/// tenant and meter that has a day in the range.
pub fn figures(
    conn: &mut AnyConnection,
    scope: &TenantPath,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<RangeFigures>, StoreError> {
    Ok(dialect::usage_range_figures(
        conn,
        &scope.subtree_pattern(),
        from,
        to,
    )?)
}

/// `meter`'s daily values for `tenants` from `from` to `to`: (tenant, day, value).
pub fn series(
    conn: &mut AnyConnection,
    tenants: &[i64],
    meter: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, NaiveDate, f64)>, StoreError> {
    Ok(d::usage_daily
        .filter(d::tenant_id.eq_any(tenants))
        .filter(d::meter_key.eq(meter))
        .filter(d::day.ge(from))
        .filter(d::day.le(to))
        .select((d::tenant_id, d::day, d::value))
        .load(conn)?)
}
