//! Rows as stored, and their conversion to the API's wire types.

use crate::schema::{audit_events, tenants, users};
use crate::{StoreError, Timestamp};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use landlord_domain::custom_property::parse_stored;
use landlord_domain::rate_limit::{LimitSettings, LimitedTenant};
use landlord_domain::tenant::settings::CompanySize;
use landlord_domain::tenant::{StatusReason, TenantPath};
use landlord_domain::user::UserStatus;
use landlord_domain::wire::{AuditEntryView, TenantView, UserView};
use landlord_domain::{Role, TenantId, TenantStatus, TenantType};

fn utc(ts: Timestamp) -> DateTime<Utc> {
    ts.and_utc()
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tenants)]
pub struct TenantRow {
    pub id: i64,
    pub domain: String,
    pub name: String,
    pub tenant_type: String,
    pub status: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub admin_username: String,
    pub admin_email: String,
    pub allow_subtenants: bool,
    pub search_text: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub contact_address: Option<String>,
    pub country: Option<String>,
    pub billing_payment_method: Option<String>,
    pub billing_address: Option<String>,
    pub users_count: i64,
    pub orders_count: i64,
    pub invoices_count: i64,
    pub tickets_count: i64,
    pub billing_state: String,
    pub status_reason: Option<String>,
    pub web_address: Option<String>,
    pub support_email: Option<String>,
    pub billing_email: Option<String>,
    pub company_size: Option<String>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub admin_first_name: Option<String>,
    pub limit_http_requests: Option<i64>,
    pub limit_http_queue: Option<i64>,
    /// The custom property values, a JSON object.
    pub custom_properties: String,
}

/// The columns a CSV export can show: a tenant without its search text, path, addresses
/// and change time, which an export of a million rows would otherwise read and decode for
/// nothing.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tenants)]
pub struct ExportRow {
    pub id: i64,
    pub domain: String,
    pub name: String,
    pub tenant_type: String,
    pub status: String,
    pub parent_id: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub admin_username: String,
    pub admin_email: String,
    pub created_at: Timestamp,
    pub country: Option<String>,
    pub users_count: i64,
    pub orders_count: i64,
    pub invoices_count: i64,
    pub tickets_count: i64,
    pub web_address: Option<String>,
    pub support_email: Option<String>,
    pub billing_email: Option<String>,
    pub company_size: Option<String>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub admin_first_name: Option<String>,
    pub custom_properties: String,
}

impl TenantRow {
    pub fn tenant_type(&self) -> Result<TenantType, StoreError> {
        TenantType::parse(&self.tenant_type)
            .ok_or_else(|| corrupt("tenant type", &self.tenant_type))
    }

    pub fn tenant_id(&self) -> TenantId {
        TenantId(self.id)
    }

    /// This tenant's request-rate limit settings, for its callers.
    pub fn request_limits(&self) -> LimitedTenant {
        LimitedTenant {
            tenant: self.tenant_id(),
            settings: LimitSettings {
                requests: self.limit_http_requests,
                queue: self.limit_http_queue,
            },
            management: self.parent_id.is_none(),
        }
    }

    pub fn tenant_path(&self) -> TenantPath {
        TenantPath::from_stored(self.path.clone())
    }

    pub fn status(&self) -> Result<TenantStatus, StoreError> {
        TenantStatus::parse(&self.status).ok_or_else(|| corrupt("tenant status", &self.status))
    }

    /// The stored tenant; its `allowed_actions` depend on who asks and are left empty
    /// (see [`TenantView::seen_by`]).
    pub fn to_view(&self) -> Result<TenantView, StoreError> {
        Ok(TenantView {
            id: self.id,
            domain: self.domain.clone(),
            name: self.name.clone(),
            tenant_type: self.tenant_type()?,
            status: self.status()?,
            status_reason: self
                .status_reason
                .as_deref()
                .map(|r| StatusReason::parse(r).ok_or_else(|| corrupt("status reason", r)))
                .transpose()?,
            billing_state: self.billing_state.clone(),
            parent_id: self.parent_id,
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            contact_phone: self.contact_phone.clone(),
            contact_address: self.contact_address.clone(),
            country: self.country.clone(),
            web_address: self.web_address.clone(),
            support_email: self.support_email.clone(),
            billing_email: self.billing_email.clone(),
            company_size: self
                .company_size
                .as_deref()
                .map(|s| CompanySize::parse(s).ok_or_else(|| corrupt("company size", s)))
                .transpose()?,
            time_zone: self.time_zone.clone(),
            language: self.language.clone(),
            admin_first_name: self.admin_first_name.clone(),
            limit_http_requests: self.limit_http_requests,
            limit_http_queue: self.limit_http_queue,
            admin_username: self.admin_username.clone(),
            admin_email: self.admin_email.clone(),
            allow_subtenants: self.allow_subtenants,
            users_count: self.users_count,
            orders_count: self.orders_count,
            invoices_count: self.invoices_count,
            tickets_count: self.tickets_count,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
            custom_properties: parse_stored(&self.custom_properties),
            allowed_actions: Vec::new(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tenants)]
pub struct NewTenantRow {
    pub domain: String,
    pub name: String,
    pub tenant_type: String,
    pub status: String,
    pub parent_id: Option<i64>,
    /// Provisional; set to the real path once the id is known.
    pub path: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub admin_username: String,
    pub admin_email: String,
    pub allow_subtenants: bool,
    pub search_text: String,
    pub created_at: Timestamp,
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

/// The text the list's `q` search matches: name, domain, contact and admin email, lowercased.
pub fn search_text(
    name: &str,
    domain: &str,
    contact_email: Option<&str>,
    admin_email: &str,
) -> String {
    [name, domain, contact_email.unwrap_or(""), admin_email]
        .join("\u{1f}")
        .to_lowercase()
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub tenant_id: i64,
    pub username: String,
    pub email: String,
    pub display_name: Option<String>,
    pub role: String,
    pub status: String,
    pub password_hash: Option<String>,
    pub is_first_admin: bool,
    pub session_generation: i64,
    pub password_reset_token_hash: Option<String>,
    pub password_reset_expires_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl UserRow {
    pub fn role(&self) -> Result<Role, StoreError> {
        Role::parse(&self.role).ok_or_else(|| corrupt("role", &self.role))
    }

    pub fn status(&self) -> Result<UserStatus, StoreError> {
        UserStatus::parse(&self.status).ok_or_else(|| corrupt("user status", &self.status))
    }

    pub fn to_view(&self, tenant_name: &str) -> Result<UserView, StoreError> {
        Ok(UserView {
            id: self.id,
            tenant_id: self.tenant_id,
            tenant_name: tenant_name.to_owned(),
            username: self.username.clone(),
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: self.role()?,
            status: self.status()?,
            is_first_admin: self.is_first_admin,
            created_at: utc(self.created_at),
        })
    }
}

/// A row with the name of the tenant it belongs to, read by the same query (a join on the
/// tenant's key): lists that name each row's customer then need no lookup per customer.
#[derive(Debug, Clone)]
pub struct WithTenantName<R> {
    pub row: R,
    pub tenant_name: String,
}

impl<R> WithTenantName<R> {
    /// The row as the API shows it, named by its tenant.
    pub fn to_view<V>(&self, view: fn(&R, &str) -> Result<V, StoreError>) -> Result<V, StoreError> {
        view(&self.row, &self.tenant_name)
    }
}

impl<R> From<(R, String)> for WithTenantName<R> {
    fn from((row, tenant_name): (R, String)) -> Self {
        Self { row, tenant_name }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUserRow {
    pub tenant_id: i64,
    pub username: String,
    pub email: String,
    pub display_name: Option<String>,
    pub role: String,
    pub status: String,
    pub password_hash: Option<String>,
    pub is_first_admin: bool,
    pub password_reset_token_hash: Option<String>,
    pub password_reset_expires_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub id: i64,
    pub tenant_id: i64,
    pub occurred_at: Timestamp,
    pub action: String,
    pub outcome: String,
    pub actor_user_id: Option<i64>,
    pub actor_username: Option<String>,
    pub actor_tenant_id: Option<i64>,
    pub target_type: String,
    pub target_id: Option<String>,
    pub request_id: Option<String>,
    pub details: String,
}

impl AuditRow {
    pub fn to_view(&self) -> AuditEntryView {
        AuditEntryView {
            id: self.id,
            tenant_id: self.tenant_id,
            occurred_at: utc(self.occurred_at),
            action: self.action.clone(),
            outcome: self.outcome.clone(),
            actor_user_id: self.actor_user_id,
            actor_username: self.actor_username.clone(),
            actor_tenant_id: self.actor_tenant_id,
            target_type: self.target_type.clone(),
            target_id: self.target_id.clone(),
            request_id: self.request_id.clone(),
            details: serde_json::from_str(&self.details)
                .unwrap_or(serde_json::Value::String(self.details.clone())),
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_events)]
pub struct NewAuditRow {
    pub tenant_id: i64,
    pub occurred_at: Timestamp,
    pub action: String,
    pub outcome: String,
    pub actor_user_id: Option<i64>,
    pub actor_username: Option<String>,
    pub actor_tenant_id: Option<i64>,
    pub target_type: String,
    pub target_id: Option<String>,
    pub request_id: Option<String>,
    pub details: String,
}
