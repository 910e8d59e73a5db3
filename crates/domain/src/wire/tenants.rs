use crate::email::Email;
use crate::password::NewPassword;
use crate::tenant::settings::CompanySize;
use crate::tenant::{
    Caller, StatusReason, Target, TenantAction, TenantDomain, TenantName, TenantStatus, TenantType,
};
use crate::user::Username;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A tenant as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantView {
    /// Immutable, assigned by the server.
    pub id: i64,
    /// A single DNS label; unique; can be changed.
    pub domain: String,
    pub name: String,
    #[serde(rename = "type")]
    pub tenant_type: TenantType,
    pub status: TenantStatus,
    /// Why a suspended tenant is suspended: `operator` (by a person) or `dunning` (unpaid
    /// invoices; paying them reactivates it). `null` unless suspended.
    pub status_reason: Option<StatusReason>,
    /// `ok`, or the dunning state the tenant is in (`reminder`, `restricted`, ...).
    pub billing_state: String,
    /// The tenant that created this one; `null` only for the management tenant.
    pub parent_id: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    /// Postal address of the contact.
    pub contact_address: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. `DE`.
    pub country: Option<String>,
    /// The organisation's web site, e.g. `https://acme.example`.
    #[serde(default)]
    pub web_address: Option<String>,
    /// Where the tenant's customers get support.
    #[serde(default)]
    pub support_email: Option<String>,
    /// Where the tenant's invoices go, beside the contact email.
    #[serde(default)]
    pub billing_email: Option<String>,
    /// How many people the organisation employs.
    #[serde(default)]
    pub company_size: Option<CompanySize>,
    /// The site time zone, an IANA name, e.g. `Europe/Berlin`.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// The system language, a BCP 47 tag, e.g. `de` or `en-GB`.
    #[serde(default)]
    pub language: Option<String>,
    /// The first administrator's first name.
    #[serde(default)]
    pub admin_first_name: Option<String>,
    /// Requests per second this tenant's callers are served (seed 003): null follows the
    /// system default (`LANDLORD_LIMIT_HTTP_REQUESTS`), -1 is unlimited. Set by the
    /// management tenant only.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub limit_http_requests: Option<i64>,
    /// Requests that may wait for their turn above the rate; more get 429. Null follows the
    /// system default (`LANDLORD_LIMIT_HTTP_QUEUE`), -1 lets none wait. Set by the management
    /// tenant only.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub limit_http_queue: Option<i64>,
    /// The first administrator's username; fixed at creation.
    pub admin_username: String,
    /// The first administrator's email; fixed at creation.
    pub admin_email: String,
    /// Whether this tenant may create and manage its own subtenants.
    pub allow_subtenants: bool,
    pub users_count: i64,
    pub orders_count: i64,
    pub invoices_count: i64,
    pub tickets_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The tenant's custom property values by key (`GET /custom-properties` lists the
    /// library): text and dates as strings, numbers, booleans. Set by its parent.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, value_type = std::collections::BTreeMap<String, super::PropertyValue>)
    )]
    pub custom_properties: crate::custom_property::Values,
    /// What the caller may do to this tenant now (by their role, whether it is their own
    /// tenant, and its status), so a client offers exactly the actions that will succeed.
    /// Copies of a tenant in the audit log hold none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub allowed_actions: Vec<TenantAction>,
}

impl TenantView {
    /// The tenant as `caller` sees it, with what they may do to it.
    pub fn seen_by(self, caller: Caller) -> Self {
        let target = Target {
            own: self.id == caller.tenant.0,
            status: self.status,
            allow_subtenants: self.allow_subtenants,
        };
        Self {
            allowed_actions: caller.allowed_actions(target),
            ..self
        }
    }
}

/// The answer to creating a tenant.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedTenant {
    #[serde(flatten)]
    pub tenant: TenantView,
    /// When no `admin_password` was given: the one-time link the first administrator opens
    /// to choose a password. Shown once; only its hash is stored.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub admin_password_reset_url: Option<String>,
}

/// A create request after every field has been parsed into its domain type.
#[derive(Debug, Clone)]
pub struct NewTenant {
    pub domain: TenantDomain,
    pub name: TenantName,
    pub tenant_type: TenantType,
    pub contact_name: Option<String>,
    pub contact_email: Option<Email>,
    pub contact_phone: Option<String>,
    pub details: TenantDetails,
    pub admin_username: Username,
    pub admin_email: Email,
    pub admin_password: Option<NewPassword>,
    pub allow_subtenants: bool,
    /// The tenant's own request-rate limits (`None`: the system default).
    pub request_limits: crate::rate_limit::LimitSettings,
    /// The package associated at creation.
    pub subscription: Option<super::PutSubscriptionRequest>,
    /// The tenant policy chosen at creation (copied, or linked).
    pub policy: Option<crate::policy::PolicyChoice>,
    /// How the first administrator learns about the account.
    pub admin_notification: crate::mail::AdminNotification,
    /// Custom property values as given (checked against the library when stored).
    pub custom_properties: crate::custom_property::Values,
}

/// An update request after parsing; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct TenantChanges {
    pub domain: Option<TenantDomain>,
    pub name: Option<TenantName>,
    pub tenant_type: Option<TenantType>,
    pub contact_name: Option<Option<String>>,
    pub contact_email: Option<Option<Email>>,
    pub contact_phone: Option<Option<String>>,
    pub contact_address: Option<Option<String>>,
    pub country: Option<Option<String>>,
    pub billing_payment_method: Option<Option<String>>,
    pub billing_address: Option<Option<String>>,
    pub web_address: Option<Option<String>>,
    pub support_email: Option<Option<Email>>,
    pub billing_email: Option<Option<Email>>,
    pub company_size: Option<Option<CompanySize>>,
    pub time_zone: Option<Option<String>>,
    pub language: Option<Option<String>>,
    pub admin_first_name: Option<Option<String>>,
    pub allow_subtenants: Option<bool>,
    /// `Some(None)` returns the field to the system default.
    pub limit_http_requests: Option<Option<i64>>,
    pub limit_http_queue: Option<Option<i64>>,
    /// Values to set (`null`: remove), checked against the library when stored.
    pub custom_properties: Option<crate::custom_property::Values>,
}

impl TenantChanges {
    /// The first request-rate limit field the changes hold, if any: only the management
    /// tenant sets those.
    pub fn request_limit_field(&self) -> Option<&'static str> {
        [
            ("limit_http_requests", self.limit_http_requests.is_some()),
            ("limit_http_queue", self.limit_http_queue.is_some()),
        ]
        .into_iter()
        .find_map(|(field, present)| present.then_some(field))
    }

    /// The first field that only the tenant's parent may change, if the changes hold one:
    /// a tenant's own administrator edits its profile (seed 002) but not its identity, type,
    /// billing or place in the hierarchy.
    pub fn parent_only_field(&self) -> Option<&'static str> {
        [
            ("domain", self.domain.is_some()),
            ("type", self.tenant_type.is_some()),
            (
                "billing_payment_method",
                self.billing_payment_method.is_some(),
            ),
            ("allow_subtenants", self.allow_subtenants.is_some()),
            ("custom_properties", self.custom_properties.is_some()),
        ]
        .into_iter()
        .find_map(|(field, present)| present.then_some(field))
        .or_else(|| self.request_limit_field())
    }
}

/// The free-form contact and billing details of a tenant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantDetails {
    pub contact_address: Option<String>,
    pub country: Option<String>,
    pub billing_payment_method: Option<String>,
    pub billing_address: Option<String>,
    pub web_address: Option<String>,
    pub support_email: Option<Email>,
    pub billing_email: Option<Email>,
    pub company_size: Option<CompanySize>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub admin_first_name: Option<String>,
}
