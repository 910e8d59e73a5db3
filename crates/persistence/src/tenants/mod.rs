//! Tenant storage: lookups and changes (listing is [`listing`], substring search is [`text_search`]).
//! Scoping to a caller's subtree is the caller's `TenantPath` applied as a prefix filter.

mod listing;
mod query;
pub(crate) mod text_search;

pub(crate) use listing::for_each;
pub use listing::{Total, list};
pub use query::{COUNT_CAP, PropertyMatch, TenantFilter, TenantSortField};

use crate::models::{NewTenantRow, TenantRow};
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError, Timestamp, rollups};
use diesel::prelude::*;
use landlord_domain::tenant::{StatusReason, TenantPath};
use landlord_domain::{TenantId, TenantStatus, TenantType};

pub fn find(conn: &mut AnyConnection, id: TenantId) -> Result<Option<TenantRow>, StoreError> {
    Ok(t::tenants
        .find(id.0)
        .select(TenantRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_domain(
    conn: &mut AnyConnection,
    domain: &str,
) -> Result<Option<TenantRow>, StoreError> {
    Ok(t::tenants
        .filter(t::domain.eq(domain))
        .select(TenantRow::as_select())
        .first(conn)
        .optional()?)
}

/// Finds `id` only if it lies within `scope`; anything else is indistinguishable from absent.
pub fn find_within(
    conn: &mut AnyConnection,
    scope: &TenantPath,
    id: TenantId,
) -> Result<Option<TenantRow>, StoreError> {
    Ok(find(conn, id)?.filter(|row| scope.contains(&row.tenant_path())))
}

pub fn domain_taken(
    conn: &mut AnyConnection,
    domain: &str,
    except: Option<TenantId>,
) -> Result<bool, StoreError> {
    let mut query = t::tenants.filter(t::domain.eq(domain)).into_boxed();
    if let Some(except) = except {
        query = query.filter(t::id.ne(except.0));
    }
    Ok(query.count().get_result::<i64>(conn)? > 0)
}

/// Whether `tenant` and all its ancestors are active: suspending or deactivating a tenant
/// blocks its whole subtree. The tenant's own status is on its row, so only its ancestors
/// are read, and a top-level tenant (the management tenant) costs no query at all. This
/// runs on every authenticated request.
pub fn accessible(conn: &mut AnyConnection, tenant: &TenantRow) -> Result<bool, StoreError> {
    if tenant.status()? != TenantStatus::Active {
        return Ok(false);
    }
    let ancestors: Vec<i64> = tenant
        .tenant_path()
        .ids()
        .into_iter()
        .map(|id| id.0)
        .filter(|id| *id != tenant.id)
        .collect();
    if ancestors.is_empty() {
        return Ok(true);
    }
    let blocked = t::tenants
        .filter(t::id.eq_any(&ancestors))
        .filter(t::status.ne(TenantStatus::Active.as_str()))
        .count()
        .get_result::<i64>(conn)?;
    Ok(blocked == 0)
}

/// Inserts a tenant under `parent` (or as the root) and sets its path.
pub fn insert(
    conn: &mut AnyConnection,
    parent: Option<&TenantPath>,
    mut row: NewTenantRow,
) -> Result<TenantRow, StoreError> {
    row.path = String::from("/pending/");
    let id: i64 = diesel::insert_into(t::tenants)
        .values(&row)
        .returning(t::id)
        .get_result(conn)?;
    let path = match parent {
        Some(parent) => parent.child(TenantId(id)),
        None => TenantPath::root(TenantId(id)),
    };
    diesel::update(t::tenants.find(id))
        .set(t::path.eq(path.as_str()))
        .execute(conn)?;
    let kind = TenantType::parse(&row.tenant_type)
        .ok_or_else(|| StoreError::Corrupt(format!("tenant type {:?}", row.tenant_type)))?;
    let status = TenantStatus::parse(&row.status)
        .ok_or_else(|| StoreError::Corrupt(format!("tenant status {:?}", row.status)))?;
    rollups::tenant_created(conn, TenantId(id), &path, kind, status)?;
    find(conn, TenantId(id))?.ok_or(StoreError::NotFound)
}

/// The new values of a tenant's editable properties.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = crate::schema::tenants, treat_none_as_null = true)]
pub struct TenantProperties {
    pub domain: String,
    pub name: String,
    pub tenant_type: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub allow_subtenants: bool,
    pub search_text: String,
    pub updated_at: Timestamp,
    pub contact_address: Option<String>,
    pub country: Option<String>,
    pub billing_payment_method: Option<String>,
    pub billing_address: Option<String>,
    pub web_address: Option<String>,
    pub support_email: Option<String>,
    pub billing_email: Option<String>,
    pub company_size: Option<String>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub admin_first_name: Option<String>,
    pub limit_http_requests: Option<i64>,
    pub limit_http_queue: Option<i64>,
}

impl TenantProperties {
    /// Whether these are exactly the row's current properties (`updated_at` aside).
    pub fn same_as(&self, row: &TenantRow) -> bool {
        self.domain == row.domain
            && self.name == row.name
            && self.tenant_type == row.tenant_type
            && self.contact_name == row.contact_name
            && self.contact_email == row.contact_email
            && self.contact_phone == row.contact_phone
            && self.allow_subtenants == row.allow_subtenants
            && self.contact_address == row.contact_address
            && self.country == row.country
            && self.billing_payment_method == row.billing_payment_method
            && self.billing_address == row.billing_address
            && self.web_address == row.web_address
            && self.support_email == row.support_email
            && self.billing_email == row.billing_email
            && self.company_size == row.company_size
            && self.time_zone == row.time_zone
            && self.language == row.language
            && self.admin_first_name == row.admin_first_name
            && self.limit_http_requests == row.limit_http_requests
            && self.limit_http_queue == row.limit_http_queue
    }
}

pub fn update_properties(
    conn: &mut AnyConnection,
    row: &TenantRow,
    properties: &TenantProperties,
) -> Result<TenantRow, StoreError> {
    let id = row.tenant_id();
    if let (Some(from), Some(to)) = (
        TenantType::parse(&row.tenant_type),
        TenantType::parse(&properties.tenant_type),
    ) {
        rollups::tenant_type_changed(conn, &row.tenant_path(), row.status()?, from, to)?;
    }
    diesel::update(t::tenants.find(id.0))
        .set(properties)
        .execute(conn)?;
    find(conn, id)?.ok_or(StoreError::NotFound)
}

/// Moves the tenant to `status`; `reason` says why when it is suspended (and is cleared
/// otherwise).
pub fn set_status(
    conn: &mut AnyConnection,
    id: TenantId,
    status: TenantStatus,
    reason: Option<StatusReason>,
    now: Timestamp,
) -> Result<TenantRow, StoreError> {
    let row = find(conn, id)?.ok_or(StoreError::NotFound)?;
    rollups::tenant_status_changed(
        conn,
        &row.tenant_path(),
        row.tenant_type()?,
        row.status()?,
        status,
    )?;
    diesel::update(t::tenants.find(id.0))
        .set((
            t::status.eq(status.as_str()),
            t::status_reason.eq(reason
                .filter(|_| status == TenantStatus::Suspended)
                .map(StatusReason::as_str)),
            t::updated_at.eq(now),
        ))
        .execute(conn)?;
    find(conn, id)?.ok_or(StoreError::NotFound)
}

/// Records the tenant's billing state (`ok` or a dunning state's name).
pub fn set_billing_state(
    conn: &mut AnyConnection,
    id: TenantId,
    state: &str,
) -> Result<(), StoreError> {
    diesel::update(t::tenants.find(id.0))
        .set(t::billing_state.eq(state))
        .execute(conn)?;
    Ok(())
}

/// Deletes the tenant at `path` and its whole subtree; their users and audit logs go with
/// them through the foreign keys' cascades. Returns how many tenants were deleted.
pub fn delete_subtree(
    conn: &mut AnyConnection,
    id: TenantId,
    path: &TenantPath,
) -> Result<usize, StoreError> {
    rollups::subtree_deleting(conn, id, path)?;
    crate::billing::recurring_counts::subtree_deleting(conn, path)?;
    // Counted first: rows removed by the parent_id cascade are not in the DELETE's own count.
    let count = t::tenants
        .filter(t::path.like(path.subtree_pattern()))
        .count()
        .get_result::<i64>(conn)?;
    diesel::delete(t::tenants.filter(t::path.like(path.subtree_pattern()))).execute(conn)?;
    Ok(count as usize)
}

pub fn count_all(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(t::tenants.count().get_result(conn)?)
}
