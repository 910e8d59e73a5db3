//! Turning tenant requests into checked domain input: every offending field is listed at
//! once, by the same parsers the admin app runs before sending.

use super::common::{FieldErrors, optional_text};
use super::{CreateTenantRequest, NewTenant, TenantChanges, TenantDetails, UpdateTenantRequest};
use crate::email::Email;
use crate::password::NewPassword;
use crate::rate_limit;
use crate::tenant::settings::{self, SettingError};
use crate::tenant::{TenantDomain, TenantName};
use crate::user::Username;

/// Digits, spaces and `+ - ( ) . /` with at least one digit (`patterns::PHONE`), or blank.
fn optional_phone(errors: &mut FieldErrors, field: &str, value: Option<&str>) -> Option<String> {
    let value = value?;
    if value.chars().count() > 32 {
        errors.push(field, "too_long", "must be at most 32 characters long");
        return None;
    }
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let phone = value.trim_matches(' ');
    if phone.is_empty() && allowed {
        None
    } else if allowed && phone.chars().any(|c| c.is_ascii_digit()) {
        Some(phone.to_owned())
    } else {
        errors.push(
            field,
            "invalid_phone",
            "must be a phone number: digits, spaces and + - ( ) . /",
        );
        None
    }
}

/// An ISO 3166-1 alpha-2 code in either case, stored upper-case
/// (`settings::country_pattern`), or blank.
fn optional_country(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    optional_setting(errors, "country", value, |v| {
        settings::parse_country(v).map(str::to_owned)
    })
}

/// A setting parsed by `parse` unless blank (only spaces), as the patterns' ` *` states.
fn optional_setting(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    parse: impl Fn(&str) -> Result<String, SettingError>,
) -> Option<String> {
    let value = value.filter(|v| !v.chars().all(|c| c == ' '))?;
    errors.check(field, SettingError::code, parse(value))
}

fn optional_web_address(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    if value.is_some_and(|v| v.chars().count() > 500) {
        errors.push(
            "web_address",
            "too_long",
            "must be at most 500 characters long",
        );
        return None;
    }
    optional_setting(errors, "web_address", value, settings::parse_web_address)
}

/// A request-rate limit field, checked by `parse` when given.
fn optional_limit(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<i64>,
    parse: fn(i64) -> Result<i64, rate_limit::LimitError>,
) -> Option<i64> {
    value.and_then(|v| errors.check(field, rate_limit::LimitError::code, parse(v)))
}

fn optional_time_zone(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    optional_setting(errors, "time_zone", value, |v| {
        settings::parse_time_zone(v).map(str::to_owned)
    })
}

fn optional_language(errors: &mut FieldErrors, value: Option<&str>) -> Option<String> {
    optional_setting(errors, "language", value, settings::parse_language)
}

fn optional_email(errors: &mut FieldErrors, field: &str, value: Option<&str>) -> Option<Email> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    errors.check(field, |_| "invalid_email", Email::parse(value))
}

impl CreateTenantRequest {
    /// Parses every field, reporting all that are wrong.
    pub fn parse(&self) -> Result<NewTenant, FieldErrors> {
        let mut e = FieldErrors::default();
        let domain = e.check(
            "domain",
            |err: &crate::tenant::DomainError| err.code(),
            TenantDomain::parse(&self.domain),
        );
        let name = e.check("name", |_| "invalid_name", TenantName::parse(&self.name));
        let contact_name = optional_text(&mut e, "contact_name", self.contact_name.as_deref(), 200);
        let contact_email = optional_email(&mut e, "contact_email", self.contact_email.as_deref());
        let contact_phone = optional_phone(&mut e, "contact_phone", self.contact_phone.as_deref());
        let details = TenantDetails {
            contact_address: optional_text(
                &mut e,
                "contact_address",
                self.contact_address.as_deref(),
                500,
            ),
            country: optional_country(&mut e, self.country.as_deref()),
            billing_payment_method: optional_text(
                &mut e,
                "billing_payment_method",
                self.billing_payment_method.as_deref(),
                100,
            ),
            billing_address: optional_text(
                &mut e,
                "billing_address",
                self.billing_address.as_deref(),
                500,
            ),
            web_address: optional_web_address(&mut e, self.web_address.as_deref()),
            support_email: optional_email(&mut e, "support_email", self.support_email.as_deref()),
            billing_email: optional_email(&mut e, "billing_email", self.billing_email.as_deref()),
            company_size: self.company_size,
            time_zone: optional_time_zone(&mut e, self.time_zone.as_deref()),
            language: optional_language(&mut e, self.language.as_deref()),
            admin_first_name: optional_text(
                &mut e,
                "admin_first_name",
                self.admin_first_name.as_deref(),
                100,
            ),
        };
        let admin_username = e.check(
            "admin_username",
            |_| "invalid_username",
            Username::parse(&self.admin_username),
        );
        let admin_email = e.check(
            "admin_email",
            |_| "invalid_email",
            Email::parse(&self.admin_email),
        );
        let admin_password = match &self.admin_password {
            Some(p) => e
                .check("admin_password", |_| "weak_password", NewPassword::parse(p))
                .map(Some),
            None => Some(None),
        };
        if self.link_policy && self.policy.is_none() {
            e.push("policy", "required", "give the policy to link to");
        }
        if self.plan.is_none() && (self.cycle.is_some() || self.payment_method.is_some()) {
            e.push(
                "plan",
                "required",
                "give the plan that cycle and payment_method are for",
            );
        }
        let limit_http_requests = optional_limit(
            &mut e,
            "limit_http_requests",
            self.limit_http_requests,
            rate_limit::parse_requests,
        );
        let limit_http_queue = optional_limit(
            &mut e,
            "limit_http_queue",
            self.limit_http_queue,
            rate_limit::parse_queue,
        );
        let admin_notification = self.admin_notification.unwrap_or_default();
        if admin_notification == crate::mail::AdminNotification::ActivationLink
            && self.admin_password.is_some()
        {
            e.push(
                "admin_notification",
                "password_given",
                "the activation link lets the administrator choose the password; give no admin_password with it",
            );
        }
        match (domain, name, admin_username, admin_email, admin_password) {
            (
                Some(domain),
                Some(name),
                Some(admin_username),
                Some(admin_email),
                Some(admin_password),
            ) if e.is_empty() => Ok(NewTenant {
                domain,
                name,
                tenant_type: self.tenant_type,
                contact_name,
                contact_email,
                contact_phone,
                details,
                admin_username,
                admin_email,
                admin_password,
                allow_subtenants: self.allow_subtenants,
                request_limits: crate::rate_limit::LimitSettings {
                    requests: limit_http_requests,
                    queue: limit_http_queue,
                },
                subscription: self.plan.clone().map(|plan| super::PutSubscriptionRequest {
                    plan,
                    cycle: self.cycle.unwrap_or(crate::billing::BillingCycle::Monthly),
                    start_at: None,
                    payment_method: self.payment_method.clone(),
                    billing_email: None,
                    tax_rate: None,
                    payment_terms_days: None,
                }),
                policy: self.policy.map(|policy| crate::policy::PolicyChoice {
                    policy,
                    linked: self.link_policy,
                }),
                admin_notification,
                custom_properties: self.custom_properties.clone().unwrap_or_default(),
            }),
            _ => Err(e),
        }
    }
}

impl UpdateTenantRequest {
    /// Parses every present field, reporting all that are wrong.
    pub fn parse(&self) -> Result<TenantChanges, FieldErrors> {
        let mut e = FieldErrors::default();
        for (field, present) in [
            ("id", self.id.is_some()),
            ("admin_username", self.admin_username.is_some()),
            ("admin_email", self.admin_email.is_some()),
        ] {
            if present {
                e.push(
                    field,
                    "read_only",
                    "cannot be changed after the tenant is created",
                );
            }
        }
        let domain = self.domain.as_deref().and_then(|d| {
            e.check(
                "domain",
                |err: &crate::tenant::DomainError| err.code(),
                TenantDomain::parse(d),
            )
        });
        let name = self
            .name
            .as_deref()
            .and_then(|n| e.check("name", |_| "invalid_name", TenantName::parse(n)));
        let contact_name = self
            .contact_name
            .as_ref()
            .map(|v| optional_text(&mut e, "contact_name", v.as_deref(), 200));
        let contact_email = self
            .contact_email
            .as_ref()
            .map(|v| optional_email(&mut e, "contact_email", v.as_deref()));
        let contact_phone = self
            .contact_phone
            .as_ref()
            .map(|v| optional_phone(&mut e, "contact_phone", v.as_deref()));
        let contact_address = self
            .contact_address
            .as_ref()
            .map(|v| optional_text(&mut e, "contact_address", v.as_deref(), 500));
        let country = self
            .country
            .as_ref()
            .map(|v| optional_country(&mut e, v.as_deref()));
        let billing_payment_method = self
            .billing_payment_method
            .as_ref()
            .map(|v| optional_text(&mut e, "billing_payment_method", v.as_deref(), 100));
        let billing_address = self
            .billing_address
            .as_ref()
            .map(|v| optional_text(&mut e, "billing_address", v.as_deref(), 500));
        let web_address = self
            .web_address
            .as_ref()
            .map(|v| optional_web_address(&mut e, v.as_deref()));
        let support_email = self
            .support_email
            .as_ref()
            .map(|v| optional_email(&mut e, "support_email", v.as_deref()));
        let billing_email = self
            .billing_email
            .as_ref()
            .map(|v| optional_email(&mut e, "billing_email", v.as_deref()));
        let time_zone = self
            .time_zone
            .as_ref()
            .map(|v| optional_time_zone(&mut e, v.as_deref()));
        let language = self
            .language
            .as_ref()
            .map(|v| optional_language(&mut e, v.as_deref()));
        let admin_first_name = self
            .admin_first_name
            .as_ref()
            .map(|v| optional_text(&mut e, "admin_first_name", v.as_deref(), 100));
        let limit_http_requests = self
            .limit_http_requests
            .map(|v| optional_limit(&mut e, "limit_http_requests", v, rate_limit::parse_requests));
        let limit_http_queue = self
            .limit_http_queue
            .map(|v| optional_limit(&mut e, "limit_http_queue", v, rate_limit::parse_queue));
        e.into_result()?;
        Ok(TenantChanges {
            limit_http_requests,
            limit_http_queue,
            web_address,
            support_email,
            billing_email,
            company_size: self.company_size,
            time_zone,
            language,
            admin_first_name,
            domain,
            name,
            tenant_type: self.tenant_type,
            contact_name,
            contact_email,
            contact_phone,
            contact_address,
            country,
            billing_payment_method,
            billing_address,
            allow_subtenants: self.allow_subtenants,
            custom_properties: self.custom_properties.clone(),
        })
    }
}
