//! Applications (seed 003): the catalogue (`catalogue`), tenants' subscriptions, including
//! the default ones at a tenant's creation (`subscriptions`), and the runtime's reports of a
//! microservice's instances (`instances`). The rules are `landlord_domain::application`.

pub mod catalogue;
pub mod instances;
pub mod subscriptions;
pub mod usage;

use crate::error::{OpError, OpResult};
use landlord_domain::application::{
    ApplicationType, BillingMode, InstanceCounts, Isolation, status,
};
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::tenant::TenantPath;
use landlord_domain::wire::{ApplicationView, InstanceView, InstancesView, MoneyView};
use landlord_persistence::applications::{ApplicationRow, InstancesRow};

fn unreadable(row: &ApplicationRow) -> OpError {
    OpError::Internal(format!("stored application {:?} is unreadable", row.key))
}

/// A stored application as the API shows it.
pub(crate) fn application_view(row: &ApplicationRow) -> OpResult<ApplicationView> {
    let application_type =
        ApplicationType::parse(&row.application_type).ok_or_else(|| unreadable(row))?;
    let billing_mode = row
        .billing_mode
        .as_deref()
        .map(|m| BillingMode::parse(m).ok_or_else(|| unreadable(row)))
        .transpose()?;
    let isolation = row
        .isolation
        .as_deref()
        .map(|i| Isolation::parse(i).ok_or_else(|| unreadable(row)))
        .transpose()?;
    let subscription_price = match (row.price_minor, row.price_currency.as_deref()) {
        (Some(minor), Some(code)) => {
            let currency = Currency::parse(code).ok_or_else(|| unreadable(row))?;
            Some(MoneyView {
                amount: format_amount(minor, currency),
                currency,
            })
        }
        _ => None,
    };
    Ok(ApplicationView {
        key: row.key.clone(),
        name: row.name.clone(),
        application_type,
        owner_tenant_id: row.owner_tenant_id,
        billing_mode,
        isolation,
        cpu_millicores: row.cpu_millicores,
        memory_mb: row.memory_mb,
        subscription_price,
        default: row.is_default,
        created_at: row.created_at.and_utc(),
    })
}

/// The last report as the API shows it.
pub(crate) fn instances_view(row: &InstancesRow) -> OpResult<InstancesView> {
    let instances: Vec<InstanceView> = serde_json::from_str(&row.instances).map_err(|e| {
        OpError::Internal(format!(
            "stored instances of {:?} are unreadable: {e}",
            row.application_key
        ))
    })?;
    Ok(InstancesView {
        application_key: row.application_key.clone(),
        tenant_id: row.tenant_id,
        active: row.active,
        unhealthy: row.unhealthy,
        desired: row.desired,
        instances,
        status: status(Some(counts(row))),
        reported_at: row.reported_at.and_utc(),
    })
}

fn counts(row: &InstancesRow) -> InstanceCounts {
    InstanceCounts {
        active: row.active,
        unhealthy: row.unhealthy,
        desired: row.desired,
    }
}

/// Whether the application may be used by the tenant at `path`: its owner is that tenant or
/// one of its ancestors.
pub(crate) fn available_to(row: &ApplicationRow, path: &TenantPath) -> bool {
    path.ids().iter().any(|id| id.0 == row.owner_tenant_id)
}
