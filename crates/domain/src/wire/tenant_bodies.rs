//! Tenant request bodies as sent: creating, changing and suspending a tenant, with the rules
//! the OpenAPI document states for each field. `tenant_requests` parses them into the checked
//! input of `tenants` (`NewTenant`, `TenantChanges`).

use super::common::double_option;
use crate::tenant::TenantType;
use crate::tenant::settings::CompanySize;
use serde::{Deserialize, Serialize};

/// Create a subtenant of the caller's tenant, with its first administrator.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"domain": "acme", "name": "Acme GmbH", "type": "company", "contact_name": "Ada Lovelace", "contact_email": "ada@acme.example", "contact_phone": "+49 30 1234567", "country": "DE", "admin_username": "ada", "admin_email": "ada@acme.example"})))]
pub struct CreateTenantRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[a-z][a-z0-9-]{0,61}[a-z0-9]$",
            min_length = 2,
            max_length = 63
        )
    )]
    pub domain: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 200
        )
    )]
    pub name: String,
    #[serde(rename = "type", default)]
    pub tenant_type: TenantType,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 200)
    )]
    pub contact_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
            max_length = 254
        )
    )]
    pub contact_email: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^( *|[0-9 +()./-]*[0-9][0-9 +()./-]*)$", max_length = 32)
    )]
    pub contact_phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 500)
    )]
    pub contact_address: Option<String>,
    /// ISO 3166-1 alpha-2 code in either case, e.g. `DE`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi_schemas::country))]
    pub country: Option<String>,
    /// e.g. `Visa •••• 4242`.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 100)
    )]
    pub billing_payment_method: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 500)
    )]
    pub billing_address: Option<String>,
    /// The organisation's web site; stored with `https://` when sent without a scheme.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^( *|(?:[Hh][Tt][Tt][Pp][Ss]?://)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?::[0-9]{1,5})?(?:/[!-~]*)?)$",
            max_length = 500
        )
    )]
    pub web_address: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
            max_length = 254
        )
    )]
    pub support_email: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
            max_length = 254
        )
    )]
    pub billing_email: Option<String>,
    #[serde(default)]
    pub company_size: Option<CompanySize>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi_schemas::time_zone))]
    pub time_zone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi_schemas::language))]
    pub language: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 100)
    )]
    pub admin_first_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9._@+-]{1,64}$"))]
    pub admin_username: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$",
            max_length = 254
        )
    )]
    pub admin_email: String,
    /// Write-only. When absent, the administrator gets a password-reset link instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^(?:[\s\S]*[ -@\[-`{-~][\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f]|[\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f][\s\S]*[ -@\[-`{-~])[\s\S]*$",
            min_length = 8,
            max_length = 128
        )
    )]
    pub admin_password: Option<String>,
    #[serde(default)]
    pub allow_subtenants: bool,
    /// Requests per second the tenant's callers are served: -1 unlimited, absent or null
    /// the system default (seed 003, "Limiting subtenant request rate").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::common::integer::optional"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = -1, maximum = 100000))]
    pub limit_http_requests: Option<i64>,
    /// Requests that may wait above the rate before 429: -1 none, absent or null the
    /// system default.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::common::integer::optional"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = -1, maximum = 100000))]
    pub limit_http_queue: Option<i64>,
    /// Associate a package at creation: a plan code of the caller's catalogue. The
    /// subscription starts with the tenant (see `PUT /tenants/{id}/subscription`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// The plan's billing cycle (default `monthly`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<crate::billing::BillingCycle>,
    /// How the tenant pays its subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<super::PaymentMethodInput>,
    /// A tenant policy (id) of the caller's tenant: its options and retention rules are
    /// copied into the new tenant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::common::integer::optional"
    )]
    pub policy: Option<i64>,
    /// Keep the tenant linked to `policy`: the policy's later edits apply to it too.
    #[serde(default)]
    pub link_policy: bool,
    /// How the first administrator learns about the account (default `none`):
    /// `activation_link` mails a one-time link to choose a password (give no
    /// `admin_password` then); `credentials` mails the sign-in details, with the given
    /// `admin_password` or a generated one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_notification: Option<crate::mail::AdminNotification>,
    /// Values of the custom property library's properties, by key, each of its property's
    /// type; properties with a default start with it unless given here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<std::collections::BTreeMap<String, super::PropertyValue>>))]
    pub custom_properties: Option<crate::custom_property::Values>,
}

/// Change a tenant's properties; absent fields stay as they are, `null` clears an optional one.
/// `id`, `admin_username` and `admin_email` cannot be changed.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Acme Group", "contact_phone": null})))]
pub struct UpdateTenantRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[a-z][a-z0-9-]{0,61}[a-z0-9]$",
            min_length = 2,
            max_length = 63
        )
    )]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 200
        )
    )]
    pub name: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub tenant_type: Option<TenantType>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 200))]
    pub contact_name: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$", max_length = 254))]
    pub contact_email: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^( *|[0-9 +()./-]*[0-9][0-9 +()./-]*)$", max_length = 32))]
    pub contact_phone: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 500))]
    pub contact_address: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi_schemas::country))]
    pub country: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 100))]
    pub billing_payment_method: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 500))]
    pub billing_address: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^( *|(?:[Hh][Tt][Tt][Pp][Ss]?://)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?::[0-9]{1,5})?(?:/[!-~]*)?)$", max_length = 500))]
    pub web_address: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$", max_length = 254))]
    pub support_email: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$", max_length = 254))]
    pub billing_email: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<CompanySize>))]
    pub company_size: Option<Option<CompanySize>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi_schemas::time_zone))]
    pub time_zone: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = openapi_schemas::language))]
    pub language: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$", max_length = 100))]
    pub admin_first_name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_subtenants: Option<bool>,
    /// Requests per second (-1 unlimited); `null` returns the tenant to the system
    /// default. Only the tenant's parent changes it.
    #[serde(
        default,
        deserialize_with = "super::common::integer::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = -1, maximum = 100000))]
    pub limit_http_requests: Option<Option<i64>>,
    /// Requests that may wait above the rate (-1 none); `null` returns the tenant to the
    /// system default. Only the tenant's parent changes it.
    #[serde(
        default,
        deserialize_with = "super::common::integer::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = -1, maximum = 100000))]
    pub limit_http_queue: Option<Option<i64>>,
    /// Custom property values to set, by key (of the property's type); `null` removes a
    /// value, keys not given keep theirs. Set by the tenant's parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<std::collections::BTreeMap<String, super::PropertyValueChange>>))]
    pub custom_properties: Option<crate::custom_property::Values>,
    /// Not editable: present only to answer with a clear error instead of "unknown field".
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub admin_username: Option<serde_json::Value>,
    /// Not editable: present only to answer with a clear error instead of "unknown field".
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub admin_email: Option<serde_json::Value>,
    /// Not editable: present only to answer with a clear error instead of "unknown field".
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub id: Option<serde_json::Value>,
}

/// Confirm a suspension with the acting user's own password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"password": "your own password"})))]
pub struct SuspendTenantRequest {
    pub password: String,
    /// Mail the suspension notice to the tenant's administrator (default `true`); `false`
    /// suppresses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<bool>,
}

/// The OpenAPI schemas of the settings whose rule is a code list, generated from that list
/// (utoipa's `pattern` takes only literals).
#[cfg(feature = "openapi")]
mod openapi_schemas {
    use crate::tenant::settings;
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    use utoipa::openapi::{RefOr, Schema};

    fn nullable_string(description: &str, pattern: String) -> RefOr<Schema> {
        RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                .description(Some(description))
                .pattern(Some(pattern))
                .build(),
        ))
    }

    pub fn country() -> RefOr<Schema> {
        nullable_string(
            "ISO 3166-1 alpha-2 country code in either case, e.g. `DE`; stored upper-case. Blank is none.",
            settings::country_pattern(),
        )
    }

    pub fn time_zone() -> RefOr<Schema> {
        nullable_string(
            "The site time zone: an IANA time zone name, exactly as written there, e.g. `Europe/Berlin`. Blank is none.",
            settings::time_zone_pattern(),
        )
    }

    pub fn language() -> RefOr<Schema> {
        nullable_string(
            "The system language: a BCP 47 tag `language[-Script][-REGION]` whose subtags are in the IANA registry, e.g. `de`, `en-GB`, `zh-Hant-TW`; stored in canonical case. Blank is none.",
            super::super::patterns::LANGUAGE.to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CreateTenantRequest {
        CreateTenantRequest {
            domain: "acme".into(),
            name: "Acme".into(),
            admin_username: "admin".into(),
            admin_email: "admin@acme.test".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_request_parses() {
        let parsed = valid().parse().unwrap();
        assert_eq!(parsed.domain.as_str(), "acme");
        assert!(parsed.admin_password.is_none());
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let request = CreateTenantRequest {
            domain: "Bad Domain".into(),
            name: " ".into(),
            admin_email: "nope".into(),
            contact_phone: Some("call me".into()),
            admin_password: Some("short".into()),
            ..valid()
        };
        let fields: Vec<_> = request
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "domain",
                "name",
                "contact_phone",
                "admin_email",
                "admin_password"
            ]
        );
    }

    #[test]
    fn updates_refuse_read_only_fields_and_allow_clearing() {
        let request: UpdateTenantRequest =
            serde_json::from_str(r#"{"admin_username":"x","contact_phone":null}"#).unwrap();
        let errors = request.parse().unwrap_err();
        assert_eq!(errors.0[0].field, "admin_username");
        let request: UpdateTenantRequest =
            serde_json::from_str(r#"{"contact_phone":null}"#).unwrap();
        assert_eq!(request.parse().unwrap().contact_phone, Some(None));
        let request: UpdateTenantRequest = serde_json::from_str(r#"{}"#).unwrap();
        assert_eq!(request.parse().unwrap().contact_phone, None);
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<UpdateTenantRequest>(r#"{"colour":"red"}"#).is_err());
    }
}
