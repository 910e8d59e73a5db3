//! First start: the management tenant and its first administrator.

use crate::config::BootstrapArgs;
use anyhow::{Context, anyhow};
use landlord_api::auth::password;
use landlord_domain::audit::AuditAction;
use landlord_domain::password::NewPassword;
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::{Clock, Email, Role, TenantStatus, TenantType, Username};
use landlord_persistence::audit::{self, Actor, AuditRecord};
use landlord_persistence::models::{NewTenantRow, NewUserRow, search_text};
use landlord_persistence::{Database, StoreError, tenants, users};
use serde_json::json;

/// What bootstrapping did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bootstrap {
    /// The database already had its management tenant.
    AlreadyDone,
    /// Created the management tenant; carries the password if it was generated.
    Created {
        username: String,
        generated_password: Option<String>,
    },
}

pub fn ensure_management_tenant(
    db: &Database,
    clock: &dyn Clock,
    args: &BootstrapArgs,
) -> anyhow::Result<Bootstrap> {
    let (username, email, given_password) = (
        args.admin_username.as_str(),
        args.admin_email.as_str(),
        args.admin_password.as_deref(),
    );
    if db
        .read(|conn| tenants::find_by_domain(conn, MANAGEMENT_DOMAIN))?
        .is_some()
    {
        return Ok(Bootstrap::AlreadyDone);
    }
    let username = Username::parse(username).map_err(|e| anyhow!("LANDLORD_ADMIN_USERNAME {e}"))?;
    let email = Email::parse(email).map_err(|e| anyhow!("LANDLORD_ADMIN_EMAIL {e}"))?;
    let generated = given_password
        .is_none()
        .then(|| password::random_secret(12));
    let chosen = given_password.or(generated.as_deref()).unwrap_or_default();
    let chosen = NewPassword::parse(chosen).map_err(|e| anyhow!("LANDLORD_ADMIN_PASSWORD {e}"))?;
    let hash = password::hash(chosen.expose()).map_err(|e| anyhow!(e))?;
    let now = clock.now().naive_utc();
    db.write(|conn| {
        let tenant = tenants::insert(
            conn,
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
                admin_username: username.as_str().to_owned(),
                admin_email: email.as_str().to_owned(),
                allow_subtenants: true,
                search_text: search_text("Management", MANAGEMENT_DOMAIN, None, email.as_str()),
                created_at: now,
                updated_at: now,
            },
        )?;
        let admin = users::insert(
            conn,
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
        audit::record(
            conn,
            AuditRecord {
                tenant_id: tenant.tenant_id(),
                action: AuditAction::TenantCreated,
                success: true,
                actor: Actor {
                    user_id: None,
                    username: Some("system".to_owned()),
                    tenant_id: None,
                },
                target: landlord_domain::audit::AuditTarget::Tenant,
                target_id: Some(tenant.id.to_string()),
                request_id: None,
                details: json!({ "bootstrap": true, "admin_user_id": admin.id }),
                occurred_at: now,
            },
        )?;
        Ok::<_, StoreError>(())
    })
    .context("creating the management tenant")?;
    Ok(Bootstrap::Created {
        username: username.into_inner(),
        generated_password: generated,
    })
}
