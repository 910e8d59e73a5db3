use super::domain_conflict;
use crate::change::{Change, changed_fields, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope::visible;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{TenantChanges, TenantView};
use landlord_domain::{Email, ErrorCode, Permission};
use landlord_persistence::models::{TenantRow, search_text};
use landlord_persistence::tenants::{self, TenantProperties};
use landlord_persistence::{Database, Timestamp};
use serde_json::{Value, json};

/// Changes a managed tenant's properties, or the caller's own tenant's profile. An update that changes nothing records nothing
/// and keeps `updated_at`.
pub fn update(
    db: &Database,
    ctx: &Context,
    id: i64,
    changes: TenantChanges,
) -> OpResult<TenantView> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    if changes.allow_subtenants.is_some() && !caller.is_management() {
        return Err(OpError::forbidden_field(
            ErrorCode::ManagementOnly,
            "allow_subtenants",
            "only the management tenant may change allow_subtenants",
        ));
    }
    if let Some(field) = changes.request_limit_field()
        && !caller.is_management()
    {
        return Err(super::create::limits_management_only(field));
    }
    let view = ctx.transaction(db, |tx| {
        let row = visible(tx, caller, id)?;
        if row.id == caller.tenant_id.0 {
            // A tenant's own administrator edits its profile (seed 002); its identity, type,
            // billing and place in the hierarchy stay with its parent.
            if let Some(field) = changes.parent_only_field() {
                return Err(OpError::forbidden_field(
                    ErrorCode::OwnTenant,
                    field,
                    "a tenant edits its own profile only; its parent changes this",
                ));
            }
        }
        if let Some(domain) = &changes.domain
            && tenants::domain_taken(tx, domain.as_str(), Some(row.tenant_id()))?
        {
            return Err(domain_conflict(domain.as_str()));
        }
        let before = row.to_view()?;
        let properties = apply(&row, &changes, ctx.now);
        let values = match &changes.custom_properties {
            Some(given) => Some(crate::custom_properties::values::changed(
                tx,
                &before.custom_properties,
                given,
            )?),
            None => None,
        }
        .filter(|values| values != &before.custom_properties);
        if properties.same_as(&row) && values.is_none() {
            return Ok(before);
        }
        if let Some(values) = &values {
            landlord_persistence::custom_properties::set_tenant_values(
                tx,
                row.tenant_id(),
                values,
            )?;
        }
        let updated = tenants::update_properties(tx, &row, &properties)?.to_view()?;
        if (properties.limit_http_requests, properties.limit_http_queue)
            != (row.limit_http_requests, row.limit_http_queue)
        {
            landlord_persistence::request_rates::reset(tx, row.tenant_id())?;
        }
        let (old, new) = changed_fields(&before, &updated);
        let object =
            serde_json::to_value(&updated).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::TenantUpdated,
                row.tenant_id(),
                row.tenant_path(),
            )
            .target(AuditTarget::Tenant, id)
            .details(json!({ "before": old, "after": new }))
            .object(object)
            .previous_attributes(Value::Object(old)),
        )?;
        Ok(updated)
    })?;
    Ok(view.seen_by(caller.tenant_rules()))
}

/// The row's properties with the changes applied.
fn apply(row: &TenantRow, changes: &TenantChanges, now: Timestamp) -> TenantProperties {
    let pick = |change: &Option<Option<String>>, current: &Option<String>| {
        change.clone().unwrap_or_else(|| current.clone())
    };
    let domain = changes
        .domain
        .as_ref()
        .map_or(row.domain.clone(), |d| d.as_str().to_owned());
    let name = changes
        .name
        .as_ref()
        .map_or(row.name.clone(), |n| n.as_str().to_owned());
    let email = |change: &Option<Option<Email>>, current: &Option<String>| match change {
        Some(v) => v.as_ref().map(|e| e.as_str().to_owned()),
        None => current.clone(),
    };
    let contact_email = email(&changes.contact_email, &row.contact_email);
    TenantProperties {
        search_text: search_text(&name, &domain, contact_email.as_deref(), &row.admin_email),
        domain,
        name,
        tenant_type: changes
            .tenant_type
            .map_or(row.tenant_type.clone(), |t| t.as_str().to_owned()),
        contact_name: pick(&changes.contact_name, &row.contact_name),
        contact_email,
        contact_phone: pick(&changes.contact_phone, &row.contact_phone),
        allow_subtenants: changes.allow_subtenants.unwrap_or(row.allow_subtenants),
        updated_at: now,
        contact_address: pick(&changes.contact_address, &row.contact_address),
        country: pick(&changes.country, &row.country),
        billing_payment_method: pick(&changes.billing_payment_method, &row.billing_payment_method),
        billing_address: pick(&changes.billing_address, &row.billing_address),
        web_address: pick(&changes.web_address, &row.web_address),
        support_email: email(&changes.support_email, &row.support_email),
        billing_email: email(&changes.billing_email, &row.billing_email),
        company_size: match changes.company_size {
            Some(size) => size.map(|s| s.as_str().to_owned()),
            None => row.company_size.clone(),
        },
        time_zone: pick(&changes.time_zone, &row.time_zone),
        language: pick(&changes.language, &row.language),
        admin_first_name: pick(&changes.admin_first_name, &row.admin_first_name),
        limit_http_requests: changes
            .limit_http_requests
            .unwrap_or(row.limit_http_requests),
        limit_http_queue: changes.limit_http_queue.unwrap_or(row.limit_http_queue),
    }
}
