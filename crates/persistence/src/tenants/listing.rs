//! The filtered, sorted tenant list: one page with its total, and every row for the
//! export. Text search goes through [`super::text_search`]; totals without a search come from the
//! rollups kept in each change's transaction.

use super::query::{COUNT_CAP, TenantFilter, TenantSortField};
use super::text_search::{self, Condition, IndexedSearch, Matcher};
use crate::models::{ExportRow, TenantRow};
use crate::schema::tenant_property_values::dsl as v;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError, rollups};
use diesel::prelude::*;
use landlord_domain::billing::BillingStateFilter;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::{TenantStatus, TenantType};

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
    match &filter.billing_state {
        Some(BillingStateFilter::Overdue) => query = query.filter(t::billing_state.ne("ok")),
        Some(BillingStateFilter::Is(state)) => {
            query = query.filter(t::billing_state.eq(state.clone()))
        }
        None => {}
    }
    if let Some(property) = &filter.property {
        query = query.filter(
            t::id.eq_any(
                v::tenant_property_values
                    .filter(v::property_key.eq(property.key.clone()))
                    .filter(v::folded_text.eq(property.folded.clone()))
                    .select(v::tenant_id),
            ),
        );
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

/// Applies the sort from the sort's one table of columns ([`TenantSortField::columns`]),
/// all in the same direction; the id breaks ties so pages never overlap or skip rows. The
/// clause is SQL text, but only of those fixed column names: nothing a caller sent.
fn order(query: Boxed<'_>, sort: Sort<TenantSortField>) -> Boxed<'_> {
    let direction = if sort.descending { "DESC" } else { "ASC" };
    let clause = sort
        .field
        .columns()
        .iter()
        .map(|c| format!("tenants.{c} {direction}"))
        .collect::<Vec<_>>()
        .join(", ");
    query.order(diesel::dsl::sql::<diesel::sql_types::BigInt>(&clause))
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

/// The total from the maintained counters when the filters allow it (only type and status
/// filters), which spares counting the subtree on every page.
fn counted_total(
    conn: &mut AnyConnection,
    filter: &TenantFilter,
) -> Result<Option<i64>, StoreError> {
    if filter.needle().is_some()
        || filter.parent.is_some()
        || filter.billing_state.is_some()
        || filter.property.is_some()
    {
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
    // The columns come from the sort's one table; the values are bound in the same order.
    let columns = sort.field.qualified_columns("tenants");
    let tail = || sql::<Bool>(&format!("({columns}) {op} ("));
    match sort.field {
        TenantSortField::Name => Box::new(
            tail()
                .bind::<Text, _>(last.name.clone())
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::Domain => Box::new(
            tail()
                .bind::<Text, _>(last.domain.clone())
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::Status => Box::new(
            tail()
                .bind::<Text, _>(last.status.clone())
                .sql(", ")
                .bind::<Text, _>(last.name.clone())
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::CreatedAt => Box::new(
            tail()
                .bind::<SqlTimestamp, _>(last.created_at)
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
        TenantSortField::UsersCount => Box::new(
            tail()
                .bind::<BigInt, _>(last.users_count)
                .sql(", ")
                .bind::<BigInt, _>(last.id)
                .sql(")"),
        ),
    }
}
