//! Substring search over tenants' `search_text`: the one place that knows how each backend
//! indexes it.
//!
//! - SQLite keeps an FTS5 trigram index (`tenant_search`, migration `000003_search`). A needle
//!   of three or more characters is a phrase of its trigrams. A shorter needle is the union of
//!   the trigrams that begin with it, read from the index's vocabulary; the indexed text ends
//!   with a terminator so that every short substring begins some trigram.
//! - PostgreSQL keeps a GIN index of each tenant's characters, pairs of adjacent characters,
//!   status and type (migration `000005_search_keys`). A needle of one or two characters is
//!   one key; a longer one is the conjunction of its pairs, checked with `LIKE`.
//!
//! Neither planner can know how many rows a needle matches, so the index is asked first: on
//! SQLite by [`Matcher::new`], on PostgreSQL by [`postgres_search`]. A needle with few
//! candidates is answered from them (a few lookups and a small sort); a common one walks the
//! sort index and checks each row, which finds a page quickly precisely because most rows
//! match.

use super::query::{COUNT_CAP, TenantFilter, TenantSortField};
use crate::connection::Db;
use crate::schema::tenants;
use crate::{AnyConnection, StoreError};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use diesel::sqlite::Sqlite;
use landlord_domain::listing::{PageRequest, Sort, escape_like};

/// Up to this many index candidates, a page is always answered from them: at most this many
/// row lookups and a small sort, about a millisecond.
const PAGE_CANDIDATES_ALWAYS: i64 = 1_000;

/// SQLite: a candidate is a lookup in a narrow covering index, and a walked row is a wide
/// table row checked with `LIKE`, several times dearer.
const SQLITE_WALKED_ROW_COST: f64 = 4.0;

/// PostgreSQL, a needle of one or two characters (one key): a candidate is a table row too
/// (a bitmap heap scan has no narrower path from a GIN index), checked with `LIKE` like a
/// walked row. The planner knows a single key's frequency, so the estimate the limit is
/// compared with is close. Measured at 100,000 tenants, `ac` (6,400 candidates) took 12.6 ms
/// from its candidates and 3.8 ms walking.
const POSTGRES_WALKED_ROW_COST: f64 = 1.0;

/// PostgreSQL, a longer needle (several keys): the estimate multiplies the keys' frequencies
/// as if they were independent, which for the pairs of one word is far too low (`stark` at
/// 1,000,000 tenants: 120 estimated, 12,343 candidates). Under too low a limit such a needle
/// reads its candidates up to the limit in vain, then walks, and where its matches cluster
/// along the sort order (names that begin with `stark`) the walk finds nothing and all the
/// candidates are read after all: 176 ms instead of 29 ms. So it keeps twice the limit.
const POSTGRES_GUESSED_WALKED_ROW_COST: f64 = 4.0;

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
    /// The needle without control characters (which only ever separate the indexed fields).
    needle: String,
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
        // The terminator only ever appears in the index, never in a needle.
        let needle: String = needle.chars().filter(|c| !c.is_control()).collect();
        let AnyConnection::Sqlite(conn) = conn else {
            return Ok(Self {
                pattern,
                index: None,
                scope_rows,
                needle_chars: needle.chars().count(),
                needle,
            });
        };
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
            needle,
        })
    }

    /// The FTS5 query to answer a page from, when the index narrows the needle to few rows;
    /// otherwise a page walks the sort order checking each row (see [`Matcher::like`]).
    pub(crate) fn index_for_page(&self) -> Option<&str> {
        match &self.index {
            Some((query, candidates))
                if *candidates <= self.candidate_limit(SQLITE_WALKED_ROW_COST) =>
            {
                Some(query)
            }
            _ => None,
        }
    }

    /// Up to how many index candidates a page is answered from them, where walking one row
    /// of the sort order costs as much as reading `walked_row_cost` candidates.
    ///
    /// Answering from `c` candidates reads all `c`. Walking the sort order finds a page of
    /// 50 after about `50 · N / c` rows of `N` when the matches are spread evenly, twice
    /// that under a type or status filter. The two are about equal when
    /// `c² ≈ 100 · walked_row_cost · N`. Below that, or below a thousand candidates, the
    /// index wins, and it never depends on where in the sort order the matches happen to
    /// lie. The costs differ by backend and needle: see [`SQLITE_WALKED_ROW_COST`],
    /// [`POSTGRES_WALKED_ROW_COST`] and [`POSTGRES_GUESSED_WALKED_ROW_COST`].
    fn candidate_limit(&self, walked_row_cost: f64) -> i64 {
        let balance = (100.0 * walked_row_cost * self.scope_rows as f64).sqrt() as i64;
        PAGE_CANDIDATES_ALWAYS.max(balance)
    }

    /// The FTS5 query to count from, whenever the index can answer cheaply: it skips the
    /// rows that cannot match.
    pub(crate) fn index_for_count(&self) -> Option<&str> {
        self.index.as_ref().map(|(query, _)| query.as_str())
    }

    /// The row-by-row condition: `search_text LIKE '%needle%'`.
    pub(crate) fn like(&self) -> Condition {
        like(self.pattern.clone())
    }
}

/// `search_text LIKE '%needle%'`, checked row by row, without asking the index anything.
pub(crate) fn contains(needle: &str) -> Condition {
    like(pattern(needle))
}

pub(crate) fn pattern(needle: &str) -> String {
    format!("%{}%", escape_like(needle))
}

fn like(pattern: String) -> Condition {
    Box::new(tenants::search_text.like(pattern).escape('\\'))
}

/// The raw-SQL twin of [`like`]: `{text} LIKE {placeholder}` with the escape character
/// [`pattern`] uses, for statements the query builder cannot express.
pub(crate) fn like_sql(text: &str, placeholder: &str) -> String {
    format!("{text} LIKE {placeholder} ESCAPE '\\'")
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
/// placeholder for the subtree pattern; the rest are inline (enum names and integer ids).
pub(crate) fn filters_sql(filter: &TenantFilter, scope: &str) -> String {
    let mut sql = String::new();
    if filter.scope.depth() > 1 {
        sql.push_str(&format!(" AND t.path LIKE {scope}"));
    }
    if let Some(own) = filter.excluded() {
        sql.push_str(&format!(" AND t.id <> {}", own.0));
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

/// A page of a search on PostgreSQL.
#[derive(Debug)]
pub(crate) struct PostgresPage {
    pub ids: Vec<i64>,
    /// How many tenants match, counted no further than one past the cap.
    pub matches: i64,
}

/// The index keys every match must hold (migration `000005_search_keys` builds the same
/// keys for each tenant): a needle of one or two characters is its own key, a longer one
/// the set of its adjacent pairs, which [`Matcher::like`] then checks in order. `None` when
/// nothing is left of the needle to look up.
pub(crate) fn postgres_keys(needle: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = needle.chars().filter(|c| !c.is_control()).collect();
    let mut keys: Vec<String> = match chars.len() {
        0 => return None,
        1 | 2 => vec![chars.iter().collect()],
        _ => chars.windows(2).map(|pair| pair.iter().collect()).collect(),
    };
    keys.sort();
    keys.dedup();
    Some(keys)
}

/// PostgreSQL: a page of the search and its matches; `None` when the needle has no keys.
///
/// First the planner is asked how many rows hold the needle's keys (see
/// [`PostgresCandidates::estimate`]). When they are few (see [`Matcher::candidate_limit`])
/// the page and the count come from the candidates. Otherwise, or when there turn out to be
/// more candidates than that, the sort order is walked for the page, for at most
/// [`WALK_ROWS`] rows; matches are then counted up to the cap, among the first rows in
/// storage order when the needle is common enough to reach the cap there at once, otherwise
/// (or if that falls short) through the index.
/// A walk that meets too few matches means they lie far along the sort order (`stark` is
/// mostly in names that begin with it), and the page comes from all the candidates.
pub(crate) fn postgres_search(
    conn: &mut diesel::PgConnection,
    matcher: &Matcher,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    page: PageRequest,
) -> Result<Option<PostgresPage>, StoreError> {
    let Some(keys) = postgres_keys(&matcher.needle) else {
        return Ok(None);
    };
    let candidates = PostgresCandidates {
        keys,
        matcher,
        filter,
    };
    let limit = matcher.candidate_limit(match candidates.keys.len() {
        1 => POSTGRES_WALKED_ROW_COST,
        _ => POSTGRES_GUESSED_WALKED_ROW_COST,
    });
    let estimate = candidates.estimate(conn)?;
    if estimate <= limit
        && let Some(found) = candidates.page(conn, sort, page, Some(limit))?
    {
        return Ok(Some(found));
    }
    let Some(ids) = postgres_walk(conn, matcher, filter, sort, page)? else {
        return candidates.page(conn, sort, page, None);
    };
    // Counting among the first rows reaches the cap only if at least one row in twenty
    // matches; below one in ten before the filters, the index is the surer way.
    let dense = estimate.saturating_mul(10) >= matcher.scope_rows;
    let mut matches = match dense {
        true => postgres_count_among_first(conn, matcher, filter, COMMON_SAMPLE_ROWS)?,
        false => 0,
    };
    if matches <= COUNT_CAP {
        matches = candidates.count_up_to(conn, COUNT_CAP)?;
    }
    Ok(Some(PostgresPage { ids, matches }))
}

/// How many rows of the sort order a walk reads at most for one page.
const WALK_ROWS: i64 = 20_000;

/// How many rows of storage order a common needle's count may read to reach the cap: its
/// matches must be at least one in twenty rows.
const COMMON_SAMPLE_ROWS: i64 = 20 * (COUNT_CAP + 1);

/// The needle's matches among the first `rows` filtered tenants in storage order, counted
/// up to one past the cap.
fn postgres_count_among_first(
    conn: &mut diesel::PgConnection,
    matcher: &Matcher,
    filter: &TenantFilter,
    rows: i64,
) -> Result<i64, StoreError> {
    let sql = format!(
        "SELECT count(*) AS n FROM ( \
             SELECT 1 FROM (SELECT t.search_text FROM tenants t WHERE TRUE{} LIMIT {rows}) s \
             WHERE {} LIMIT {} \
         ) c",
        filters_sql(filter, "$2"),
        like_sql("s.search_text", "$1"),
        COUNT_CAP + 1
    );
    let query = pattern_and_scope(sql, matcher, filter);
    Ok(query.get_result::<Count>(conn)?.n)
}

/// `sql` with `$1` bound to the needle's `LIKE` pattern and `$2` to the scope's subtree
/// pattern, as [`filters_sql`] placed it.
fn pattern_and_scope(sql: String, matcher: &Matcher, filter: &TenantFilter) -> PgSqlQuery {
    let query = diesel::sql_query(sql)
        .into_boxed::<diesel::pg::Pg>()
        .bind::<Text, _>(matcher.pattern.clone());
    match filter.scope.depth() > 1 {
        true => query.bind::<Text, _>(filter.scope.subtree_pattern()),
        false => query,
    }
}

/// One id, from raw SQL.
#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// One count, from raw SQL.
#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

type PgSqlQuery =
    diesel::query_builder::BoxedSqlQuery<'static, diesel::pg::Pg, diesel::query_builder::SqlQuery>;

/// The tenants the search-keys index finds for a needle under the list's filters.
struct PostgresCandidates<'a> {
    keys: Vec<String>,
    matcher: &'a Matcher,
    filter: &'a TenantFilter,
}

impl PostgresCandidates<'_> {
    /// How many tenants hold all the keys, by the planner's statistics. It knows frequent
    /// keys well; for several keys it multiplies their frequencies as if they were
    /// independent, which for the pairs of one word is too low, so a needle it takes for
    /// rare is still tried against the candidate limit.
    fn estimate(&self, conn: &mut diesel::PgConnection) -> Result<i64, StoreError> {
        #[derive(QueryableByName)]
        struct Line {
            #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
            line: String,
        }
        let plan = diesel::sql_query(
            "EXPLAIN SELECT 1 FROM tenants t WHERE landlord_search_keys(t.search_text) @> $1",
        )
        .bind::<diesel::sql_types::Array<Text>, _>(&self.keys)
        .load::<Line>(conn)?;
        // The top node comes first: "Bitmap Heap Scan on tenants t  (cost=… rows=58932 …)".
        Ok(plan
            .first()
            .and_then(|top| top.line.split(" rows=").nth(1))
            .and_then(|rest| rest.split(' ').next())
            .and_then(|rows| rows.parse().ok())
            .unwrap_or(0))
    }

    /// The matches, counted through the index up to one past `cap`.
    fn count_up_to(&self, conn: &mut diesel::PgConnection, cap: i64) -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT count(*) AS n FROM (SELECT 1 FROM tenants t WHERE {} LIMIT {}) c",
            self.condition(),
            cap + 1
        );
        let query = self.bind(diesel::sql_query(sql).into_boxed());
        Ok(planned_with(conn, BITMAP_SCANS_ONLY, |conn| {
            query.get_result::<Count>(conn)
        })?
        .n)
    }

    /// The page and the matches from all the candidates, or from up to `limit` of them;
    /// `None` when there are more than `limit`.
    ///
    /// One statement reads the candidates into a `MATERIALIZED` CTE (stopped one past the
    /// limit), then counts them and sorts the page out of them.
    fn page(
        &self,
        conn: &mut diesel::PgConnection,
        sort: Sort<TenantSortField>,
        page: PageRequest,
        limit: Option<i64>,
    ) -> Result<Option<PostgresPage>, StoreError> {
        #[derive(QueryableByName)]
        struct Found {
            #[diesel(sql_type = diesel::sql_types::Nullable<BigInt>)]
            id: Option<i64>,
            #[diesel(sql_type = BigInt)]
            matches: i64,
        }
        let (stop, within) = match limit {
            Some(limit) => (
                format!("LIMIT {}", limit + 1),
                format!("counted.matches <= {limit}"),
            ),
            None => (String::new(), String::from("TRUE")),
        };
        // `counted` always has one row, so the count survives an empty page (no match, or an
        // offset past the end). The page is only sorted when the candidates are all there is.
        let sql = format!(
            "WITH candidates AS MATERIALIZED ( \
                 SELECT t.id, t.name, t.domain, t.status, t.created_at, t.users_count \
                 FROM tenants t WHERE {} {stop} \
             ), counted AS (SELECT count(*) AS matches FROM candidates) \
             SELECT p.id, counted.matches FROM counted LEFT JOIN LATERAL ( \
                 SELECT t.id, t.name, t.domain, t.status, t.created_at, t.users_count \
                 FROM candidates t WHERE {within} \
                 ORDER BY {} LIMIT {} OFFSET {} \
             ) p ON TRUE \
             ORDER BY {}",
            self.condition(),
            order_by(sort),
            page.limit(),
            page.offset(),
            order_by(sort).replace("t.", "p."),
        );
        let query = self.bind(diesel::sql_query(sql).into_boxed());
        let found = planned_with(conn, BITMAP_SCANS_ONLY, |conn| query.load::<Found>(conn))?;
        let matches = found.first().map_or(0, |f| f.matches);
        if limit.is_some_and(|limit| matches > limit) {
            return Ok(None);
        }
        Ok(Some(PostgresPage {
            ids: found.into_iter().filter_map(|f| f.id).collect(),
            matches,
        }))
    }

    /// The keys, `LIKE` for longer needles (holding every pair of a needle is not
    /// containing it; the keys of shorter ones are exact), and the filters, on `tenants t`.
    fn condition(&self) -> String {
        let checks_like = self.checks_like();
        let mut placeholders = (2..).map(|n| format!("${n}"));
        let like = match checks_like {
            true => format!(
                " AND {}",
                like_sql("t.search_text", &placeholders.next().unwrap_or_default())
            ),
            false => String::new(),
        };
        let scope = placeholders.next().unwrap_or_default();
        format!(
            "landlord_search_keys(t.search_text) @> $1{like}{}",
            filters_sql(self.filter, &scope)
        )
    }

    fn checks_like(&self) -> bool {
        self.matcher.needle_chars >= 3
    }

    /// Binds [`Self::condition`]'s placeholders.
    fn bind(&self, query: PgSqlQuery) -> PgSqlQuery {
        let mut query = query.bind::<diesel::sql_types::Array<Text>, _>(self.keys.clone());
        if self.checks_like() {
            query = query.bind::<Text, _>(self.matcher.pattern.clone());
        }
        if self.filter.scope.depth() > 1 {
            query = query.bind::<Text, _>(self.filter.scope.subtree_pattern());
        }
        query
    }
}

/// PostgreSQL: the ids of a page of matches met walking the sort order, if the first
/// [`WALK_ROWS`] rows hold a full page.
///
/// The walk is spelled out, because the planner cannot estimate how many rows a substring
/// matches and, taking a common needle for a rare one, would read the whole table and sort
/// it: the filtered rows in the sort order as a subquery that `OFFSET 0` keeps from being
/// merged away, with only index scans allowed, checked with `LIKE` until the page is full.
fn postgres_walk(
    conn: &mut diesel::PgConnection,
    matcher: &Matcher,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    page: PageRequest,
) -> Result<Option<Vec<i64>>, StoreError> {
    let sql = format!(
        "SELECT t.id FROM ( \
             SELECT t.id, t.name, t.domain, t.status, t.created_at, t.users_count, t.search_text \
             FROM tenants t WHERE TRUE{} ORDER BY {} LIMIT {WALK_ROWS} OFFSET 0 \
         ) t WHERE {} ORDER BY {} LIMIT {} OFFSET {}",
        filters_sql(filter, "$2"),
        order_by(sort),
        like_sql("t.search_text", "$1"),
        order_by(sort),
        page.limit(),
        page.offset()
    );
    let query = pattern_and_scope(sql, matcher, filter);
    let ids = planned_with(conn, INDEX_SCANS_ONLY, |conn| query.load::<Id>(conn))?;
    Ok((ids.len() as i64 == page.limit()).then(|| ids.into_iter().map(|row| row.id).collect()))
}

/// The planner left only bitmap scans, which for the keys' conditions means the GIN index:
/// it cannot estimate how many rows a substring matches, and with a `LIMIT` a walk of another
/// index "stops early", which for a rare needle reads every row.
const BITMAP_SCANS_ONLY: &str = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off";

/// The planner left only index scans, i.e. walks in an index's order.
const INDEX_SCANS_ONLY: &str = "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off";

/// Runs `query` under `settings`, which `SET LOCAL` ends with the transaction.
///
/// Outside a transaction (every read), `BEGIN` and the settings go in one round trip, which
/// a search pays for up to twice per keystroke; inside one, a savepoint holds them.
fn planned_with<T>(
    conn: &mut diesel::PgConnection,
    settings: &str,
    query: impl FnOnce(&mut diesel::PgConnection) -> diesel::QueryResult<T>,
) -> Result<T, StoreError> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match AnsiTransactionManager::begin_transaction_sql(conn, &format!("BEGIN; {settings}")) {
        Err(diesel::result::Error::AlreadyInTransaction) => {
            return Ok(conn.transaction(|conn| {
                conn.batch_execute(settings)?;
                query(conn)
            })?);
        }
        Err(err) => {
            // The settings are constant, so only a lost connection fails here; should
            // `BEGIN` have run, the transaction must not outlive this call.
            let _ = conn.batch_execute("ROLLBACK");
            return Err(err.into());
        }
        Ok(()) => {}
    }
    let outcome = query(conn);
    match &outcome {
        Ok(_) => AnsiTransactionManager::commit_transaction(conn)?,
        Err(_) => AnsiTransactionManager::rollback_transaction(conn)?,
    }
    Ok(outcome?)
}

/// The same order as `tenants::order`.
pub(crate) fn order_by(sort: Sort<TenantSortField>) -> String {
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
    use super::{Sort, TenantSortField, order_by, phrase, postgres_keys};

    #[test]
    fn short_needles_are_one_key_and_longer_ones_their_distinct_pairs() {
        assert_eq!(postgres_keys("ü"), Some(vec!["ü".to_owned()]));
        assert_eq!(postgres_keys("zq"), Some(vec!["zq".to_owned()]));
        assert_eq!(
            postgres_keys("abab"),
            Some(vec!["ab".to_owned(), "ba".to_owned()])
        );
        assert_eq!(
            postgres_keys("a%_"),
            Some(vec!["%_".to_owned(), "a%".to_owned()])
        );
    }

    #[test]
    fn control_characters_never_become_keys() {
        assert_eq!(postgres_keys("a\u{1f}b"), Some(vec!["ab".to_owned()]));
        assert_eq!(postgres_keys("\u{1f}"), None);
    }

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
