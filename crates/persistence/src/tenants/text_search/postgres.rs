//! PostgreSQL's side of the search: the GIN index of characters and pairs, the planner
//! asked for an estimate, and the page found from the candidates or by walking the sort order.

use super::*;

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
pub(super) fn postgres_count_among_first(
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
        filters_sql(filter, numbered("$", 2)).sql,
        like_sql("s.search_text", "$1"),
        COUNT_CAP + 1
    );
    let query = pattern_and_filters(sql, matcher, filter);
    Ok(query.get_result::<Count>(conn)?.n)
}

/// `sql` with `$1` bound to the needle's `LIKE` pattern and `$2`, ... to the filters' binds,
/// as [`filters_sql`] placed them from `$2` on.
pub(super) fn pattern_and_filters(
    sql: String,
    matcher: &Matcher,
    filter: &TenantFilter,
) -> PgSqlQuery {
    let mut query = diesel::sql_query(sql)
        .into_boxed::<diesel::pg::Pg>()
        .bind::<Text, _>(matcher.pattern.clone());
    for text in filters_sql(filter, numbered("$", 2)).binds {
        query = query.bind::<Text, _>(text);
    }
    query
}

pub(super) type PgSqlQuery =
    diesel::query_builder::BoxedSqlQuery<'static, diesel::pg::Pg, diesel::query_builder::SqlQuery>;

/// The tenants the search-keys index finds for a needle under the list's filters.
pub(super) struct PostgresCandidates<'a> {
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
        let like = match self.checks_like() {
            true => format!(" AND {}", like_sql("t.search_text", "$2")),
            false => String::new(),
        };
        format!(
            "landlord_search_keys(t.search_text) @> $1{like}{}",
            filters_sql(self.filter, self.filter_placeholders()).sql
        )
    }

    fn checks_like(&self) -> bool {
        self.matcher.needle_chars >= 3
    }

    /// The filters' placeholders follow the keys' (`$1`) and the pattern's (`$2`, if used).
    fn filter_placeholders(&self) -> impl FnMut() -> String {
        numbered("$", if self.checks_like() { 3 } else { 2 })
    }

    /// Binds [`Self::condition`]'s placeholders.
    fn bind(&self, query: PgSqlQuery) -> PgSqlQuery {
        let mut query = query.bind::<diesel::sql_types::Array<Text>, _>(self.keys.clone());
        if self.checks_like() {
            query = query.bind::<Text, _>(self.matcher.pattern.clone());
        }
        for text in filters_sql(self.filter, self.filter_placeholders()).binds {
            query = query.bind::<Text, _>(text);
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
pub(super) fn postgres_walk(
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
        filters_sql(filter, numbered("$", 2)).sql,
        order_by(sort),
        like_sql("t.search_text", "$1"),
        order_by(sort),
        page.limit(),
        page.offset()
    );
    let query = pattern_and_filters(sql, matcher, filter);
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
pub(super) fn planned_with<T>(
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
