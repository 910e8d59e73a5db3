use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use crate::scope::visible;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{NewUser, UserView};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::models::NewUserRow;
use landlord_persistence::{Database, users};
use serde_json::json;

/// Creates a user in `tenant_id` (the caller's own tenant when absent), which must be
/// visible to the caller.
pub fn create(
    db: &Database,
    ctx: &Context,
    tenant_id: Option<i64>,
    new: NewUser,
) -> OpResult<UserView> {
    let caller = ctx.caller()?;
    caller.require(Permission::UsersManage)?;
    let tenant_id = tenant_id.unwrap_or(caller.tenant_id.0);
    let password_hash = match &new.password {
        Some(p) => Some(password::hash(p.expose()).map_err(OpError::Internal)?),
        None => None,
    };
    ctx.transaction(db, |tx| {
        let tenant = visible(tx, caller, tenant_id)?;
        if users::find_by_username(tx, TenantId(tenant_id), new.username.as_str())?.is_some() {
            return Err(OpError::conflict_field(
                ErrorCode::UsernameTaken,
                "username",
                format!(
                    "the username {:?} is already in use in this tenant",
                    new.username.as_str()
                ),
                "is already in use in this tenant",
            ));
        }
        let user = users::insert(
            tx,
            &tenant.tenant_path(),
            &NewUserRow {
                tenant_id,
                username: new.username.as_str().to_owned(),
                email: new.email.as_str().to_owned(),
                display_name: new.display_name.clone(),
                role: new.role.as_str().to_owned(),
                status: new.status.as_str().to_owned(),
                password_hash,
                is_first_admin: false,
                password_reset_token_hash: None,
                password_reset_expires_at: None,
                created_at: ctx.now,
                updated_at: ctx.now,
            },
        )?
        .to_view(&tenant.name)?;
        let object = serde_json::to_value(&user).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::UserCreated,
                tenant.tenant_id(),
                tenant.tenant_path(),
            )
            .target(AuditTarget::User, user.id)
            .details(json!({ "after": user }))
            .object(object),
        )?;
        Ok(user)
    })
}
