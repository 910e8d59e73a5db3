//! Provisioning: the operator's external steps (`/provisioning-steps`) and a tenant's
//! pipeline (`/tenants/{id}/provisioning`).

use super::common::FieldErrors;
use crate::provisioning::{
    DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_S, MAX_MAX_ATTEMPTS, MAX_TIMEOUT_S, PipelineStatus,
    StepKind, StepName, StepStatus,
};
use crate::webhook::EndpointUrl;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One of the operator's external steps: every tenant created afterwards calls it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvisioningStepView {
    pub id: i64,
    pub name: String,
    /// Where the signed `POST` goes.
    pub url: String,
    /// Seconds an attempt may take.
    pub timeout_s: i32,
    /// Attempts before the step fails for good.
    pub max_attempts: i32,
    /// Steps run in ascending position, after the built-in ones.
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new step with its signing secret, which is shown only in this answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedProvisioningStep {
    #[serde(flatten)]
    pub step: ProvisioningStepView,
    /// `whsec_` and the base64 of 32 random bytes: requests are signed with it as webhooks
    /// are (Standard Webhooks). Keep it: it is never shown again.
    pub secret: String,
}

/// Add an external step to the provisioning of tenants created from now on.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateProvisioningStepRequest {
    /// Lowercase letters, digits, `_` and `-`, starting with a letter; unique.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub name: String,
    /// An `http://` or `https://` URL.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub url: String,
    /// 1 to 300 seconds; default 30.
    #[serde(default, deserialize_with = "super::common::integer::narrow_optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 300))]
    pub timeout_s: Option<i32>,
    /// 1 to 20; default 5.
    #[serde(default, deserialize_with = "super::common::integer::narrow_optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 20))]
    pub max_attempts: Option<i32>,
    /// Default: after the last step.
    #[serde(default, deserialize_with = "super::common::integer::narrow_optional")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub position: Option<i32>,
}

/// Change a step; absent fields stay as they are. Tenants already created keep the step
/// as it was when they were created.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProvisioningStepRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2048))]
    pub url: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::common::integer::narrow_optional"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 300))]
    pub timeout_s: Option<i32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::common::integer::narrow_optional"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 20))]
    pub max_attempts: Option<i32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::common::integer::narrow_optional"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub position: Option<i32>,
}

/// A checked [`CreateProvisioningStepRequest`].
#[derive(Debug, Clone)]
pub struct NewProvisioningStep {
    pub name: StepName,
    pub url: EndpointUrl,
    pub timeout_s: i32,
    pub max_attempts: i32,
    pub position: Option<i32>,
}

/// A checked [`UpdateProvisioningStepRequest`]: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProvisioningStepChanges {
    pub url: Option<EndpointUrl>,
    pub timeout_s: Option<i32>,
    pub max_attempts: Option<i32>,
    pub position: Option<i32>,
}

/// The largest position a step may have.
pub const MAX_POSITION: i32 = 1_000_000;

fn check_range(e: &mut FieldErrors, field: &str, value: Option<i32>, min: i32, max: i32) {
    if let Some(v) = value
        && !(min..=max).contains(&v)
    {
        e.push(
            field,
            "out_of_range",
            format!("must be from {min} to {max}"),
        );
    }
}

fn check_url(e: &mut FieldErrors, url: &str) -> Option<EndpointUrl> {
    e.check(
        "url",
        |err: &crate::webhook::EndpointUrlError| err.code(),
        EndpointUrl::parse(url),
    )
}

impl CreateProvisioningStepRequest {
    pub fn parse(&self) -> Result<NewProvisioningStep, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check(
            "name",
            |err: &crate::provisioning::StepNameError| err.code(),
            StepName::parse(&self.name),
        );
        let url = check_url(&mut e, &self.url);
        check_range(&mut e, "timeout_s", self.timeout_s, 1, MAX_TIMEOUT_S);
        check_range(
            &mut e,
            "max_attempts",
            self.max_attempts,
            1,
            MAX_MAX_ATTEMPTS,
        );
        check_range(&mut e, "position", self.position, 0, MAX_POSITION);
        match (name, url) {
            (Some(name), Some(url)) if e.is_empty() => Ok(NewProvisioningStep {
                name,
                url,
                timeout_s: self.timeout_s.unwrap_or(DEFAULT_TIMEOUT_S),
                max_attempts: self.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS),
                position: self.position,
            }),
            _ => Err(e),
        }
    }
}

impl UpdateProvisioningStepRequest {
    pub fn parse(&self) -> Result<ProvisioningStepChanges, FieldErrors> {
        let mut e = FieldErrors::default();
        let url = self.url.as_deref().map(|u| check_url(&mut e, u));
        check_range(&mut e, "timeout_s", self.timeout_s, 1, MAX_TIMEOUT_S);
        check_range(
            &mut e,
            "max_attempts",
            self.max_attempts,
            1,
            MAX_MAX_ATTEMPTS,
        );
        check_range(&mut e, "position", self.position, 0, MAX_POSITION);
        e.into_result()?;
        Ok(ProvisioningStepChanges {
            url: url.flatten(),
            timeout_s: self.timeout_s,
            max_attempts: self.max_attempts,
            position: self.position,
        })
    }
}

/// One step of a tenant's pipeline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantProvisioningStepView {
    pub name: String,
    pub kind: StepKind,
    pub position: i32,
    pub status: StepStatus,
    /// Attempts made (a built-in step: 1 when it ran).
    pub attempts: i32,
    pub max_attempts: i32,
    /// Why the latest attempt failed; `null` after a success.
    pub last_error: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// When a pending step is tried next.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// A tenant's provisioning: its steps in the order they run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantProvisioningView {
    pub tenant_id: i64,
    pub status: PipelineStatus,
    pub steps: Vec<TenantProvisioningStepView>,
}

/// The answer to "mark as active": the pipeline with its unfinished steps skipped, and a
/// warning that they never ran.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkedActiveProvisioning {
    #[serde(flatten)]
    pub provisioning: TenantProvisioningView,
    pub warning: String,
    /// The steps that were skipped.
    pub skipped_steps: Vec<String>,
}
