//! The customers list: the tenants of the caller's subtree, filtered, sorted and paged.

use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use landlord_domain::billing::BillingStateFilter;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::wire::{Page, TenantView};
use landlord_domain::{Permission, TenantId, TenantStatus, TenantType};
use landlord_persistence::Database;
use landlord_persistence::tenants::{self as store, TenantFilter, TenantSortField};

/// What the list and its export filter and sort by, as the caller asked; both read the
/// same rows because both resolve this one query.
#[derive(Debug, Clone, Default)]
pub struct TenantQuery {
    /// Case-insensitive substring of the name, domain, contact email or admin email.
    pub q: Option<String>,
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// Only direct children of this tenant.
    pub parent: Option<i64>,
    /// Also the caller's own tenant (by default only its customers, the tenants below it).
    pub include_self: bool,
    /// `overdue` (any dunning state) or one billing state's name (`ok`, `suspended`, ...).
    pub billing_state: Option<String>,
    /// `field` or `-field`, a field of `TenantSortField::NAMES`; newest first when absent.
    pub sort: Option<String>,
}

impl TenantQuery {
    /// The storage filter within `caller`'s subtree, and the order; a bad `sort` is a
    /// validation error naming it.
    pub(crate) fn resolve(
        self,
        caller: &Caller,
    ) -> OpResult<(TenantFilter, Sort<TenantSortField>)> {
        let sort = match self.sort.as_deref() {
            Some(s) => Sort::parse(s, &TenantSortField::NAMES)
                .map_err(|e| OpError::field("sort", "invalid_sort", e))?,
            None => Sort {
                field: TenantSortField::CreatedAt,
                descending: true,
            },
        };
        let filter = TenantFilter {
            scope: caller.tenant_path.clone(),
            include_self: self.include_self,
            q: self.q,
            tenant_type: self.tenant_type,
            status: self.status,
            parent: self.parent.map(TenantId),
            billing_state: self
                .billing_state
                .as_deref()
                .map(BillingStateFilter::parse)
                .transpose()
                .map_err(|_| {
                    OpError::field(
                        "billing_state",
                        "invalid_billing_state",
                        "must be overdue, ok or a dunning state's name",
                    )
                })?,
        };
        Ok((filter, sort))
    }
}

/// One page of the caller's customers, each with the `allowed_actions` the caller may
/// take on it. A search's total is capped (`total_exact: false` beyond the cap).
pub fn list(
    db: &Database,
    ctx: &Context,
    query: TenantQuery,
    page: PageRequest,
) -> OpResult<Page<TenantView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let (filter, sort) = query.resolve(caller)?;
    let (rows, total) = db.read(|conn| store::list(conn, &filter, sort, page))?;
    let rules = caller.tenant_rules();
    let items = rows
        .iter()
        .map(|row| Ok(row.to_view()?.seen_by(rules)))
        .collect::<OpResult<Vec<_>>>()?;
    Ok(Page {
        items,
        total: total.count,
        total_exact: total.exact,
        page: page.page,
        per_page: page.per_page,
    })
}
