//! What the orders, invoices and tickets operations share: scoping and sorting.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::routes::tenants::visible;
use landlord_domain::TenantId;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_persistence::AnyConnection;
use landlord_persistence::activity::{ActivityFilter, ActivitySort};
use landlord_persistence::models::TenantRow;

/// The filter for a list: the caller's subtree, or one visible tenant of it.
pub(crate) fn filter(
    conn: &mut AnyConnection,
    principal: &Principal,
    tenant: Option<i64>,
    status: Option<&'static str>,
) -> ApiResult<ActivityFilter> {
    if let Some(tenant) = tenant {
        visible(conn, principal, tenant)?;
    }
    Ok(ActivityFilter {
        scope: principal.tenant_path.clone(),
        tenant: tenant.map(TenantId),
        status,
    })
}

/// Parses `sort` against a list's fields; the default is newest first.
pub(crate) fn sort(
    input: Option<&str>,
    fields: &[(&str, ActivitySort)],
) -> ApiResult<Sort<ActivitySort>> {
    match input {
        Some(s) => Sort::parse(s, fields).map_err(|e| ApiError::field("sort", "invalid_sort", e)),
        None => Ok(Sort {
            field: ActivitySort::Date,
            descending: true,
        }),
    }
}

pub(crate) fn page(page: Option<u32>, per_page: Option<u32>) -> ApiResult<PageRequest> {
    PageRequest::parse(page, per_page)
        .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))
}

/// A row's tenant, if the caller may see it; otherwise the row is "not found".
pub(crate) fn owner(
    conn: &mut AnyConnection,
    principal: &Principal,
    tenant_id: i64,
    what: &'static str,
) -> ApiResult<TenantRow> {
    visible(conn, principal, tenant_id).map_err(|_| ApiError::NotFound(what))
}
