//! The customers list: the tenants of the caller's subtree, filtered, sorted and paged.

use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use landlord_domain::billing::BillingStateFilter;
use landlord_domain::custom_property::{ConditionError, PropertyCondition, PropertyType};
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::wire::{Page, TenantView};
use landlord_domain::{Permission, TenantId, TenantStatus, TenantType};
use landlord_persistence::Database;
use landlord_persistence::custom_properties;
use landlord_persistence::tenants::{self as store, PropertyMatch, TenantFilter, TenantSortField};

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
    /// `key:value`: only tenants whose value of this custom property is `value` (see
    /// [`PropertyCondition`]).
    pub property: Option<String>,
}

impl TenantQuery {
    /// The storage filter within `caller`'s subtree, and the order; a bad `sort` or
    /// `property` is a validation error naming it.
    pub(crate) fn resolve(
        self,
        db: &Database,
        caller: &Caller,
    ) -> OpResult<(TenantFilter, Sort<TenantSortField>)> {
        let property = match self.property.as_deref() {
            Some(text) => Some(property_match(db, text)?),
            None => None,
        };
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
            property,
        };
        Ok((filter, sort))
    }
}

/// `key:value` as storage matches it: the key of a property in the library, and the value
/// read as that property's type and folded.
fn property_match(db: &Database, text: &str) -> OpResult<PropertyMatch> {
    let invalid = |e: ConditionError| OpError::field("property", "invalid_property", e);
    let condition = PropertyCondition::parse(text).map_err(invalid)?;
    let key = condition.key.as_str();
    let row = db
        .read(|conn| custom_properties::find(conn, key))?
        .ok_or_else(|| {
            OpError::field(
                "property",
                "unknown_property",
                format!("{key} is not a property in the library (GET /custom-properties)"),
            )
        })?;
    let property_type = PropertyType::parse(&row.property_type)
        .ok_or_else(|| OpError::Internal(format!("property {key} has an unknown type")))?;
    Ok(PropertyMatch {
        key: row.key,
        folded: condition.folded_value(property_type).map_err(invalid)?,
    })
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
    let (filter, sort) = query.resolve(db, caller)?;
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
