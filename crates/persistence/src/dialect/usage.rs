//! The usage ingestion's statements, where each backend has its fastest (or only) form: new
//! events and distinct values inserted in bulk while learning which were new, and the daily
//! rollups merged.

use crate::connection::AnyConnection;
use diesel::prelude::*;

/// Inserts usage events unless their id is stored already; answers the ids it added.
/// PostgreSQL: one multi-row `INSERT ... ON CONFLICT DO NOTHING RETURNING id` (a concurrent
/// batch inserting the same id makes this one wait for it to commit, then skip the id).
/// SQLite: its single writer holds the write lock for the whole transaction, so the stored
/// ids are read first and the others inserted in one multi-row statement (diesel's
/// multi-row `RETURNING` under `INSERT OR IGNORE` fails there when an ignored row is last).
pub(crate) fn insert_events_returning_new(
    conn: &mut AnyConnection,
    rows: &[crate::usage::events::NewEventRow],
) -> QueryResult<Vec<String>> {
    use crate::schema::usage_events::dsl as e;
    match conn {
        AnyConnection::Sqlite(c) => {
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let stored: std::collections::HashSet<String> = e::usage_events
                .filter(e::id.eq_any(&ids))
                .select(e::id)
                .load::<String>(c)?
                .into_iter()
                .collect();
            let new: Vec<&crate::usage::events::NewEventRow> =
                rows.iter().filter(|r| !stored.contains(&r.id)).collect();
            if !new.is_empty() {
                diesel::insert_into(e::usage_events)
                    .values(new.iter().copied().cloned().collect::<Vec<_>>())
                    .execute(c)?;
            }
            Ok(new.into_iter().map(|r| r.id.clone()).collect())
        }
        AnyConnection::Postgresql(c) => diesel::insert_into(e::usage_events)
            .values(rows)
            .on_conflict_do_nothing()
            .returning(e::id)
            .get_results::<String>(c),
    }
}

/// Records unique_count property values unless stored already; answers the ones it added
/// (PostgreSQL: one `ON CONFLICT DO NOTHING RETURNING`; SQLite: `INSERT OR IGNORE` row by
/// row under its single writer, as [`insert_events_returning_new`] explains).
pub(crate) fn insert_distinct_returning_new(
    conn: &mut AnyConnection,
    rows: &[crate::usage::events::DistinctRow],
) -> QueryResult<Vec<crate::usage::events::DistinctRow>> {
    use crate::schema::usage_distinct::dsl as u;
    match conn {
        AnyConnection::Sqlite(c) => {
            let mut added = Vec::new();
            for row in rows {
                if diesel::insert_or_ignore_into(u::usage_distinct)
                    .values(row)
                    .execute(c)?
                    == 1
                {
                    added.push(row.clone());
                }
            }
            Ok(added)
        }
        AnyConnection::Postgresql(c) => diesel::insert_into(u::usage_distinct)
            .values(rows)
            .on_conflict_do_nothing()
            .returning((u::tenant_id, u::meter_key, u::day, u::value))
            .get_results::<crate::usage::events::DistinctRow>(c),
    }
}

/// Merges a batch's figure into a daily usage row, creating it if needed: one `INSERT ...
/// ON CONFLICT DO UPDATE` whose SQL both backends read alike (`$n` placeholders are numbered
/// parameters on PostgreSQL and named ones, bound in order, on SQLite; CASE rather than
/// `MAX`/`GREATEST`, which differ).
pub(crate) fn merge_usage_day(
    conn: &mut AnyConnection,
    row: &crate::usage::daily::DailyRow,
    how: crate::usage::daily::Merge,
    gauge: bool,
) -> QueryResult<usize> {
    use crate::usage::daily::Merge;
    use diesel::sql_types::{BigInt, Date, Double, Nullable, Text, Timestamp};
    const OLD: &str = "usage_daily";
    let merged = match how {
        Merge::Add => format!("{OLD}.value + excluded.value"),
        Merge::Max => format!(
            "CASE WHEN excluded.value > {OLD}.value THEN excluded.value ELSE {OLD}.value END"
        ),
        Merge::Latest => format!(
            "CASE WHEN excluded.last_at >= {OLD}.last_at THEN excluded.value ELSE {OLD}.value END"
        ),
        Merge::Replace => "excluded.value".to_owned(),
    };
    // A gauge's peak: the highest reading (latest, max) or the highest running figure.
    let candidate = match how {
        Merge::Add => merged.clone(),
        Merge::Max | Merge::Latest | Merge::Replace => "excluded.peak".to_owned(),
    };
    let peak = if gauge {
        format!(
            "CASE WHEN {OLD}.peak IS NULL OR ({candidate}) > {OLD}.peak THEN ({candidate}) ELSE {OLD}.peak END"
        )
    } else {
        format!("{OLD}.peak")
    };
    let sql = format!(
        "INSERT INTO usage_daily (tenant_id, meter_key, day, value, peak, last_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (tenant_id, meter_key, day) DO UPDATE SET value = {merged}, peak = {peak}, \
         last_at = CASE WHEN excluded.last_at > {OLD}.last_at THEN excluded.last_at ELSE {OLD}.last_at END"
    );
    macro_rules! run {
        ($c:expr) => {
            diesel::sql_query(sql.as_str())
                .bind::<BigInt, _>(row.tenant_id)
                .bind::<Text, _>(&row.meter_key)
                .bind::<Date, _>(row.day)
                .bind::<Double, _>(row.value)
                .bind::<Nullable<Double>, _>(row.peak)
                .bind::<Timestamp, _>(row.last_at)
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => run!(c),
        AnyConnection::Postgresql(c) => run!(c),
    }
}

/// Inserts daily usage rows, many per statement, skipping days that have one.
pub(crate) fn insert_daily_rows(
    conn: &mut AnyConnection,
    rows: &[crate::usage::daily::DailyRow],
) -> QueryResult<usize> {
    use crate::schema::usage_daily::dsl as d;
    macro_rules! insert {
        ($c:expr) => {
            diesel::insert_into(d::usage_daily)
                .values(rows)
                .on_conflict_do_nothing()
                .execute($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => insert!(c),
        AnyConnection::Postgresql(c) => insert!(c),
    }
}

/// Per tenant and meter in a subtree, a range's summed value, last day's value and highest
/// peak: the days grouped, then joined back to each group's last day. Written once (`$n`
/// placeholders read alike on both backends), matched per backend only because
/// `sql_query` runs on a concrete connection.
pub(crate) fn usage_range_figures(
    conn: &mut AnyConnection,
    subtree_pattern: &str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> QueryResult<Vec<crate::usage::table::RangeFigures>> {
    use diesel::sql_types::{Date, Text};
    const SQL: &str = "SELECT g.tenant_id, g.meter_key, g.total, l.value AS last, g.peak \
         FROM (SELECT d.tenant_id, d.meter_key, SUM(d.value) AS total, MAX(d.peak) AS peak, \
                      MAX(d.day) AS last_day \
               FROM usage_daily d JOIN tenants t ON t.id = d.tenant_id \
               WHERE d.day >= $1 AND d.day <= $2 AND t.path LIKE $3 \
               GROUP BY d.tenant_id, d.meter_key) g \
         JOIN usage_daily l ON l.tenant_id = g.tenant_id AND l.meter_key = g.meter_key \
              AND l.day = g.last_day";
    macro_rules! run {
        ($c:expr) => {
            diesel::sql_query(SQL)
                .bind::<Date, _>(from)
                .bind::<Date, _>(to)
                .bind::<Text, _>(subtree_pattern)
                .load($c)
        };
    }
    match conn {
        AnyConnection::Sqlite(c) => run!(c),
        AnyConnection::Postgresql(c) => run!(c),
    }
}
