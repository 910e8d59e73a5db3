//! What a customer's orders, invoices and tickets share. Recording one: the customer must
//! be visible, a chosen number must be free, and the creation lands in the customer's audit
//! log. Reading them: a list within the caller's subtree (or one visible customer of it),
//! and one row whose customer is visible.

use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::{owner, visible};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::wire::Page;
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::customer_records::{RecordFilter, RecordSort};
use landlord_persistence::models::{TenantRow, WithTenantName};
use landlord_persistence::{AnyConnection, Database, StoreError};
use serde::Serialize;
use serde_json::json;

/// A unique-number violation, as a conflict naming the field.
pub(crate) fn number_taken(err: StoreError) -> OpError {
    match err {
        StoreError::Conflict(_) => OpError::conflict_field(
            ErrorCode::NumberTaken,
            "number",
            "this number is already used for this customer",
            "is already used for this customer",
        ),
        other => other.into(),
    }
}

/// Records the creation of a customer's row in the customer's audit log.
pub(crate) fn record_created<V: Serialize>(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    created: (AuditAction, AuditTarget, i64),
    view: &V,
) -> OpResult<()> {
    let (action, target, id) = created;
    record_change(
        tx,
        ctx,
        Change::new(action, tenant.tenant_id(), tenant.tenant_path())
            .target(target, id)
            .details(json!({ "after": view })),
    )
}

/// What a list of orders, invoices or tickets filters and sorts by; `S` is its status.
#[derive(Debug, Clone)]
pub struct RecordQuery<S> {
    /// Only this customer's rows; the customer must be visible.
    pub tenant: Option<i64>,
    pub status: Option<S>,
    /// `field` or `-field`, one of the list's sort fields; newest first when absent.
    pub sort: Option<String>,
}

impl<S> Default for RecordQuery<S> {
    fn default() -> Self {
        Self {
            tenant: None,
            status: None,
            sort: None,
        }
    }
}

/// How one kind of record is read: its list's sort fields, its storage, its view.
pub(crate) struct Records<R: 'static, V: 'static> {
    pub sort_fields: &'static [(&'static str, RecordSort)],
    pub load: Loader<R>,
    pub find: Finder<R>,
    pub tenant_of: fn(&R) -> i64,
    pub view: Viewer<R, V>,
    /// What a missing row is called in its "not found".
    pub what: &'static str,
}

type Loader<R> = fn(
    &mut AnyConnection,
    &RecordFilter,
    Sort<RecordSort>,
    PageRequest,
) -> Result<(Vec<WithTenantName<R>>, i64), StoreError>;
type Finder<R> = fn(&mut AnyConnection, i64) -> Result<Option<WithTenantName<R>>, StoreError>;
/// A row as the API shows it, given its tenant's name.
type Viewer<R, V> = fn(&R, &str) -> Result<V, StoreError>;

impl<R, V> Records<R, V> {
    /// One page of the rows of the caller's subtree (or of one visible customer).
    pub(crate) fn list(
        &self,
        db: &Database,
        ctx: &Context,
        query: RecordQuery<&'static str>,
        page: PageRequest,
    ) -> OpResult<Page<V>> {
        let caller = ctx.caller()?;
        caller.require(Permission::ActivityRead)?;
        let sort = match query.sort.as_deref() {
            Some(s) => Sort::parse(s, self.sort_fields)
                .map_err(|e| OpError::field("sort", "invalid_sort", e))?,
            None => Sort {
                field: RecordSort::Date,
                descending: true,
            },
        };
        let (rows, total) = db.read(|conn| {
            if let Some(tenant) = query.tenant {
                visible(conn, caller, tenant)?;
            }
            let filter = RecordFilter {
                scope: caller.tenant_path.clone(),
                tenant: query.tenant.map(TenantId),
                status: query.status,
            };
            OpResult::Ok((self.load)(conn, &filter, sort, page)?)
        })?;
        let items = rows
            .iter()
            .map(|row| row.to_view(self.view))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page::exact(items, total, page))
    }

    /// The row `id`, if its customer is within the caller's subtree.
    pub(crate) fn get(&self, db: &Database, ctx: &Context, id: i64) -> OpResult<V> {
        let caller = ctx.caller()?;
        caller.require(Permission::ActivityRead)?;
        let row = db.read(|conn| {
            let row = (self.find)(conn, id)?.ok_or(OpError::NotFound(self.what))?;
            owner(conn, caller, (self.tenant_of)(&row.row), self.what)?;
            OpResult::Ok(row)
        })?;
        Ok(row.to_view(self.view)?)
    }
}

impl<S: Copy> RecordQuery<S> {
    /// The query with its status as stored.
    pub(crate) fn stored(self, name: fn(S) -> &'static str) -> RecordQuery<&'static str> {
        RecordQuery {
            tenant: self.tenant,
            status: self.status.map(name),
            sort: self.sort,
        }
    }
}
