//! Tenant storage: lookups, the filtered list, and changes. Scoping to a caller's subtree is
//! the caller's `TenantPath` applied as a prefix filter.

use crate::models::{NewTenantRow, TenantRow};
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError, Timestamp, rollups};
use diesel::prelude::*;
use landlord_domain::listing::{PageRequest, Sort, escape_like};
use landlord_domain::tenant::TenantPath;
use landlord_domain::{TenantId, TenantStatus, TenantType};

/// The list filters; every one is optional except the caller's subtree.
#[derive(Debug, Clone)]
pub struct TenantFilter {
    /// Only this tenant and its descendants are visible.
    pub scope: TenantPath,
    /// Case-insensitive substring of name, domain, contact email or admin email.
    pub q: Option<String>,
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// Only direct children of this tenant.
    pub parent: Option<TenantId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantSortField {
    Name,
    Domain,
    Status,
    CreatedAt,
    UsersCount,
}

impl TenantSortField {
    pub const NAMES: [(&'static str, Self); 5] = [
        ("name", Self::Name),
        ("domain", Self::Domain),
        ("status", Self::Status),
        ("created_at", Self::CreatedAt),
        ("users_count", Self::UsersCount),
    ];
}

pub fn find(conn: &mut AnyConnection, id: TenantId) -> Result<Option<TenantRow>, StoreError> {
    Ok(t::tenants
        .find(id.0)
        .select(TenantRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_domain(
    conn: &mut AnyConnection,
    domain: &str,
) -> Result<Option<TenantRow>, StoreError> {
    Ok(t::tenants
        .filter(t::domain.eq(domain))
        .select(TenantRow::as_select())
        .first(conn)
        .optional()?)
}

/// Finds `id` only if it lies within `scope`; anything else is indistinguishable from absent.
pub fn find_within(
    conn: &mut AnyConnection,
    scope: &TenantPath,
    id: TenantId,
) -> Result<Option<TenantRow>, StoreError> {
    Ok(find(conn, id)?.filter(|row| scope.contains(&row.tenant_path())))
}

pub fn domain_taken(
    conn: &mut AnyConnection,
    domain: &str,
    except: Option<TenantId>,
) -> Result<bool, StoreError> {
    let mut query = t::tenants.filter(t::domain.eq(domain)).into_boxed();
    if let Some(except) = except {
        query = query.filter(t::id.ne(except.0));
    }
    Ok(query.count().get_result::<i64>(conn)? > 0)
}

/// Whether the tenant at `path` and all its ancestors are active: suspending or
/// deactivating a tenant blocks its whole subtree.
pub fn accessible(conn: &mut AnyConnection, path: &TenantPath) -> Result<bool, StoreError> {
    let ids: Vec<i64> = path.ids().into_iter().map(|id| id.0).collect();
    let blocked = t::tenants
        .filter(t::id.eq_any(&ids))
        .filter(t::status.ne(TenantStatus::Active.as_str()))
        .count()
        .get_result::<i64>(conn)?;
    Ok(blocked == 0)
}

fn filtered(filter: &TenantFilter) -> Boxed<'_> {
    let mut query = t::tenants.into_boxed();
    // The root (management) tenant's subtree is every row: no prefix test needed.
    if filter.scope.depth() > 1 {
        query = query.filter(t::path.like(filter.scope.subtree_pattern()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        query = query.filter(
            t::search_text
                .like(format!("%{}%", escape_like(&q.to_lowercase())))
                .escape('\\'),
        );
    }
    if let Some(kind) = filter.tenant_type {
        query = query.filter(t::tenant_type.eq(kind.as_str()));
    }
    if let Some(status) = filter.status {
        query = query.filter(t::status.eq(status.as_str()));
    }
    if let Some(parent) = filter.parent {
        query = query.filter(t::parent_id.eq(parent.0));
    }
    query
}

type Boxed<'a> = crate::schema::tenants::BoxedQuery<'a, crate::connection::Db>;

/// Applies the sort; the id breaks ties so pages never overlap or skip rows.
fn order(query: Boxed<'_>, sort: Sort<TenantSortField>) -> Boxed<'_> {
    match (sort.field, sort.descending) {
        (TenantSortField::Name, false) => query.order((t::name.asc(), t::id.asc())),
        (TenantSortField::Name, true) => query.order((t::name.desc(), t::id.desc())),
        (TenantSortField::Domain, false) => query.order((t::domain.asc(), t::id.asc())),
        (TenantSortField::Domain, true) => query.order((t::domain.desc(), t::id.desc())),
        (TenantSortField::Status, false) => query.order((t::status.asc(), t::id.asc())),
        (TenantSortField::Status, true) => query.order((t::status.desc(), t::id.desc())),
        (TenantSortField::CreatedAt, false) => query.order((t::created_at.asc(), t::id.asc())),
        (TenantSortField::CreatedAt, true) => query.order((t::created_at.desc(), t::id.desc())),
        (TenantSortField::UsersCount, false) => query.order((t::users_count.asc(), t::id.asc())),
        (TenantSortField::UsersCount, true) => query.order((t::users_count.desc(), t::id.desc())),
    }
}

/// Rows strictly after `(value, id)` in the sort order.
macro_rules! keyset {
    ($query:expr, $column:expr, $value:expr, $id:expr, $descending:expr) => {{
        let value = $value;
        if $descending {
            $query.filter(
                $column
                    .lt(value.clone())
                    .or($column.eq(value).and(t::id.lt($id))),
            )
        } else {
            $query.filter(
                $column
                    .gt(value.clone())
                    .or($column.eq(value).and(t::id.gt($id))),
            )
        }
    }};
}

/// One page of the filtered, sorted list and the total number of matches.
pub fn list(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    page: PageRequest,
) -> Result<(Vec<TenantRow>, i64), StoreError> {
    let total = match counted_total(conn, filter)? {
        Some(total) => total,
        None => filtered(filter).count().get_result::<i64>(conn)?,
    };
    let query = order(filtered(filter), sort);
    let rows = query
        .offset(page.offset())
        .limit(page.limit())
        .select(TenantRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// The total from the maintained counters when the filters allow it (no search, status or
/// parent filter), which spares counting the whole subtree on every unfiltered page.
fn counted_total(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
) -> Result<Option<i64>, StoreError> {
    if filter.q.as_deref().is_some_and(|q| !q.trim().is_empty())
        || filter.status.is_some()
        || filter.parent.is_some()
    {
        return Ok(None);
    }
    let Some(scope) = filter.scope.ids().last().copied() else {
        return Ok(None);
    };
    let Some(own) = find(conn, scope)? else {
        return Ok(None);
    };
    let own_type = own.tenant_type()?;
    let descendants = rollups::of(conn, scope)?;
    let counts_self = |kind: TenantType| i64::from(own_type == kind);
    Ok(Some(match filter.tenant_type {
        None => descendants.customers + 1,
        Some(TenantType::Company) => descendants.companies + counts_self(TenantType::Company),
        Some(TenantType::Individual) => {
            descendants.individuals + counts_self(TenantType::Individual)
        }
    }))
}

/// Inserts a tenant under `parent` (or as the root) and sets its path.
pub fn insert(
    conn: &mut AnyConnection,
    parent: Option<&TenantPath>,
    mut row: NewTenantRow,
) -> Result<TenantRow, StoreError> {
    row.path = String::from("/pending/");
    let id: i64 = diesel::insert_into(t::tenants)
        .values(&row)
        .returning(t::id)
        .get_result(conn)?;
    let path = match parent {
        Some(parent) => parent.child(TenantId(id)),
        None => TenantPath::root(TenantId(id)),
    };
    diesel::update(t::tenants.find(id))
        .set(t::path.eq(path.as_str()))
        .execute(conn)?;
    let kind = TenantType::parse(&row.tenant_type)
        .ok_or_else(|| StoreError::Corrupt(format!("tenant type {:?}", row.tenant_type)))?;
    rollups::tenant_created(conn, TenantId(id), &path, kind)?;
    find(conn, TenantId(id))?.ok_or(StoreError::NotFound)
}

/// The new values of a tenant's editable properties.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = crate::schema::tenants, treat_none_as_null = true)]
pub struct TenantProperties {
    pub domain: String,
    pub name: String,
    pub tenant_type: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub allow_subtenants: bool,
    pub search_text: String,
    pub updated_at: Timestamp,
    pub contact_address: Option<String>,
    pub country: Option<String>,
    pub billing_payment_method: Option<String>,
    pub billing_address: Option<String>,
}

pub fn update_properties(
    conn: &mut AnyConnection,
    row: &TenantRow,
    properties: &TenantProperties,
) -> Result<TenantRow, StoreError> {
    let id = row.tenant_id();
    if let (Some(from), Some(to)) = (
        TenantType::parse(&row.tenant_type),
        TenantType::parse(&properties.tenant_type),
    ) {
        rollups::tenant_type_changed(conn, &row.tenant_path(), from, to)?;
    }
    diesel::update(t::tenants.find(id.0))
        .set(properties)
        .execute(conn)?;
    find(conn, id)?.ok_or(StoreError::NotFound)
}

pub fn set_status(
    conn: &mut AnyConnection,
    id: TenantId,
    status: TenantStatus,
    now: Timestamp,
) -> Result<TenantRow, StoreError> {
    diesel::update(t::tenants.find(id.0))
        .set((t::status.eq(status.as_str()), t::updated_at.eq(now)))
        .execute(conn)?;
    find(conn, id)?.ok_or(StoreError::NotFound)
}

/// Deletes the tenant at `path` and its whole subtree; their users and audit logs go with
/// them through the foreign keys' cascades. Returns how many tenants were deleted.
pub fn delete_subtree(
    conn: &mut AnyConnection,
    id: TenantId,
    path: &TenantPath,
) -> Result<usize, StoreError> {
    rollups::subtree_deleting(conn, id, path)?;
    // Counted first: rows removed by the parent_id cascade are not in the DELETE's own count.
    let count = t::tenants
        .filter(t::path.like(path.subtree_pattern()))
        .count()
        .get_result::<i64>(conn)?;
    diesel::delete(t::tenants.filter(t::path.like(path.subtree_pattern()))).execute(conn)?;
    Ok(count as usize)
}

pub fn count_all(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(t::tenants.count().get_result(conn)?)
}

/// Reads the filtered, sorted list in batches of `batch` rows after the cursor `after`
/// (keyset pagination: each batch seeks from the previous one's last row through the
/// sort index, so the cost per batch stays flat however deep the export goes).
pub fn list_after(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    after: Option<&TenantRow>,
    batch: i64,
) -> Result<Vec<TenantRow>, StoreError> {
    let mut query = filtered(filter);
    if let Some(last) = after {
        query = match sort.field {
            TenantSortField::Name => {
                keyset!(query, t::name, last.name.clone(), last.id, sort.descending)
            }
            TenantSortField::Domain => keyset!(
                query,
                t::domain,
                last.domain.clone(),
                last.id,
                sort.descending
            ),
            TenantSortField::Status => keyset!(
                query,
                t::status,
                last.status.clone(),
                last.id,
                sort.descending
            ),
            TenantSortField::CreatedAt => keyset!(
                query,
                t::created_at,
                last.created_at,
                last.id,
                sort.descending
            ),
            TenantSortField::UsersCount => keyset!(
                query,
                t::users_count,
                last.users_count,
                last.id,
                sort.descending
            ),
        };
    }
    let query = order(query, sort);
    Ok(query
        .limit(batch)
        .select(TenantRow::as_select())
        .load(conn)?)
}
