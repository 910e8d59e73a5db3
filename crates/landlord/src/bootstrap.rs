//! First start: the management tenant and its first administrator.

use crate::config::BootstrapArgs;
use anyhow::anyhow;
use landlord_domain::password::NewPassword;
use landlord_domain::tenant::MANAGEMENT_DOMAIN;
use landlord_domain::{Clock, Email, Username};
use landlord_operations::{Context, password};
use landlord_persistence::{Database, tenants};

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
    let ctx = Context::new(None, clock.now().naive_utc(), None);
    landlord_operations::tenants::create_management_tenant(db, &ctx, &username, &email, &chosen)
        .map_err(|e| anyhow!("creating the management tenant: {e}"))?;
    Ok(Bootstrap::Created {
        username: username.into_inner(),
        generated_password: generated,
    })
}
