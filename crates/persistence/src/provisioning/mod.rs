//! Provisioning as rows: the operator's external step definitions, and each tenant's
//! pipeline, which the server's runner claims with a lease step by step. The rules (what
//! runs when, what a failure does) live in the operations layer.

pub mod definitions;
pub mod pipeline;

use crate::models::corrupt;
use crate::schema::{provisioning_steps, tenant_provisioning_steps};
use crate::{StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::provisioning::{StepKind, StepStatus};
use landlord_domain::wire::{ProvisioningStepView, TenantProvisioningStepView};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = provisioning_steps)]
pub struct DefinitionRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub secret: String,
    pub timeout_s: i32,
    pub max_attempts: i32,
    pub position: i32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl DefinitionRow {
    pub fn to_view(&self) -> ProvisioningStepView {
        ProvisioningStepView {
            id: self.id,
            name: self.name.clone(),
            url: self.url.clone(),
            timeout_s: self.timeout_s,
            max_attempts: self.max_attempts,
            position: self.position,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = provisioning_steps)]
pub struct NewDefinitionRow {
    pub name: String,
    pub url: String,
    pub secret: String,
    pub timeout_s: i32,
    pub max_attempts: i32,
    pub position: i32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tenant_provisioning_steps)]
pub struct StepRow {
    pub id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub kind: String,
    pub position: i32,
    pub url: Option<String>,
    pub secret: Option<String>,
    pub timeout_s: i32,
    pub max_attempts: i32,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub started_at: Option<Timestamp>,
    pub finished_at: Option<Timestamp>,
    pub next_attempt_at: Option<Timestamp>,
    pub locked_until: Option<Timestamp>,
    pub lease: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl StepRow {
    pub fn status(&self) -> Result<StepStatus, StoreError> {
        StepStatus::parse(&self.status)
            .ok_or_else(|| corrupt("provisioning step status", &self.status))
    }

    pub fn kind(&self) -> Result<StepKind, StoreError> {
        StepKind::parse(&self.kind).ok_or_else(|| corrupt("provisioning step kind", &self.kind))
    }

    pub fn to_view(&self) -> Result<TenantProvisioningStepView, StoreError> {
        Ok(TenantProvisioningStepView {
            name: self.name.clone(),
            kind: self.kind()?,
            position: self.position,
            status: self.status()?,
            attempts: self.attempts,
            max_attempts: self.max_attempts,
            last_error: self.last_error.clone(),
            started_at: self.started_at.map(|t| t.and_utc()),
            finished_at: self.finished_at.map(|t| t.and_utc()),
            next_attempt_at: self.next_attempt_at.map(|t| t.and_utc()),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tenant_provisioning_steps)]
pub struct NewStepRow {
    pub tenant_id: i64,
    pub name: String,
    pub kind: String,
    pub position: i32,
    pub url: Option<String>,
    pub secret: Option<String>,
    pub timeout_s: i32,
    pub max_attempts: i32,
    pub status: String,
    pub attempts: i32,
    pub started_at: Option<Timestamp>,
    pub finished_at: Option<Timestamp>,
    pub next_attempt_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}
