//! SQLite's side of the search: the FTS5 trigram index (`tenant_search`) asked for a
//! needle's candidates, and the page and count read through it.

use super::*;

/// How many rows the index finds for `query`, counting no further than `limit + 1`.
pub(super) fn candidates(
    conn: &mut diesel::SqliteConnection,
    query: &str,
    limit: i64,
) -> Result<i64, StoreError> {
    let found = diesel::sql_query(
        "SELECT count(*) AS n FROM (SELECT rowid FROM tenant_search WHERE tenant_search MATCH ? LIMIT ?)",
    )
    .bind::<Text, _>(query)
    .bind::<BigInt, _>(limit + 1)
    .get_result::<Count>(conn)?;
    Ok(found.n)
}

/// For a one- or two-character needle: the union of the trigrams that begin with it and
/// their total row count, if that is at most [`COUNT_CANDIDATES`]; `None` when the needle is
/// common.
pub(super) fn short_needle_query(
    conn: &mut diesel::SqliteConnection,
    needle: &str,
) -> Result<Option<(String, i64)>, StoreError> {
    #[derive(QueryableByName)]
    struct Term {
        #[diesel(sql_type = Text)]
        term: String,
        #[diesel(sql_type = BigInt)]
        doc: i64,
    }
    // The vocabulary is ordered by term, so this is a range; each term's row count is read
    // from its posting list, and the loop stops as soon as the needle proves common.
    let terms = diesel::sql_query(
        "SELECT term, doc FROM tenant_search_terms WHERE term >= ? AND term <= ?",
    )
    .bind::<Text, _>(needle)
    .bind::<Text, _>(format!("{needle}\u{10ffff}"))
    .load_iter::<Term, diesel::connection::DefaultLoadingMode>(conn)?;
    let mut chosen = Vec::new();
    let mut rows = 0;
    for term in terms {
        let term = term?;
        rows += term.doc;
        if rows > COUNT_CANDIDATES || chosen.len() == MAX_SHORT_TERMS {
            return Ok(None);
        }
        chosen.push(phrase(&term.term));
    }
    if chosen.is_empty() {
        // No trigram begins with the needle: nothing contains it. A phrase of fewer than
        // three characters has no trigrams and matches no row either.
        chosen.push(phrase(needle));
    }
    Ok(Some((chosen.join(" OR "), rows)))
}

/// What the trigram index answers on SQLite: a page of ids and the number of matches up to
/// `cap + 1`. The index drives a join into `tenants_list_keys_idx`, which holds every filter
/// and sort column, so no table row is read. (Written as SQL rather than diesel's `IN
/// (subquery)`, which SQLite runs by first copying every candidate into a temporary index,
/// and with the limit inline, which lets its sorter keep only the page: together about
/// three times faster.)
pub(crate) struct IndexedSearch<'a> {
    pub query: &'a str,
    pub filter: &'a TenantFilter,
    pub sort: Sort<TenantSortField>,
}

impl IndexedSearch<'_> {
    pub(crate) fn page(
        &self,
        conn: &mut diesel::SqliteConnection,
        page: PageRequest,
    ) -> Result<Vec<i64>, StoreError> {
        let sql = format!(
            "SELECT t.id AS id {} ORDER BY {} LIMIT {} OFFSET {}",
            self.joined_and_filtered(),
            order_by(self.sort),
            page.limit(),
            page.offset()
        );
        Ok(self
            .bind(diesel::sql_query(sql).into_boxed())
            .load::<Id>(conn)?
            .into_iter()
            .map(|row| row.id)
            .collect())
    }

    pub(crate) fn count_up_to(
        &self,
        conn: &mut diesel::SqliteConnection,
        cap: i64,
    ) -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT count(*) AS n FROM (SELECT 1 {} LIMIT {})",
            self.joined_and_filtered(),
            cap + 1
        );
        Ok(self
            .bind(diesel::sql_query(sql).into_boxed())
            .get_result::<Count>(conn)?
            .n)
    }

    /// The join and the filters; `?`s for the FTS query, then the filters' binds.
    fn joined_and_filtered(&self) -> String {
        format!(
            "FROM tenant_search s CROSS JOIN tenants t ON t.id = s.rowid \
             WHERE tenant_search MATCH ?{}",
            filters_sql(self.filter, || "?".to_owned()).sql
        )
    }

    fn bind<'q>(
        &self,
        query: diesel::query_builder::BoxedSqlQuery<'q, Sqlite, diesel::query_builder::SqlQuery>,
    ) -> diesel::query_builder::BoxedSqlQuery<'q, Sqlite, diesel::query_builder::SqlQuery> {
        let mut query = query.bind::<Text, _>(self.query.to_owned());
        for text in filters_sql(self.filter, || "?".to_owned()).binds {
            query = query.bind::<Text, _>(text);
        }
        query
    }
}
