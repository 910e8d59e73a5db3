//! The retention purge's deletions: one tenant's entries of one kind older than a cutoff.

use crate::schema::audit_events::dsl as a;
use crate::schema::tenant_notifications::dsl as n;
use crate::schema::usage_events::dsl as e;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

/// `prefix` as a LIKE pattern matching what starts with it.
fn starts_with(prefix: &str) -> String {
    let mut pattern = String::with_capacity(prefix.len() + 1);
    for c in prefix.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Deletes the tenant's audit entries from before `cutoff` (whose action starts with
/// `action_prefix`, if given).
pub fn purge_audit(
    conn: &mut AnyConnection,
    tenant: i64,
    cutoff: Timestamp,
    action_prefix: Option<&str>,
) -> Result<usize, StoreError> {
    let old = a::audit_events
        .filter(a::tenant_id.eq(tenant))
        .filter(a::occurred_at.lt(cutoff));
    Ok(match action_prefix {
        Some(prefix) => {
            diesel::delete(old.filter(a::action.like(starts_with(prefix)).escape('\\')))
                .execute(conn)?
        }
        None => diesel::delete(old).execute(conn)?,
    })
}

/// Deletes the tenant's usage events received before `cutoff` (of `meter`, if given).
pub fn purge_usage_events(
    conn: &mut AnyConnection,
    tenant: i64,
    cutoff: Timestamp,
    meter: Option<&str>,
) -> Result<usize, StoreError> {
    let old = e::usage_events
        .filter(e::tenant_id.eq(tenant))
        .filter(e::received_at.lt(cutoff));
    Ok(match meter {
        Some(meter) => diesel::delete(old.filter(e::meter_key.eq(meter))).execute(conn)?,
        None => diesel::delete(old).execute(conn)?,
    })
}

/// Deletes the tenant's notifications created before `cutoff` (of `kind`, if given).
pub fn purge_notifications(
    conn: &mut AnyConnection,
    tenant: i64,
    cutoff: Timestamp,
    kind: Option<&str>,
) -> Result<usize, StoreError> {
    let old = n::tenant_notifications
        .filter(n::tenant_id.eq(tenant))
        .filter(n::created_at.lt(cutoff));
    Ok(match kind {
        Some(kind) => diesel::delete(old.filter(n::kind.eq(kind))).execute(conn)?,
        None => diesel::delete(old).execute(conn)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_pattern_escapes_wildcards() {
        assert_eq!(starts_with("auth."), "auth.%");
        assert_eq!(starts_with("a_b%"), "a\\_b\\%%");
    }
}
