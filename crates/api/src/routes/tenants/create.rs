use crate::auth::{Principal, password};
use crate::error::{ApiError, ApiResult};
use crate::json::JsonBody;
use crate::openapi::BodyProblems;
use crate::request_id::RequestId;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use landlord_domain::audit::AuditAction;
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::{CreateTenantRequest, CreatedTenant, FieldError, Problem};
use landlord_domain::{Permission, Role, TenantStatus};
use landlord_persistence::audit::{self, AuditRecord};
use landlord_persistence::models::{NewTenantRow, NewUserRow, search_text};
use landlord_persistence::{tenants, users};
use serde_json::json;

/// How long a first administrator's password-reset link stays valid.
const RESET_LINK_DAYS: i64 = 7;

/// Create a subtenant of the caller's tenant, provisioned with its first administrator.
///
/// Without `admin_password`, the answer carries a one-time `admin_password_reset_url` for
/// the administrator to choose a password.
#[utoipa::path(
    tag = "tenants",
    request_body = CreateTenantRequest,
    responses(
        BodyProblems,
        (status = 201, description = "Created", body = CreatedTenant),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:create, or the caller may not create subtenants", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The domain is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/tenants")]
pub async fn create_tenant(
    state: web::Data<AppState>,
    principal: Principal,
    request_id: RequestId,
    body: JsonBody<CreateTenantRequest>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::TenantsCreate)?;
    if !principal.may_have_subtenants() {
        return Err(ApiError::forbidden(
            "subtenants_not_allowed",
            "this tenant is not allowed to create subtenants",
        ));
    }
    let new = body.0.parse()?;
    if new.allow_subtenants && !principal.is_management() {
        return Err(ApiError::Forbidden {
            code: "management_only",
            detail: "only the management tenant may allow subtenants".into(),
            errors: vec![FieldError::new(
                "allow_subtenants",
                "management_only",
                "only the management tenant may allow subtenants",
            )],
        });
    }
    // Hash outside the transaction: it is deliberately slow and needs no database.
    let password_hash = match &new.admin_password {
        Some(p) => Some(password::hash(p.expose()).map_err(ApiError::Internal)?),
        None => None,
    };
    let reset_token = new
        .admin_password
        .is_none()
        .then(|| password::random_secret(32));
    let now = state.now();
    let reset_url = reset_token.as_ref().map(|t| {
        format!(
            "{}/reset-password?token={t}",
            state.settings.public_url.trim_end_matches('/')
        )
    });

    let tenant = state
        .write(move |conn| {
            if tenants::domain_taken(conn, new.domain.as_str(), None)? {
                return Err(domain_conflict(new.domain.as_str()));
            }
            let parent = tenants::find(conn, principal.tenant_id)?.ok_or(ApiError::NotFound("tenant"))?;
            let contact_email = new.contact_email.as_ref().map(|e| e.as_str().to_owned());
            let row = tenants::insert(
                conn,
                Some(&parent.tenant_path()),
                NewTenantRow {
                    domain: new.domain.as_str().to_owned(),
                    name: new.name.as_str().to_owned(),
                    tenant_type: new.tenant_type.as_str().to_owned(),
                    status: TenantStatus::Provisioning.as_str().to_owned(),
                    parent_id: Some(parent.id),
                    path: String::new(),
                    search_text: search_text(new.name.as_str(), new.domain.as_str(), contact_email.as_deref(), new.admin_email.as_str()),
                    contact_name: new.contact_name.clone(),
                    contact_email,
                    contact_phone: new.contact_phone.clone(),
                    contact_address: new.details.contact_address.clone(),
                    country: new.details.country.clone(),
                    billing_payment_method: new.details.billing_payment_method.clone(),
                    billing_address: new.details.billing_address.clone(),
                    admin_username: new.admin_username.as_str().to_owned(),
                    admin_email: new.admin_email.as_str().to_owned(),
                    allow_subtenants: new.allow_subtenants,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let admin = users::insert(
                conn,
                &row.tenant_path(),
                &NewUserRow {
                    tenant_id: row.id,
                    username: new.admin_username.as_str().to_owned(),
                    email: new.admin_email.as_str().to_owned(),
                    display_name: None,
                    role: Role::Admin.as_str().to_owned(),
                    status: "active".to_owned(),
                    password_hash,
                    is_first_admin: true,
                    password_reset_token_hash: reset_token.as_deref().map(password::token_digest),
                    password_reset_expires_at: reset_token.as_ref().map(|_| now + chrono::Duration::days(RESET_LINK_DAYS)),
                    created_at: now,
                    updated_at: now,
                },
            )?;
            // Provisioning is the admin account today; later steps (plans, policies) join here.
            let active = row.status()?.apply(StatusChange::FinishProvisioning).map_err(|e| ApiError::Internal(e.to_string()))?;
            let row = tenants::set_status(conn, row.tenant_id(), active, now)?;
            let view = row.to_view()?;
            audit::record(
                conn,
                AuditRecord {
                    tenant_id: row.tenant_id(),
                    action: AuditAction::TenantCreated,
                    success: true,
                    actor: principal.actor(),
                    target: landlord_domain::audit::AuditTarget::Tenant,
                    target_id: Some(row.id.to_string()),
                    request_id: Some(request_id.0),
                    details: json!({ "after": view, "admin_user_id": admin.id, "admin_password_reset_link": reset_token.is_some() }),
                    occurred_at: now,
                },
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/tenants/{}", tenant.id),
        ))
        .json(CreatedTenant {
            tenant,
            admin_password_reset_url: reset_url,
        }))
}

pub(crate) fn domain_conflict(domain: &str) -> ApiError {
    ApiError::Conflict {
        code: "domain_taken",
        detail: format!("the domain {domain:?} is already in use"),
        errors: vec![FieldError::new(
            "domain",
            "domain_taken",
            "is already in use by another tenant",
        )],
    }
}
