//! A tenant's options (`category`, `key`, `value`) and retention rules. Visible tenants'
//! options are read with `tenants:read` and changed with `tenants:update`; only the
//! management tenant sets `locked`, and a locked option answers 403 `option_locked` to
//! everyone else. A `credentials.` key's value is encrypted here ([`Cipher`]) before it is
//! stored and never answered in clear.

pub mod cipher;
mod retention_rules;
pub use cipher::Cipher;
pub use retention_rules::{get_rules, put_rules, rule_rows, rules_view};

use crate::change::{Change, record_change};
use crate::context::{Caller, Context};
use crate::error::{OpError, OpResult};
use crate::scope;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::policy::{self, is_credential};
use landlord_domain::wire::{FieldErrors, PutOptionRequest, TenantOptionView, check_option_name};
use landlord_domain::{ErrorCode, Permission};
use landlord_persistence::Database;
use landlord_persistence::models::TenantRow;
use landlord_persistence::policies::{self as store, OptionRow};
use serde_json::json;

/// An option as answered: a credential's value is `null`.
pub fn view(row: &OptionRow) -> TenantOptionView {
    TenantOptionView {
        category: row.category.clone(),
        key: row.option_key.clone(),
        value: (!row.encrypted).then(|| row.value.clone()),
        encrypted: row.encrypted,
        locked: row.locked,
        updated_at: row.updated_at.and_utc(),
    }
}

/// The option's path, checked.
fn check_path(category: &str, key: &str) -> OpResult<()> {
    let mut e = FieldErrors::default();
    check_option_name(&mut e, "category", category);
    check_option_name(&mut e, "key", key);
    Ok(e.into_result()?)
}

fn locked_refusal() -> OpError {
    OpError::forbidden(
        ErrorCode::OptionLocked,
        "the management tenant locked this option",
    )
}

fn record(
    tx: &mut landlord_persistence::AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    action: AuditAction,
    option: &TenantOptionView,
) -> OpResult<()> {
    record_change(
        tx,
        ctx,
        Change::new(action, tenant.tenant_id(), tenant.tenant_path())
            .target(
                AuditTarget::TenantOption,
                format!("{}/{}", option.category, option.key),
            )
            .details(json!({ "option": option })),
    )
}

fn reader(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    Ok(caller)
}

fn writer(ctx: &Context) -> OpResult<&Caller> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsUpdate)?;
    Ok(caller)
}

/// The options of a visible tenant, by category and key.
pub fn list(db: &Database, ctx: &Context, tenant: i64) -> OpResult<Vec<TenantOptionView>> {
    let caller = reader(ctx)?;
    db.read(|conn| {
        let tenant = scope::visible(conn, caller, tenant)?;
        Ok(store::options_of(conn, tenant.id)?
            .iter()
            .map(view)
            .collect())
    })
}

/// One option of a visible tenant.
pub fn get(
    db: &Database,
    ctx: &Context,
    tenant: i64,
    category: &str,
    key: &str,
) -> OpResult<TenantOptionView> {
    let caller = reader(ctx)?;
    check_path(category, key)?;
    db.read(|conn| {
        let tenant = scope::visible(conn, caller, tenant)?;
        let row = store::find_option(conn, tenant.id, category, key)?
            .ok_or(OpError::NotFound("option"))?;
        Ok(view(&row))
    })
}

/// Sets one option of a visible tenant (`locked` from the management tenant only).
pub fn put(
    db: &Database,
    ctx: &Context,
    cipher: &Cipher,
    tenant: i64,
    (category, key): (&str, &str),
    request: PutOptionRequest,
) -> OpResult<TenantOptionView> {
    let caller = writer(ctx)?;
    check_path(category, key)?;
    request.parse()?;
    let management = caller.is_management();
    if request.locked.is_some() && !management {
        return Err(OpError::forbidden_field(
            ErrorCode::ManagementOnly,
            "locked",
            "only the management tenant may lock or unlock an option",
        ));
    }
    let encrypted = is_credential(key);
    let value = if encrypted {
        cipher.encrypt(category, key, &request.value)?
    } else {
        request.value.clone()
    };
    ctx.transaction(db, |tx| {
        let tenant = scope::visible(tx, caller, tenant)?;
        let existing = store::find_option(tx, tenant.id, category, key)?;
        let was_locked = existing.as_ref().is_some_and(|o| o.locked);
        if !policy::may_change(was_locked, management) {
            return Err(locked_refusal());
        }
        let row = OptionRow {
            tenant_id: tenant.id,
            category: category.to_owned(),
            option_key: key.to_owned(),
            value,
            encrypted,
            locked: request.locked.unwrap_or(was_locked),
            updated_at: ctx.now,
        };
        store::put_option(tx, &row)?;
        let option = view(&row);
        record(tx, ctx, &tenant, AuditAction::TenantOptionSet, &option)?;
        Ok(option)
    })
}

/// Deletes one option of a visible tenant (a locked one: by the management tenant only).
pub fn delete(
    db: &Database,
    ctx: &Context,
    tenant: i64,
    category: &str,
    key: &str,
) -> OpResult<TenantOptionView> {
    let caller = writer(ctx)?;
    check_path(category, key)?;
    ctx.transaction(db, |tx| {
        let tenant = scope::visible(tx, caller, tenant)?;
        let row =
            store::find_option(tx, tenant.id, category, key)?.ok_or(OpError::NotFound("option"))?;
        if !policy::may_change(row.locked, caller.is_management()) {
            return Err(locked_refusal());
        }
        store::delete_option(tx, tenant.id, category, key)?;
        let option = view(&row);
        record(tx, ctx, &tenant, AuditAction::TenantOptionDeleted, &option)?;
        Ok(option)
    })
}
