//! The customers list as CSV: the list's filters and order, every match, streamed.

use super::list::TenantQuery;
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::Permission;
use landlord_domain::csv_cell::neutralise;
use landlord_domain::export::{ExportColumn, ExportField, parse_fields};
use landlord_domain::listing::Sort;
use landlord_persistence::Database;
use landlord_persistence::export as store;
use landlord_persistence::tenants::{TenantFilter, TenantSortField};
use std::io::{ErrorKind, Write};

/// An export the caller may run, with its columns chosen: checked before the answer
/// starts, so every refusal is still a problem document and not a broken download.
#[derive(Debug)]
pub struct Export {
    filter: TenantFilter,
    sort: Sort<TenantSortField>,
    columns: Vec<ExportField>,
}

/// Checks the caller, the query and `columns` (comma-separated names, each once: the
/// tenant's own columns and `custom.<key>` for the library's properties; the default
/// columns when absent) for an export of the customers list.
pub fn export(
    db: &Database,
    ctx: &Context,
    query: TenantQuery,
    columns: Option<&str>,
) -> OpResult<Export> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let columns = match columns {
        Some(list) => {
            let library: Vec<String> = db
                .read(landlord_persistence::custom_properties::all)?
                .into_iter()
                .map(|p| p.key)
                .collect();
            parse_fields(list, &library)
                .map_err(|e| OpError::field("columns", "invalid_columns", e))?
        }
        None => ExportColumn::DEFAULT.map(ExportField::Own).to_vec(),
    };
    let (filter, sort) = query.resolve(db, caller)?;
    Ok(Export {
        filter,
        sort,
        columns,
    })
}

impl Export {
    /// Writes the CSV (RFC 4180, a header of column keys, then every row in the list's
    /// order with formula-like cells neutralised) to `out` as the rows are read, so memory
    /// stays flat however many there are. Blocking. When `out` fails with
    /// [`ErrorKind::BrokenPipe`] (whoever reads it has gone) the export stops quietly.
    pub fn write_csv(&self, db: &Database, out: impl Write) -> OpResult<()> {
        let mut out = csv::Writer::from_writer(out);
        // `Ok(false)` once the reader has gone: the export stops.
        let written = |result: csv::Result<()>| match result {
            Ok(()) => Ok(true),
            Err(e) if reader_gone(&e) => Ok(false),
            Err(e) => Err(OpError::Internal(e.to_string())),
        };
        if !written(out.write_record(self.columns.iter().map(|c| c.key().into_owned())))? {
            return Ok(());
        }
        store::for_each_record(db, &self.filter, self.sort, &self.columns, |cells| {
            for cell in cells {
                if !written(out.write_field(neutralise(cell).as_bytes()))? {
                    return Ok(false);
                }
            }
            written(out.write_record(None::<&[u8]>))
        })?;
        match out.flush() {
            Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(OpError::Internal(e.to_string())),
            _ => Ok(()),
        }
    }
}

/// Whether writing failed because the reader stopped reading.
fn reader_gone(err: &csv::Error) -> bool {
    matches!(err.kind(), csv::ErrorKind::Io(io) if io.kind() == ErrorKind::BrokenPipe)
}
