use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::password::NewPassword;
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::{Email, Role, TenantStatus, TenantType, Username};
use landlord_persistence::audit::Actor;
use landlord_persistence::models::{NewTenantRow, NewUserRow, search_text};
use landlord_persistence::{Database, tenants, users};
use serde_json::json;

/// Creates the management tenant and its first administrator on an empty database; the
/// root every other tenant hangs from. Answers `false` when it already exists.
pub fn create_management_tenant(
    db: &Database,
    ctx: &Context,
    username: &Username,
    email: &Email,
    admin_password: &NewPassword,
) -> OpResult<bool> {
    if db
        .read(|conn| tenants::find_by_domain(conn, MANAGEMENT_DOMAIN))?
        .is_some()
    {
        return Ok(false);
    }
    let hash = password::hash(admin_password.expose()).map_err(OpError::Internal)?;
    let now = ctx.now;
    ctx.transaction(db, |tx| {
        let tenant = tenants::insert(
            tx,
            None,
            NewTenantRow {
                domain: MANAGEMENT_DOMAIN.to_owned(),
                name: "Management".to_owned(),
                tenant_type: TenantType::Company.as_str().to_owned(),
                status: TenantStatus::Active.as_str().to_owned(),
                parent_id: None,
                path: String::new(),
                contact_name: None,
                contact_email: None,
                contact_phone: None,
                contact_address: None,
                country: None,
                billing_payment_method: None,
                billing_address: None,
                web_address: None,
                support_email: None,
                billing_email: None,
                company_size: None,
                time_zone: None,
                language: None,
                admin_first_name: None,
                limit_http_requests: None,
                limit_http_queue: None,
                admin_username: username.as_str().to_owned(),
                admin_email: email.as_str().to_owned(),
                allow_subtenants: true,
                search_text: search_text("Management", MANAGEMENT_DOMAIN, None, email.as_str()),
                created_at: now,
                updated_at: now,
            },
        )?;
        let admin = users::insert(
            tx,
            &tenant.tenant_path(),
            &NewUserRow {
                tenant_id: tenant.id,
                username: username.as_str().to_owned(),
                email: email.as_str().to_owned(),
                display_name: Some("Administrator".to_owned()),
                role: Role::Admin.as_str().to_owned(),
                status: "active".to_owned(),
                password_hash: Some(hash),
                is_first_admin: true,
                password_reset_token_hash: None,
                password_reset_expires_at: None,
                created_at: now,
                updated_at: now,
            },
        )?;
        // Nobody is signed in yet: the system acts. No webhook endpoint can exist yet either,
        // so the management tenant's creation is audited but publishes no event.
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::TenantCreated,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(AuditTarget::Tenant, tenant.id)
            .actor(Actor {
                user_id: None,
                username: Some("system".to_owned()),
                tenant_id: None,
            })
            .details(json!({ "bootstrap": true, "admin_user_id": admin.id })),
        )?;
        Ok(true)
    })
}
