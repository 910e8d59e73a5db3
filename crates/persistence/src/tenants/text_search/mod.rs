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

mod postgres;
mod sqlite;

pub(crate) use postgres::postgres_search;
pub(crate) use sqlite::IndexedSearch;
use sqlite::{candidates, short_needle_query};

use super::query::{COUNT_CAP, TenantFilter, TenantSortField};
use crate::connection::Db;
use crate::schema::tenants;
use crate::{AnyConnection, StoreError};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use diesel::sqlite::Sqlite;
use landlord_domain::billing::BillingStateFilter;
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

pub(super) fn like(pattern: String) -> Condition {
    Box::new(tenants::search_text.like(pattern).escape('\\'))
}

/// The raw-SQL twin of [`like`]: `{text} LIKE {placeholder}` with the escape character
/// [`pattern`] uses, for statements the query builder cannot express.
pub(crate) fn like_sql(text: &str, placeholder: &str) -> String {
    format!("{text} LIKE {placeholder} ESCAPE '\\'")
}

/// An FTS5 string literal: the trigram tokenizer turns a phrase into its consecutive
/// trigrams, which match exactly the texts containing it.
pub(super) fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The list's filters in raw SQL, and the texts their placeholders are bound to, in order.
pub(crate) struct FiltersSql {
    /// Conditions on the table aliased `t`, each starting with ` AND`.
    pub sql: String,
    /// The subtree pattern and a custom property's key and value, where used.
    pub binds: Vec<String>,
}

/// Placeholders `{prefix}{first}`, `{prefix}{first + 1}`, ... (`$2`, `$3` for PostgreSQL,
/// `?2`, `?3` for SQLite's numbered ones).
pub(crate) fn numbered(prefix: &'static str, first: usize) -> impl FnMut() -> String {
    let mut next = first;
    move || {
        next += 1;
        format!("{prefix}{}", next - 1)
    }
}

/// The list's filters as [`FiltersSql`], taking each placeholder from `placeholder`. What
/// a caller typed (the subtree pattern, a custom property's key and value) is bound; the
/// rest is inline: enum names and integer ids.
pub(crate) fn filters_sql(
    filter: &TenantFilter,
    mut placeholder: impl FnMut() -> String,
) -> FiltersSql {
    let mut sql = String::new();
    let mut binds = Vec::new();
    if filter.scope.depth() > 1 {
        sql.push_str(&format!(" AND t.path LIKE {}", placeholder()));
        binds.push(filter.scope.subtree_pattern());
    }
    if let Some(property) = &filter.property {
        let (key, value) = (placeholder(), placeholder());
        sql.push_str(&format!(
            " AND t.id IN (SELECT v.tenant_id FROM tenant_property_values v \
             WHERE v.property_key = {key} AND v.folded_text = {value})"
        ));
        binds.push(property.key.clone());
        binds.push(property.folded.clone());
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
    // Inline like the enum names: `BillingStateFilter::parse` admits only `[a-z0-9_]` names.
    match &filter.billing_state {
        Some(BillingStateFilter::Overdue) => sql.push_str(" AND t.billing_state <> 'ok'"),
        Some(BillingStateFilter::Is(state)) => {
            sql.push_str(&format!(" AND t.billing_state = '{state}'"))
        }
        None => {}
    }
    FiltersSql { sql, binds }
}

/// One id, from raw SQL.
#[derive(QueryableByName)]
pub(super) struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// One count, from raw SQL.
#[derive(QueryableByName)]
pub(super) struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The same order as `tenants::order`.
pub(crate) fn order_by(sort: Sort<TenantSortField>) -> String {
    let direction = if sort.descending { " DESC" } else { " ASC" };
    sort.field
        .columns()
        .iter()
        .map(|c| format!("t.{c}{direction}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::postgres::postgres_keys;
    use super::{Sort, TenantSortField, order_by, phrase};

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
