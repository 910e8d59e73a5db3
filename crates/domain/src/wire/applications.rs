//! Applications on the wire: the catalogue and a tenant's subscribed and available
//! applications (a runtime's reports are `application_instances`).

use super::application_instances::InstancesView;
use super::common::{FieldErrors, check_label};
use super::customers::MoneyView;
use crate::application::{
    ApplicationKey, ApplicationStatus, ApplicationType, BillingMode, Isolation, MAX_CPU_MILLICORES,
    MAX_MEMORY_MB,
};
use crate::money::{Currency, parse_amount};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An application of the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub key: String,
    pub name: String,
    #[serde(rename = "type")]
    pub application_type: ApplicationType,
    /// The tenant that owns it; it and its subtree may subscribe to it.
    pub owner_tenant_id: i64,
    /// Microservices only.
    pub billing_mode: Option<BillingMode>,
    /// Microservices only.
    pub isolation: Option<Isolation>,
    /// Each instance's CPU limit (microservices only).
    pub cpu_millicores: Option<i64>,
    /// Each instance's memory limit (microservices only).
    pub memory_mb: Option<i64>,
    /// The price a subscribed tenant pays, where billing is by subscription.
    pub subscription_price: Option<MoneyView>,
    /// New tenants are subscribed to default applications at creation.
    pub default: bool,
    pub created_at: DateTime<Utc>,
}

/// A price as sent: a decimal amount in a currency.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PriceInput {
    /// As many decimals as the currency has (JPY none).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$", example = "9.90")
    )]
    pub amount: String,
    pub currency: Currency,
}

/// Add an application to the catalogue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schema(example = json!({"key": "device-simulator", "name": "Device simulator", "type": "microservice", "billing_mode": "resources", "isolation": "per_tenant", "cpu_millicores": 500, "memory_mb": 512})))]
pub struct CreateApplicationRequest {
    /// Unique and immutable: a lowercase letter, then lowercase letters, digits or `-`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z][a-z0-9-]{0,63}$"))]
    pub key: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$",
            min_length = 1,
            max_length = 100
        )
    )]
    pub name: String,
    /// The owner: the caller's tenant when absent, else the caller's tenant or one of its
    /// subtenants that may have subtenants of its own.
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    pub owner_tenant_id: Option<i64>,
    #[serde(rename = "type")]
    pub application_type: ApplicationType,
    /// Microservices only; `resources` when absent.
    #[serde(default)]
    pub billing_mode: Option<BillingMode>,
    /// Microservices only; `multi_tenant` when absent.
    #[serde(default)]
    pub isolation: Option<Isolation>,
    /// Microservices only: each instance's CPU limit; 500 when absent.
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 64000))]
    pub cpu_millicores: Option<i64>,
    /// Microservices only: each instance's memory limit; 512 when absent.
    #[serde(default, deserialize_with = "super::common::integer::optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1048576))]
    pub memory_mb: Option<i64>,
    /// Required for a microservice billed by `subscription`, refused for one billed by
    /// `resources`, optional for a web application.
    #[serde(default)]
    pub subscription_price: Option<PriceInput>,
    /// Subscribe every tenant created from now on in the owner's subtree.
    #[serde(default)]
    pub default: bool,
}

/// A price in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Price {
    pub minor: i64,
    pub currency: Currency,
}

/// How a microservice runs and is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MicroserviceSpec {
    pub billing_mode: BillingMode,
    pub isolation: Isolation,
    pub cpu_millicores: i64,
    pub memory_mb: i64,
}

/// A parsed application definition: a web application has no runtime settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationDefinition {
    pub key: ApplicationKey,
    pub name: String,
    pub owner_tenant_id: Option<i64>,
    pub microservice: Option<MicroserviceSpec>,
    pub price: Option<Price>,
    pub default: bool,
}

/// The defaults of a microservice's instance limits.
pub const DEFAULT_CPU_MILLICORES: i64 = 500;
pub const DEFAULT_MEMORY_MB: i64 = 512;

impl CreateApplicationRequest {
    pub fn parse(&self) -> Result<ApplicationDefinition, FieldErrors> {
        let mut e = FieldErrors::default();
        let key = e.check("key", |_| "invalid_key", ApplicationKey::parse(&self.key));
        let name = check_label(&mut e, "name", "invalid_name", &self.name, 100);
        let price = self.subscription_price.as_ref().and_then(|p| {
            e.check(
                "subscription_price.amount",
                |_| "invalid_amount",
                parse_amount(&p.amount, p.currency),
            )
            .map(|minor| Price {
                minor,
                currency: p.currency,
            })
        });
        let in_range = |e: &mut FieldErrors, field: &str, value: Option<i64>, max: i64| {
            if value.is_some_and(|v| !(1..=max).contains(&v)) {
                e.push(field, "out_of_range", format!("must be 1 to {max}"));
            }
        };
        in_range(
            &mut e,
            "cpu_millicores",
            self.cpu_millicores,
            MAX_CPU_MILLICORES,
        );
        in_range(&mut e, "memory_mb", self.memory_mb, MAX_MEMORY_MB);
        let microservice = match self.application_type {
            ApplicationType::Web => {
                let set = [
                    ("billing_mode", self.billing_mode.is_some()),
                    ("isolation", self.isolation.is_some()),
                    ("cpu_millicores", self.cpu_millicores.is_some()),
                    ("memory_mb", self.memory_mb.is_some()),
                ];
                for (field, _) in set.iter().filter(|(_, given)| *given) {
                    e.push(field, "not_allowed", "only a microservice has this");
                }
                None
            }
            ApplicationType::Microservice => {
                let billing_mode = self.billing_mode.unwrap_or(BillingMode::Resources);
                match (billing_mode, &self.subscription_price) {
                    (BillingMode::Subscription, None) => e.push(
                        "subscription_price",
                        "required",
                        "a microservice billed by subscription has a price",
                    ),
                    (BillingMode::Resources, Some(_)) => e.push(
                        "subscription_price",
                        "not_allowed",
                        "a microservice billed by resources has no subscription price",
                    ),
                    _ => {}
                }
                Some(MicroserviceSpec {
                    billing_mode,
                    isolation: self.isolation.unwrap_or(Isolation::MultiTenant),
                    cpu_millicores: self.cpu_millicores.unwrap_or(DEFAULT_CPU_MILLICORES),
                    memory_mb: self.memory_mb.unwrap_or(DEFAULT_MEMORY_MB),
                })
            }
        };
        e.into_result()?;
        Ok(ApplicationDefinition {
            key: key.ok_or_else(FieldErrors::default)?,
            name,
            owner_tenant_id: self.owner_tenant_id,
            microservice,
            price,
            default: self.default,
        })
    }
}

/// An application a tenant is subscribed to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscribedApplication {
    pub application: ApplicationView,
    pub subscribed_at: DateTime<Utc>,
    /// A microservice's status for this tenant (`down` until its runtime reports); `null`
    /// for a web application.
    pub status: Option<ApplicationStatus>,
    /// The runtime's last report for this tenant, if any.
    pub instances: Option<InstancesView>,
}

/// A tenant's applications: those it is subscribed to and those it may subscribe to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantApplications {
    pub tenant_id: i64,
    pub subscribed: Vec<SubscribedApplication>,
    /// Applications owned by the tenant or an ancestor that it is not subscribed to.
    pub available: Vec<ApplicationView>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn parse(body: serde_json::Value) -> Result<ApplicationDefinition, Vec<String>> {
        let request: CreateApplicationRequest = serde_json::from_value(body).unwrap();
        request
            .parse()
            .map_err(|e| e.0.into_iter().map(|f| f.field).collect())
    }

    #[test]
    fn a_microservice_takes_defaults_and_a_web_application_refuses_runtime_fields() {
        let ms = parse(json!({"key": "sim", "name": "Sim", "type": "microservice"})).unwrap();
        assert_eq!(
            ms.microservice,
            Some(MicroserviceSpec {
                billing_mode: BillingMode::Resources,
                isolation: Isolation::MultiTenant,
                cpu_millicores: 500,
                memory_mb: 512
            })
        );
        let web = parse(json!({"key": "cockpit", "name": "Cockpit", "type": "web",
            "subscription_price": {"amount": "5.00", "currency": "EUR"}}))
        .unwrap();
        assert_eq!(web.microservice, None);
        assert_eq!(web.price.unwrap().minor, 500);
        assert_eq!(
            parse(
                json!({"key": "c", "name": "C", "type": "web", "billing_mode": "resources",
                "isolation": "per_tenant", "cpu_millicores": 1, "memory_mb": 1})
            ),
            Err(vec![
                "billing_mode".into(),
                "isolation".into(),
                "cpu_millicores".into(),
                "memory_mb".into()
            ])
        );
    }

    #[test]
    fn the_subscription_price_follows_the_billing_mode() {
        assert_eq!(
            parse(json!({"key": "s", "name": "S", "type": "microservice",
                "billing_mode": "subscription"})),
            Err(vec!["subscription_price".into()])
        );
        assert_eq!(
            parse(json!({"key": "s", "name": "S", "type": "microservice",
                "subscription_price": {"amount": "1", "currency": "EUR"}})),
            Err(vec!["subscription_price".into()])
        );
        assert_eq!(
            parse(json!({"key": "s", "name": "S", "type": "web",
                "subscription_price": {"amount": "1.5", "currency": "JPY"}})),
            Err(vec!["subscription_price.amount".into()])
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        assert_eq!(
            parse(json!({"key": "Bad", "name": " ", "type": "microservice",
                "cpu_millicores": 0, "memory_mb": 2_000_000})),
            Err(vec![
                "key".into(),
                "name".into(),
                "cpu_millicores".into(),
                "memory_mb".into()
            ])
        );
    }
}
