//! The mail outbox's claim: the one statement whose locking differs between backends.

use super::IdRow;
use crate::connection::AnyConnection;
use diesel::prelude::*;

/// Queued messages due at `{now}` whose claim, if any, has lapsed, oldest due first.
const DUE_MAILS: &str = "SELECT id FROM mail_messages \
     WHERE status = 'queued' AND next_attempt_at <= {now} \
       AND (locked_until IS NULL OR locked_until <= {now}) \
     ORDER BY next_attempt_at, id \
     LIMIT {limit}";

/// Reads the due messages. For claiming (`for_update`), PostgreSQL locks them `FOR UPDATE
/// SKIP LOCKED`, so concurrent claimers in other processes skip each other's rows; SQLite
/// has a single writer, so a claim inside its write transaction is already exclusive.
pub(crate) fn due_mails(
    conn: &mut AnyConnection,
    now: crate::Timestamp,
    limit: i64,
    for_update: bool,
) -> QueryResult<Vec<i64>> {
    use diesel::sql_types::{BigInt, Timestamp};
    let rows = match conn {
        AnyConnection::Sqlite(c) => {
            diesel::sql_query(DUE_MAILS.replace("{now}", "?1").replace("{limit}", "?2"))
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .load::<IdRow>(c)?
        }
        AnyConnection::Postgresql(c) => {
            let sql = DUE_MAILS.replace("{now}", "$1").replace("{limit}", "$2");
            let lock = if for_update {
                " FOR UPDATE SKIP LOCKED"
            } else {
                ""
            };
            diesel::sql_query(format!("{sql}{lock}"))
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .load::<IdRow>(c)?
        }
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}
