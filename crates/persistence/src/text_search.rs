//! Substring search over tenants' `search_text`: the one place that knows how each backend
//! indexes it.
//!
//! - SQLite keeps an FTS5 trigram index (`tenant_search`, migration `000003_search`). A needle
//!   of three or more characters is a phrase of its trigrams. A shorter needle is the union of
//!   the trigrams that begin with it, read from the index's vocabulary; the indexed text ends
//!   with a terminator so that every short substring begins some trigram.
//! - PostgreSQL keeps a pg_trgm GIN index on `search_text`; `LIKE '%needle%'` uses it and the
//!   planner weighs it against the sort index with its own statistics.
//!
//! SQLite's planner cannot know how many rows a needle matches, so [`Matcher::new`] asks the
//! index first. A needle with few candidates is answered from them ([`IndexedSearch`]: a few
//! lookups and a small sort); a common one walks the sort index and checks each row, which
//! finds a page quickly precisely because most rows match.

use crate::connection::Db;
use crate::schema::tenants;
use crate::tenants::{TenantFilter, TenantSortField};
use crate::{AnyConnection, StoreError};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use diesel::sqlite::Sqlite;
use landlord_domain::listing::{PageRequest, Sort, escape_like};

/// Up to this many index candidates, a page is always answered from them: at most this many
/// row lookups and a small sort, about a millisecond.
const PAGE_CANDIDATES_ALWAYS: i64 = 1_000;

/// With at most this many index candidates, counting goes through them rather than through
/// every row. (A capped count stops early either way; the index skips the rows that cannot
/// match.)
const COUNT_CANDIDATES: i64 = 20_000;

/// Short needles whose vocabulary range holds more trigrams than this are common by nature.
const MAX_SHORT_TERMS: usize = 64;

pub(crate) type Condition = Box<dyn BoxableExpression<tenants::table, Db, SqlType = Bool>>;

/// How to find the tenants whose `search_text` contains one needle.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The `LIKE` pattern, checked row by row.
    pattern: String,
    /// An FTS5 query for the same rows (SQLite) and how many candidates it has (at most
    /// [`COUNT_CANDIDATES`]), when the index can answer it cheaply.
    index: Option<(String, i64)>,
    /// How many tenants the search runs over.
    scope_rows: i64,
    /// The needle's length in characters.
    needle_chars: usize,
}

impl Matcher {
    /// Prepares the search for `needle` (already trimmed and lowercased, not empty) among
    /// `scope_rows` tenants.
    pub fn new(
        conn: &mut AnyConnection,
        needle: &str,
        scope_rows: i64,
    ) -> Result<Self, StoreError> {
        let pattern = pattern(needle);
        let AnyConnection::Sqlite(conn) = conn else {
            return Ok(Self {
                pattern,
                index: None,
                scope_rows,
                needle_chars: needle.chars().count(),
            });
        };
        // The terminator only ever appears in the index, never in a needle.
        let needle: String = needle.chars().filter(|c| !c.is_control()).collect();
        let index = if needle.chars().count() >= 3 {
            let query = phrase(&needle);
            let candidates = candidates(conn, &query, COUNT_CANDIDATES)?;
            (candidates <= COUNT_CANDIDATES).then_some((query, candidates))
        } else {
            short_needle_query(conn, &needle)?
        };
        Ok(Self {
            pattern,
            index,
            scope_rows,
            needle_chars: needle.chars().count(),
        })
    }

    /// The FTS5 query to answer a page from, when the index narrows the needle to few rows;
    /// otherwise a page walks the sort order checking each row (see [`Matcher::like`]).
    ///
    /// Answering from `c` candidates costs `c` lookups in a narrow covering index. Walking
    /// the sort order finds a page of 50 after about `50 · N / c` rows of `N` when the
    /// matches are spread evenly, twice that under a type or status filter, and each of
    /// those rows is a wide table row checked with `LIKE`, several times a lookup's cost.
    /// The two are about equal when `c² ≈ 400 · N`. Below that, or below a thousand
    /// candidates, the index wins, and it never depends on where in the sort order the
    /// matches happen to lie.
    pub(crate) fn index_for_page(&self) -> Option<&str> {
        match &self.index {
            Some((query, candidates))
                if *candidates <= PAGE_CANDIDATES_ALWAYS
                    || candidates.saturating_mul(*candidates)
                        <= self.scope_rows.saturating_mul(400) =>
            {
                Some(query)
            }
            _ => None,
        }
    }

    /// The FTS5 query to count from, whenever the index can answer cheaply: it skips the
    /// rows that cannot match.
    pub(crate) fn index_for_count(&self) -> Option<&str> {
        self.index.as_ref().map(|(query, _)| query.as_str())
    }

    /// The row-by-row condition: `search_text LIKE '%needle%'`. On PostgreSQL the planner
    /// answers it from the pg_trgm index when that is cheaper.
    pub(crate) fn like(&self) -> Condition {
        like(self.pattern.clone())
    }
}

/// `search_text LIKE '%needle%'`, checked row by row, without asking the index anything.
pub(crate) fn contains(needle: &str) -> Condition {
    like(pattern(needle))
}

fn pattern(needle: &str) -> String {
    format!("%{}%", escape_like(needle))
}

fn like(pattern: String) -> Condition {
    Box::new(tenants::search_text.like(pattern).escape('\\'))
}

/// An FTS5 string literal: the trigram tokenizer turns a phrase into its consecutive
/// trigrams, which match exactly the texts containing it.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// How many rows the index finds for `query`, counting no further than `limit + 1`.
fn candidates(
    conn: &mut diesel::SqliteConnection,
    query: &str,
    limit: i64,
) -> Result<i64, StoreError> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
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
fn short_needle_query(
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
        #[derive(QueryableByName)]
        struct Id {
            #[diesel(sql_type = BigInt)]
            id: i64,
        }
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
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
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

    /// The join and the filters; `?`s for the FTS query and the scope pattern.
    fn joined_and_filtered(&self) -> String {
        format!(
            "FROM tenant_search s CROSS JOIN tenants t ON t.id = s.rowid \
             WHERE tenant_search MATCH ?{}",
            filters_sql(self.filter, "?")
        )
    }

    fn bind<'q>(
        &self,
        query: diesel::query_builder::BoxedSqlQuery<'q, Sqlite, diesel::query_builder::SqlQuery>,
    ) -> diesel::query_builder::BoxedSqlQuery<'q, Sqlite, diesel::query_builder::SqlQuery> {
        let query = query.bind::<Text, _>(self.query.to_owned());
        if self.filter.scope.depth() > 1 {
            query.bind::<Text, _>(self.filter.scope.subtree_pattern())
        } else {
            query
        }
    }
}

/// The list's filters on the table aliased `t`, each starting with ` AND`: `scope` is the
/// placeholder for the subtree pattern; the rest are inline (enum names and an integer id).
fn filters_sql(filter: &TenantFilter, scope: &str) -> String {
    let mut sql = String::new();
    if filter.scope.depth() > 1 {
        sql.push_str(&format!(" AND t.path LIKE {scope}"));
    }
    if let Some(kind) = filter.tenant_type {
        sql.push_str(&format!(" AND t.tenant_type = '{}'", kind.as_str()));
    }
    if let Some(status) = filter.status {
        sql.push_str(&format!(" AND t.status = '{}'", status.as_str()));
    }
    if let Some(parent) = filter.parent {
        sql.push_str(&format!(" AND t.parent_id = {}", parent.0));
    }
    sql
}

/// PostgreSQL: a page and the number of matches from the pg_trgm index's candidates, or
/// `None` when the needle has too many for that (see [`Matcher::index_for_page`] for the
/// rule) and walking the sort order is the better plan.
///
/// Left to itself the planner misjudges how many rows a substring matches, and for a rare
/// needle under a status filter it walks the whole name index (90 ms at 100,000 tenants
/// where the candidates take 2 ms). So the candidates come first, in a `MATERIALIZED` CTE
/// that stops one past the limit, and the page, the count and the candidates' number come
/// out of one statement.
pub(crate) fn postgres_candidates_first(
    conn: &mut diesel::PgConnection,
    matcher: &Matcher,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    page: PageRequest,
) -> Result<Option<(Vec<i64>, i64)>, StoreError> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::Nullable<BigInt>)]
        id: Option<i64>,
        #[diesel(sql_type = BigInt)]
        matches: i64,
        #[diesel(sql_type = BigInt)]
        candidates: i64,
    }
    if matcher.needle_chars < 3 {
        return Ok(None);
    }
    let limit = PAGE_CANDIDATES_ALWAYS.max(((matcher.scope_rows as f64) * 400.0).sqrt() as i64);
    // The page's rows carry the count; the `RIGHT JOIN` on a one-row `counted` keeps the
    // counts when the page is empty (no match, or an offset past the end).
    let sql = format!(
        "WITH candidates AS MATERIALIZED ( \
             SELECT id FROM tenants WHERE search_text LIKE $1 ESCAPE '\\' LIMIT {} \
         ), matching AS ( \
             SELECT t.id, t.name, t.domain, t.status, t.created_at, t.users_count, \
                    count(*) OVER () AS matches \
             FROM candidates c JOIN tenants t ON t.id = c.id WHERE TRUE{} \
             ORDER BY {} LIMIT {} OFFSET {} \
         ), counted AS ( \
             SELECT (SELECT count(*) FROM candidates) AS candidates, \
                    (SELECT count(*) FROM candidates c JOIN tenants t ON t.id = c.id WHERE TRUE{}) AS matches \
         ) \
         SELECT m.id, counted.matches, counted.candidates FROM matching m RIGHT JOIN counted ON TRUE \
         ORDER BY {}",
        limit + 1,
        filters_sql(filter, "$2"),
        order_by(sort),
        page.limit(),
        page.offset(),
        filters_sql(filter, "$2"),
        order_by(sort).replace("t.", "m."),
    );
    let mut query = diesel::sql_query(sql)
        .into_boxed::<diesel::pg::Pg>()
        .bind::<Text, _>(matcher.pattern.clone());
    if filter.scope.depth() > 1 {
        query = query.bind::<Text, _>(filter.scope.subtree_pattern());
    }
    // Without the hint, `LIMIT` makes a sequential scan look cheap ("it stops early"), which
    // for a rare needle reads the whole table. `SET LOCAL` ends with the transaction.
    let found = conn.transaction(|conn| {
        conn.batch_execute("SET LOCAL enable_seqscan = off")?;
        query.load::<Found>(conn)
    })?;
    let Some(first) = found.first() else {
        return Ok(None);
    };
    if first.candidates > limit {
        return Ok(None);
    }
    let matches = first.matches;
    Ok(Some((
        found.into_iter().filter_map(|f| f.id).collect(),
        matches,
    )))
}

/// The same order as `tenants::order`.
fn order_by(sort: Sort<TenantSortField>) -> String {
    let columns: &[&str] = match sort.field {
        TenantSortField::Name => &["t.name", "t.id"],
        TenantSortField::Domain => &["t.domain", "t.id"],
        TenantSortField::Status => &["t.status", "t.name", "t.id"],
        TenantSortField::CreatedAt => &["t.created_at", "t.id"],
        TenantSortField::UsersCount => &["t.users_count", "t.id"],
    };
    let direction = if sort.descending { " DESC" } else { " ASC" };
    columns
        .iter()
        .map(|c| format!("{c}{direction}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::{Sort, TenantSortField, order_by, phrase};

    #[test]
    fn the_index_orders_like_the_list() {
        let sort = |field, descending| Sort { field, descending };
        assert_eq!(
            order_by(sort(TenantSortField::Name, false)),
            "t.name ASC, t.id ASC"
        );
        assert_eq!(
            order_by(sort(TenantSortField::Status, true)),
            "t.status DESC, t.name DESC, t.id DESC"
        );
    }

    #[test]
    fn phrases_double_their_quotes() {
        assert_eq!(phrase(r#"a"b"#), r#""a""b""#);
        assert_eq!(phrase("acme"), "\"acme\"");
    }
}
