//! What the orders, invoices and tickets endpoints share: scoping, sorting, listing,
//! fetching one row, and recording creations. Their handlers keep only what differs.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::routes::tenants::visible;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::wire::Page;
use landlord_domain::{Permission, TenantId};
use landlord_persistence::customer_records::{RecordFilter, RecordSort};
use landlord_persistence::models::{TenantRow, WithTenantName};
use landlord_persistence::{AnyConnection, StoreError};

/// The filter for a list: the caller's subtree, or one visible tenant of it.
pub(crate) fn filter(
    conn: &mut AnyConnection,
    principal: &Principal,
    tenant: Option<i64>,
    status: Option<&'static str>,
) -> ApiResult<RecordFilter> {
    if let Some(tenant) = tenant {
        visible(conn, principal, tenant)?;
    }
    Ok(RecordFilter {
        scope: principal.tenant_path.clone(),
        tenant: tenant.map(TenantId),
        status,
    })
}

/// Parses `sort` against a list's fields; the default is newest first.
pub(crate) fn sort(
    input: Option<&str>,
    fields: &[(&str, RecordSort)],
) -> ApiResult<Sort<RecordSort>> {
    match input {
        Some(s) => Sort::parse(s, fields).map_err(|e| ApiError::field("sort", "invalid_sort", e)),
        None => Ok(Sort {
            field: RecordSort::Date,
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

/// The body of every activity list: the customer filter checked against the caller's
/// subtree, then one page of rows as views.
pub(crate) struct ListRequest {
    pub tenant: Option<i64>,
    pub status: Option<&'static str>,
    pub sort: Sort<RecordSort>,
    pub page: PageRequest,
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

pub(crate) async fn list<R: Send + 'static, V>(
    state: &AppState,
    principal: Principal,
    request: ListRequest,
    load: Loader<R>,
    view: Viewer<R, V>,
) -> ApiResult<web::Json<Page<V>>> {
    principal.require(Permission::ActivityRead)?;
    let ListRequest {
        tenant,
        status,
        sort,
        page,
    } = request;
    let (rows, total) = state
        .read(move |conn| {
            let filter = filter(conn, &principal, tenant, status)?;
            Ok(load(conn, &filter, sort, page)?)
        })
        .await?;
    let items = rows
        .iter()
        .map(|row| row.to_view(view))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(web::Json(Page {
        items,
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// One row by id, if its tenant is within the caller's subtree; otherwise 404.
pub(crate) async fn get<R: Send + 'static, V>(
    state: &AppState,
    principal: Principal,
    id: i64,
    find: Finder<R>,
    tenant_of: fn(&R) -> i64,
    view: Viewer<R, V>,
    what: &'static str,
) -> ApiResult<web::Json<V>> {
    principal.require(Permission::ActivityRead)?;
    let row = state
        .read(move |conn| {
            let row = find(conn, id)?.ok_or(ApiError::NotFound(what))?;
            owner(conn, &principal, tenant_of(&row.row), what)?;
            Ok(row)
        })
        .await?;
    Ok(web::Json(row.to_view(view)?))
}

/// `201 Created` with the new row's location.
pub(crate) fn created<V: serde::Serialize>(collection: &str, id: i64, view: &V) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/{collection}/{id}"),
        ))
        .json(view)
}
