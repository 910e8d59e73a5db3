//! The rows of the Customers CSV export: the text of each chosen column, in the list's
//! order, with memory flat however many rows there are.
//!
//! SQLite streams one statement through its native interface (rusqlite, over the same
//! bundled library diesel links), and every cell is text that SQLite produces and the
//! caller borrows. Through diesel each row was decoded into owned strings, its timestamp
//! parsed against a format string, and every field went through the multi-backend
//! connection, which held the export to half of what SQLite itself reads.
//!
//! PostgreSQL reads diesel's rows in keyset batches ([`tenants::for_each`]) and formats
//! their cells here; there the database, not the decoding, is the bound.

use crate::models::ExportRow;
use crate::tenants::text_search;
use crate::tenants::{self, TenantFilter, TenantSortField};
use crate::{Database, StoreError};
use chrono::Datelike;
use landlord_domain::custom_property::{MAX_PROPERTIES, Values, parse_stored, value_text};
use landlord_domain::export::{ExportColumn, ExportField};
use landlord_domain::listing::Sort;
use rusqlite::types::ValueRef;
use std::fmt::Write;

/// At most one cell per column: [`landlord_domain::export::parse_fields`] refuses repeats.
const MAX_CELLS: usize = ExportColumn::ALL.len() + MAX_PROPERTIES;

/// Passes every row of the filtered, sorted list to `visit` as its cells, one per column in
/// `columns`' order; `visit` returns `false` to stop early.
pub fn for_each_record<E>(
    db: &Database,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    columns: &[ExportField],
    visit: impl FnMut(&[&str]) -> Result<bool, E>,
) -> Result<(), E>
where
    E: From<StoreError>,
{
    if columns.len() > MAX_CELLS {
        return Err(StoreError::Corrupt("an export column is listed twice".to_owned()).into());
    }
    match db.sqlite_file() {
        Some(file) => sqlite_records(file, filter, sort, columns, visit),
        None => db.read(|conn| diesel_records(conn, filter, sort, columns, visit)),
    }
}

/// SQLite: one statement, stepped row by row on a connection of its own. In WAL mode a
/// reader sees one snapshot for the whole statement and blocks no writer.
fn sqlite_records<E>(
    file: &str,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    columns: &[ExportField],
    mut visit: impl FnMut(&[&str]) -> Result<bool, E>,
) -> Result<(), E>
where
    E: From<StoreError>,
{
    use rusqlite::OpenFlags;
    // Not SQLITE_OPEN_CREATE: the database exists, and a mistyped path must not make one.
    let conn = rusqlite::Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(StoreError::from)?;
    conn.execute_batch("PRAGMA query_only = ON")
        .map_err(StoreError::from)?;
    // A custom property's cell is read from the tenant's values, parsed once per row.
    let cells: Vec<&str> = columns
        .iter()
        .map(|c| match c {
            ExportField::Own(column) => sqlite_cell(*column),
            ExportField::Property(_) => "t.custom_properties",
        })
        .collect();
    // `?1` is the search's LIKE pattern, where used, and `?2`, ... the filters' binds.
    let needle = filter.needle();
    let filters = text_search::filters_sql(filter, text_search::numbered("?", 2));
    let mut sql = format!(
        "SELECT {} FROM tenants t WHERE TRUE{}",
        cells.join(", "),
        filters.sql
    );
    if needle.is_some() {
        sql.push_str(" AND ");
        sql.push_str(&text_search::like_sql("t.search_text", "?1"));
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(&text_search::order_by(sort));
    let mut statement = conn.prepare(&sql).map_err(StoreError::from)?;
    if let Some(needle) = &needle {
        statement
            .raw_bind_parameter(1, text_search::pattern(needle))
            .map_err(StoreError::from)?;
    }
    for (index, text) in filters.binds.iter().enumerate() {
        statement
            .raw_bind_parameter(2 + index, text)
            .map_err(StoreError::from)?;
    }
    let mut rows = statement.raw_query();
    let mut property_texts: Vec<String> = Vec::new();
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let text_at = |index: usize| -> Result<&str, StoreError> {
            match row.get_ref(index).map_err(StoreError::from)? {
                ValueRef::Text(text) => std::str::from_utf8(text)
                    .map_err(|e| StoreError::Corrupt(format!("export cell: {e}"))),
                ValueRef::Null => Ok(""),
                other => Err(StoreError::Corrupt(format!(
                    "export cell of type {}",
                    other.data_type()
                ))),
            }
        };
        property_texts.clear();
        let mut values: Option<Values> = None;
        for (index, column) in columns.iter().enumerate() {
            if let ExportField::Property(key) = column {
                if values.is_none() {
                    values = Some(parse_stored(text_at(index)?));
                }
                let value = values.as_ref().and_then(|v| v.get(key));
                property_texts.push(value.map(value_text).unwrap_or_default());
            }
        }
        let mut properties = property_texts.iter();
        let mut cells = [""; MAX_CELLS];
        for (index, (cell, column)) in cells.iter_mut().zip(columns).enumerate() {
            *cell = match column {
                ExportField::Own(_) => text_at(index)?,
                ExportField::Property(_) => properties.next().map_or("", String::as_str),
            };
        }
        if !visit(&cells[..columns.len()])? {
            break;
        }
    }
    Ok(())
}

/// The SQLite expression for a column's cell, always text (or NULL for an empty cell).
/// Timestamps are stored as `YYYY-MM-DD HH:MM:SS[.fraction]` (diesel's format), so the
/// date is their first ten characters and the instant is rebuilt in RFC 3339 with
/// microseconds, as [`diesel_cell`] formats it.
fn sqlite_cell(column: ExportColumn) -> &'static str {
    match column {
        ExportColumn::Id => "CAST(t.id AS TEXT)",
        ExportColumn::Domain => "t.domain",
        ExportColumn::Name => "t.name",
        ExportColumn::Type => "t.tenant_type",
        ExportColumn::Status => "t.status",
        ExportColumn::Email => "COALESCE(t.contact_email, t.admin_email)",
        ExportColumn::ContactName => "t.contact_name",
        ExportColumn::ContactEmail => "t.contact_email",
        ExportColumn::ContactPhone => "t.contact_phone",
        ExportColumn::Country => "t.country",
        ExportColumn::WebAddress => "t.web_address",
        ExportColumn::SupportEmail => "t.support_email",
        ExportColumn::BillingEmail => "t.billing_email",
        ExportColumn::CompanySize => "t.company_size",
        ExportColumn::TimeZone => "t.time_zone",
        ExportColumn::Language => "t.language",
        ExportColumn::AdminFirstName => "t.admin_first_name",
        ExportColumn::AdminUsername => "t.admin_username",
        ExportColumn::AdminEmail => "t.admin_email",
        ExportColumn::ParentId => "CAST(t.parent_id AS TEXT)",
        ExportColumn::Users => "CAST(t.users_count AS TEXT)",
        ExportColumn::Orders => "CAST(t.orders_count AS TEXT)",
        ExportColumn::Invoices => "CAST(t.invoices_count AS TEXT)",
        ExportColumn::Tickets => "CAST(t.tickets_count AS TEXT)",
        ExportColumn::Created => "substr(t.created_at, 1, 10)",
        ExportColumn::CreatedAt => {
            "substr(t.created_at, 1, 10) || 'T' || substr(t.created_at, 12, 8) || '.' \
             || substr(substr(t.created_at, 21) || '000000', 1, 6) || 'Z'"
        }
    }
}

/// PostgreSQL: diesel's rows, each row's cells written into one reused buffer.
fn diesel_records<E>(
    conn: &mut crate::AnyConnection,
    filter: &TenantFilter,
    sort: Sort<TenantSortField>,
    columns: &[ExportField],
    mut visit: impl FnMut(&[&str]) -> Result<bool, E>,
) -> Result<(), E>
where
    E: From<StoreError>,
{
    let mut text = String::with_capacity(256);
    let mut ends = [0; MAX_CELLS];
    let with_properties = columns
        .iter()
        .any(|c| matches!(c, ExportField::Property(_)));
    tenants::for_each(conn, filter, sort, |row| {
        text.clear();
        let values = with_properties.then(|| parse_stored(&row.custom_properties));
        for (end, column) in ends.iter_mut().zip(columns) {
            match column {
                ExportField::Own(column) => diesel_cell(&mut text, row, *column),
                ExportField::Property(key) => {
                    if let Some(value) = values.as_ref().and_then(|v| v.get(key)) {
                        text.push_str(&value_text(value));
                    }
                }
            }
            *end = text.len();
        }
        let mut cells = [""; MAX_CELLS];
        let mut start = 0;
        for (cell, end) in cells.iter_mut().zip(&ends[..columns.len()]) {
            *cell = &text[start..*end];
            start = *end;
        }
        visit(&cells[..columns.len()])
    })
}

/// Appends a column's cell for `row` to `text`.
fn diesel_cell(text: &mut String, row: &ExportRow, column: ExportColumn) {
    // Writing into a String cannot fail.
    let _ = match column {
        ExportColumn::Id => write!(text, "{}", row.id),
        ExportColumn::Domain => text.write_str(&row.domain),
        ExportColumn::Name => text.write_str(&row.name),
        ExportColumn::Type => text.write_str(&row.tenant_type),
        ExportColumn::Status => text.write_str(&row.status),
        ExportColumn::Email => {
            text.write_str(row.contact_email.as_deref().unwrap_or(&row.admin_email))
        }
        ExportColumn::ContactName => text.write_str(optional(&row.contact_name)),
        ExportColumn::ContactEmail => text.write_str(optional(&row.contact_email)),
        ExportColumn::ContactPhone => text.write_str(optional(&row.contact_phone)),
        ExportColumn::Country => text.write_str(optional(&row.country)),
        ExportColumn::WebAddress => text.write_str(optional(&row.web_address)),
        ExportColumn::SupportEmail => text.write_str(optional(&row.support_email)),
        ExportColumn::BillingEmail => text.write_str(optional(&row.billing_email)),
        ExportColumn::CompanySize => text.write_str(optional(&row.company_size)),
        ExportColumn::TimeZone => text.write_str(optional(&row.time_zone)),
        ExportColumn::Language => text.write_str(optional(&row.language)),
        ExportColumn::AdminFirstName => text.write_str(optional(&row.admin_first_name)),
        ExportColumn::AdminUsername => text.write_str(&row.admin_username),
        ExportColumn::AdminEmail => text.write_str(&row.admin_email),
        ExportColumn::ParentId => match row.parent_id {
            Some(parent) => write!(text, "{parent}"),
            None => Ok(()),
        },
        ExportColumn::Users => write!(text, "{}", row.users_count),
        ExportColumn::Orders => write!(text, "{}", row.orders_count),
        ExportColumn::Invoices => write!(text, "{}", row.invoices_count),
        ExportColumn::Tickets => write!(text, "{}", row.tickets_count),
        // Not `format("%Y-%m-%d")`, which parses its pattern again for every cell.
        ExportColumn::Created => write!(
            text,
            "{:04}-{:02}-{:02}",
            row.created_at.year(),
            row.created_at.month(),
            row.created_at.day()
        ),
        ExportColumn::CreatedAt => text.write_str(
            &row.created_at
                .and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        ),
    };
}

fn optional(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or("")
}
