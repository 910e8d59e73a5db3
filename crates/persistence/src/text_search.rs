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
//! index first. A needle with few candidates is answered from them (a few lookups and a small
//! sort); a common one walks the sort index and checks each row, which finds a page quickly
//! precisely because most rows match.

use crate::connection::Db;
use crate::schema::tenants;
use crate::{AnyConnection, StoreError};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use landlord_domain::listing::escape_like;

/// With at most this many index candidates, a page is answered from them: this many row
/// lookups and a small sort, a few milliseconds.
const PAGE_CANDIDATES: i64 = 2_000;

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
}

impl Matcher {
    /// Prepares the search for `needle` (already trimmed and lowercased, not empty).
    pub fn new(conn: &mut AnyConnection, needle: &str) -> Result<Self, StoreError> {
        let pattern = format!("%{}%", escape_like(needle));
        let AnyConnection::Sqlite(conn) = conn else {
            return Ok(Self {
                pattern,
                index: None,
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
        Ok(Self { pattern, index })
    }

    /// The condition for listing a page: the index when it narrows to few rows, otherwise
    /// the row-by-row check, which lets the database walk the sort index and stop early
    /// (a needle with many candidates matches often).
    pub(crate) fn for_page(&self) -> Condition {
        match &self.index {
            Some((query, candidates)) if *candidates <= PAGE_CANDIDATES => in_index(query),
            _ => self.like(),
        }
    }

    /// The condition for counting: the index whenever it can answer cheaply, since it
    /// skips the rows that cannot match.
    pub(crate) fn for_count(&self) -> Condition {
        match &self.index {
            Some((query, _)) => in_index(query),
            None => self.like(),
        }
    }

    fn like(&self) -> Condition {
        Box::new(tenants::search_text.like(self.pattern.clone()).escape('\\'))
    }
}

/// `tenants.id` among the index's answers to `query`.
fn in_index(query: &str) -> Condition {
    Box::new(
        diesel::dsl::sql::<Bool>(
            "tenants.id IN (SELECT rowid FROM tenant_search WHERE tenant_search MATCH ",
        )
        .bind::<Text, _>(query.to_owned())
        .sql(")"),
    )
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

#[cfg(test)]
mod tests {
    use super::phrase;

    #[test]
    fn phrases_double_their_quotes() {
        assert_eq!(phrase(r#"a"b"#), r#""a""b""#);
        assert_eq!(phrase("acme"), "\"acme\"");
    }
}
