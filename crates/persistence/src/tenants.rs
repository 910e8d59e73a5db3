//! Tenant storage: lookups, the filtered list, and changes. Scoping to a caller's subtree is
//! the caller's `TenantPath` applied as a prefix filter.

use crate::models::{ExportRow, NewTenantRow, TenantRow};
use crate::schema::tenants::dsl as t;
use crate::text_search::{self, Condition, IndexedSearch, Matcher};
use crate::{AnyConnection, StoreError, Timestamp, rollups};
use diesel::prelude::*;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::tenant::TenantPath;
use landlord_domain::{TenantId, TenantStatus, TenantType};

/// The list filters; every one is optional except the caller's subtree.
#[derive(Debug, Clone)]
pub struct TenantFilter {
    /// Only this tenant and its descendants are visible.
    pub scope: TenantPath,
    /// Whether the scope's own tenant is listed too. Its customers are its descendants, so
    /// by default it is not: the list, its total and the export then agree with the
    /// summary's count.
    pub include_self: bool,
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

/// Whether `tenant` and all its ancestors are active: suspending or deactivating a tenant
/// blocks its whole subtree. The tenant's own status is on its row, so only its ancestors
/// are read, and a top-level tenant (the management tenant) costs no query at all. This
/// runs on every authenticated request.
pub fn accessible(conn: &mut AnyConnection, tenant: &TenantRow) -> Result<bool, StoreError> {
    if tenant.status()? != TenantStatus::Active {
        return Ok(false);
    }
    let ancestors: Vec<i64> = tenant
        .tenant_path()
        .ids()
        .into_iter()
        .map(|id| id.0)
        .filter(|id| *id != tenant.id)
        .collect();
    if ancestors.is_empty() {
        return Ok(true);
    }
    let blocked = t::tenants
        .filter(t::id.eq_any(&ancestors))
        .filter(t::status.ne(TenantStatus::Active.as_str()))
        .count()
        .get_result::<i64>(conn)?;
    Ok(blocked == 0)
}

impl TenantFilter {
    /// The scope's own tenant when it is left out of the list: one `id <> own` condition,
    /// which no index needs and every plan checks in passing.
    pub fn excluded(&self) -> Option<TenantId> {
        match self.include_self {
            true => None,
            false => self.scope.ids().last().copied(),
        }
    }

    /// The search needle: `q` trimmed and lowercased, if anything is left.
    pub fn needle(&self) -> Option<String> {
        self.q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_lowercase)
    }
}

/// The filters as a query; `text` is the search condition, if `q` is set.
fn filtered(filter: &TenantFilter, text: Option<Condition>) -> Boxed<'_> {
    let mut query = t::tenants.into_boxed();
    // The root (management) tenant's subtree is every row: no prefix test needed.
    if filter.scope.depth() > 1 {
        query = query.filter(t::path.like(filter.scope.subtree_pattern()));
    }
    if let Some(own) = filter.excluded() {
        query = query.filter(t::id.ne(own.0));
    }
    if let Some(text) = text {
        query = query.filter(text);
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

fn matcher(conn: &mut AnyConnection, filter: &TenantFilter) -> Result<Option<Matcher>, StoreError> {
    let Some(needle) = filter.needle() else {
        return Ok(None);
    };
    let scope_rows = match filter.scope.ids().last() {
        Some(scope) => rollups::of(conn, *scope)?.customers + i64::from(filter.include_self),
        None => 0,
    };
    Ok(Some(Matcher::new(conn, &needle, scope_rows)?))
}

type Boxed<'a> = crate::schema::tenants::BoxedQuery<'a, crate::connection::Db>;

/// Applies the sort; the id breaks ties so pages never overlap or skip rows.
fn order(query: Boxed<'_>, sort: Sort<TenantSortField>) -> Boxed<'_> {
    match (sort.field, sort.descending) {
        (TenantSortField::Name, false) => query.order((t::name.asc(), t::id.asc())),
        (TenantSortField::Name, true) => query.order((t::name.desc(), t::id.desc())),
        (TenantSortField::Domain, false) => query.order((t::domain.asc(), t::id.asc())),
        (TenantSortField::Domain, true) => query.order((t::domain.desc(), t::id.desc())),
        // By name within each status: the (status, name, id) index serves both this order
        // and a status filter under the name order.
        (TenantSortField::Status, false) => {
            query.order((t::status.asc(), t::name.asc(), t::id.asc()))
        }
        (TenantSortField::Status, true) => {
            query.order((t::status.desc(), t::name.desc(), t::id.desc()))
        }
        (TenantSortField::CreatedAt, false) => query.order((t::created_at.asc(), t::id.asc())),
        (TenantSortField::CreatedAt, true) => query.order((t::created_at.desc(), t::id.desc())),
        (TenantSortField::UsersCount, false) => query.order((t::users_count.asc(), t::id.asc())),
        (TenantSortField::UsersCount, true) => query.order((t::users_count.desc(), t::id.desc())),
    }
}

/// How many rows match a list's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub count: i64,
    /// `false` when there are more than `count` matches: a search (`q`) counts its matches
    /// only up to [`COUNT_CAP`], since counting every one of a common needle's matches
    /// would cost more than the page itself.
    pub exact: bool,
}

/// Searches count their matches up to this many.
pub const COUNT_CAP: i64 = 1_000;

impl Total {
    /// A search's total from `found` matches (counted to at least one past the cap).
    fn capped(found: i64) -> Self {
        Self {
            count: found.min(COUNT_CAP),
            exact: found <= COUNT_CAP,
        }
    }
}

/// The rows with `ids` (a page found through the search index), in the list's order.
fn rows_by_id(
    conn: &mut AnyConnection,
    ids: Vec<i64>,
    sort: Sort<TenantSortField>,
) -> Result<Vec<TenantRow>, StoreError> {
    // A search that matched nothing (typing on past the last match) spares a round trip.
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(
        order(t::tenants.filter(t::id.eq_any(ids)).into_boxed(), sort)
            .select(TenantRow::as_select())
            .load(conn)?,
    )
}

/// One page of the filtered, sorted list and the total number of matches.
pub fn list(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    page: PageRequest,
) -> Result<(Vec<TenantRow>, Total), StoreError> {
    let matcher = matcher(conn, filter)?;
    // On PostgreSQL the index answers in one statement or proves the needle common, which
    // settles the total: more than the cap.
    if let (Some(matcher), AnyConnection::Postgresql(pg)) = (&matcher, &mut *conn)
        && let Some(found) = text_search::postgres_search(pg, matcher, filter, sort, page)?
    {
        return Ok((
            rows_by_id(conn, found.ids, sort)?,
            Total::capped(found.matches),
        ));
    }
    let indexed = |query| IndexedSearch {
        query,
        filter,
        sort,
    };
    let rows = match (
        matcher.as_ref().and_then(Matcher::index_for_page),
        &mut *conn,
    ) {
        // The index gives the page's ids; then their rows, so only the page's rows are read.
        (Some(query), AnyConnection::Sqlite(sqlite)) => {
            let ids = indexed(query).page(sqlite, page)?;
            rows_by_id(conn, ids, sort)?
        }
        _ => order(filtered(filter, matcher.as_ref().map(Matcher::like)), sort)
            .offset(page.offset())
            .limit(page.limit())
            .select(TenantRow::as_select())
            .load(conn)?,
    };
    let total = match &matcher {
        None => Total {
            count: match counted_total(conn, filter)? {
                Some(total) => total,
                None => filtered(filter, None).count().get_result::<i64>(conn)?,
            },
            exact: true,
        },
        Some(matcher) => {
            // Whatever order the database visits rows in, it stops at the cap.
            let found = match (matcher.index_for_count(), &mut *conn) {
                (Some(query), AnyConnection::Sqlite(sqlite)) => {
                    indexed(query).count_up_to(sqlite, COUNT_CAP)?
                }
                _ => filtered(filter, Some(matcher.like()))
                    .select(t::id)
                    .limit(COUNT_CAP + 1)
                    .load::<i64>(conn)?
                    .len() as i64,
            };
            Total::capped(found)
        }
    };
    Ok((rows, total))
}

/// The total from the maintained counters when the filters allow it (no search or parent
/// filter), which spares counting the subtree on every page.
fn counted_total(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
) -> Result<Option<i64>, StoreError> {
    if filter.needle().is_some() || filter.parent.is_some() {
        return Ok(None);
    }
    let Some(scope) = filter.scope.ids().last().copied() else {
        return Ok(None);
    };
    let Some(own) = rollups::with_own(conn, scope)? else {
        return Ok(None);
    };
    // The counters hold the strict descendants (the customers); the own tenant counts only
    // when it is asked for and passes the filters.
    let own_matches = filter.include_self
        && filter
            .tenant_type
            .is_none_or(|kind| own.tenant_type == kind)
        && filter.status.is_none_or(|status| own.status == status);
    let descendants = match (filter.tenant_type, filter.status) {
        (None, None) => own.descendants.customers,
        (Some(TenantType::Company), None) => own.descendants.companies,
        (Some(TenantType::Individual), None) => own.descendants.individuals,
        (kind, status) => rollups::descendants_with(
            conn,
            scope,
            &kind.map_or(TenantType::ALL.to_vec(), |k| vec![k]),
            &status.map_or(TenantStatus::ALL.to_vec(), |s| vec![s]),
        )?,
    };
    Ok(Some(descendants + i64::from(own_matches)))
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
    let status = TenantStatus::parse(&row.status)
        .ok_or_else(|| StoreError::Corrupt(format!("tenant status {:?}", row.status)))?;
    rollups::tenant_created(conn, TenantId(id), &path, kind, status)?;
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

impl TenantProperties {
    /// Whether these are exactly the row's current properties (`updated_at` aside).
    pub fn same_as(&self, row: &TenantRow) -> bool {
        self.domain == row.domain
            && self.name == row.name
            && self.tenant_type == row.tenant_type
            && self.contact_name == row.contact_name
            && self.contact_email == row.contact_email
            && self.contact_phone == row.contact_phone
            && self.allow_subtenants == row.allow_subtenants
            && self.contact_address == row.contact_address
            && self.country == row.country
            && self.billing_payment_method == row.billing_payment_method
            && self.billing_address == row.billing_address
    }
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
        rollups::tenant_type_changed(conn, &row.tenant_path(), row.status()?, from, to)?;
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
    let row = find(conn, id)?.ok_or(StoreError::NotFound)?;
    rollups::tenant_status_changed(
        conn,
        &row.tenant_path(),
        row.tenant_type()?,
        row.status()?,
        status,
    )?;
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

/// Rows read per batch where the whole result cannot be streamed: each batch is a query to
/// plan and a round trip, a few hundred microseconds, and holds under a megabyte.
const BATCH: i64 = 2_000;

/// Passes the whole filtered, sorted list to `visit`, with memory flat however many rows
/// there are; `visit` returns `false` to stop early.
///
/// PostgreSQL's client library would buffer a whole result (diesel's row-by-row mode needs
/// the concrete connection type), so the list is read in keyset batches: each seeks past
/// the previous batch's last row through the sort index, `(name, id) > ($1, $2)`, so every
/// batch costs the same however deep it is. (The CSV export reads SQLite through its native
/// interface instead; see [`crate::export`].)
pub(crate) fn for_each<E>(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    mut visit: impl FnMut(&ExportRow) -> Result<bool, E>,
) -> Result<(), E>
where
    E: From<StoreError>,
{
    // Every row is read anyway, so the search is checked row by row without asking the
    // index first.
    let needle = filter.needle();
    let query = || {
        order(
            filtered(filter, needle.as_deref().map(text_search::contains)),
            sort,
        )
    };
    let mut last: Option<ExportRow> = None;
    loop {
        let mut batch = query();
        if let Some(last) = &last {
            batch = batch.filter(after(last, sort));
        }
        let rows: Vec<ExportRow> = batch
            .limit(BATCH)
            .select(ExportRow::as_select())
            .load(conn)
            .map_err(StoreError::from)?;
        for row in &rows {
            if !visit(row)? {
                return Ok(());
            }
        }
        if (rows.len() as i64) < BATCH {
            return Ok(());
        }
        last = rows.into_iter().next_back();
    }
}

/// Rows strictly after `last` in the `sort` order, as one row-value comparison that the
/// sort index answers with a single seek.
fn after(last: &ExportRow, sort: Sort<TenantSortField>) -> Condition {
    use diesel::dsl::sql;
    use diesel::sql_types::{BigInt, Bool, Text, Timestamp as SqlTimestamp};
    let op = if sort.descending { "<" } else { ">" };
    let tail = |columns: &str| sql::<Bool>(&format!("({columns}) {op} ("));
    match sort.field {
        TenantSortField::Name => Box::new(
            tail("tenants.name, tenants.id")
                .bind::<Text, _>(last.name.clone())
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::Domain => Box::new(
            tail("tenants.domain, tenants.id")
                .bind::<Text, _>(last.domain.clone())
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::Status => Box::new(
            tail("tenants.status, tenants.name, tenants.id")
                .bind::<Text, _>(last.status.clone())
                .sql(", ")
                .bind::<Text, _>(last.name.clone())
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::CreatedAt => Box::new(
            tail("tenants.created_at, tenants.id")
                .bind::<SqlTimestamp, _>(last.created_at)
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::UsersCount => Box::new(
            tail("tenants.users_count, tenants.id")
                .bind::<BigInt, _>(last.users_count)
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
    }
}
