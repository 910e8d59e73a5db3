use super::create::domain_conflict;
use super::managed;
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{patch, web};
use landlord_domain::Permission;
use landlord_domain::audit::AuditAction;
use landlord_domain::wire::{FieldError, Problem, TenantView, UpdateTenantRequest};
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::models::search_text;
use landlord_persistence::tenants::{self, TenantProperties};
use serde_json::{Map, Value, json};

/// Change a tenant's properties. `id`, `admin_username` and `admin_email` are fixed.
#[utoipa::path(
    tag = "tenants",
    params(("id" = i64, Path, description = "Tenant id")),
    request_body = UpdateTenantRequest,
    responses(
        BodyProblems,
        (status = 200, description = "The updated tenant", body = TenantView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:update, or the caller's own tenant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant in the caller's subtree", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The domain is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/tenants/{id}")]
pub async fn update_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    id: web::Path<i64>,
    body: JsonBody<UpdateTenantRequest>,
) -> ApiResult<web::Json<TenantView>> {
    principal.require(Permission::TenantsUpdate)?;
    let changes = body.0.parse()?;
    if changes.allow_subtenants.is_some() && !principal.is_management() {
        return Err(ApiError::Forbidden {
            code: "management_only",
            detail: "only the management tenant may change allow_subtenants".into(),
            errors: vec![FieldError::new(
                "allow_subtenants",
                "management_only",
                "only the management tenant may change this",
            )],
        });
    }
    let id = id.into_inner();
    let now = state.now();
    let view = state
        .write(move |conn| {
            let row = managed(conn, &principal, id)?;
            if let Some(domain) = &changes.domain
                && tenants::domain_taken(conn, domain.as_str(), Some(row.tenant_id()))?
            {
                return Err(domain_conflict(domain.as_str()));
            }
            let before = row.to_view()?;
            let contact_email = match &changes.contact_email {
                Some(v) => v.as_ref().map(|e| e.as_str().to_owned()),
                None => row.contact_email.clone(),
            };
            let properties = TenantProperties {
                domain: changes
                    .domain
                    .as_ref()
                    .map_or(row.domain.clone(), |d| d.as_str().to_owned()),
                name: changes
                    .name
                    .as_ref()
                    .map_or(row.name.clone(), |n| n.as_str().to_owned()),
                tenant_type: changes
                    .tenant_type
                    .map_or(row.tenant_type.clone(), |t| t.as_str().to_owned()),
                contact_name: changes
                    .contact_name
                    .clone()
                    .unwrap_or(row.contact_name.clone()),
                search_text: String::new(),
                contact_email,
                contact_phone: changes
                    .contact_phone
                    .clone()
                    .unwrap_or(row.contact_phone.clone()),
                allow_subtenants: changes.allow_subtenants.unwrap_or(row.allow_subtenants),
                updated_at: now,
                contact_address: changes
                    .contact_address
                    .clone()
                    .unwrap_or(row.contact_address.clone()),
                country: changes.country.clone().unwrap_or(row.country.clone()),
                billing_payment_method: changes
                    .billing_payment_method
                    .clone()
                    .unwrap_or(row.billing_payment_method.clone()),
                billing_address: changes
                    .billing_address
                    .clone()
                    .unwrap_or(row.billing_address.clone()),
            };
            let properties = TenantProperties {
                search_text: search_text(
                    &properties.name,
                    &properties.domain,
                    properties.contact_email.as_deref(),
                    &row.admin_email,
                ),
                ..properties
            };
            let unchanged = properties.domain == row.domain
                && properties.name == row.name
                && properties.tenant_type == row.tenant_type
                && properties.contact_name == row.contact_name
                && properties.contact_email == row.contact_email
                && properties.contact_phone == row.contact_phone
                && properties.allow_subtenants == row.allow_subtenants
                && properties.contact_address == row.contact_address
                && properties.country == row.country
                && properties.billing_payment_method == row.billing_payment_method
                && properties.billing_address == row.billing_address;
            if unchanged {
                // Nothing to record, and `updated_at` keeps its meaning.
                return Ok(before);
            }
            let updated = tenants::update_properties(conn, &row, &properties)?.to_view()?;
            let (old, new) = changed_fields(&before, &updated);
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: row.tenant_id(),
                    action: AuditAction::TenantUpdated,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::Tenant,
                    target_id: Some(id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "before": old, "after": new }),
                    occurred_at: now,
                },
            )?;
            Ok(updated)
        })
        .await?;
    Ok(web::Json(view))
}

/// The fields that differ, as `(before, after)` maps; `updated_at` is not a change.
fn changed_fields(
    before: &TenantView,
    after: &TenantView,
) -> (Map<String, Value>, Map<String, Value>) {
    let (Ok(Value::Object(b)), Ok(Value::Object(a))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Default::default();
    };
    let mut old = Map::new();
    let mut new = Map::new();
    for (key, value) in a {
        if key != "updated_at" && b.get(&key) != Some(&value) {
            old.insert(key.clone(), b.get(&key).cloned().unwrap_or(Value::Null));
            new.insert(key, value);
        }
    }
    (old, new)
}
