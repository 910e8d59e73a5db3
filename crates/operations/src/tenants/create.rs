use super::domain_conflict;
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::password;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::mail::{AdminNotification, MailKind};
use landlord_domain::tenant::StatusChange;
use landlord_domain::wire::{NewTenant, TenantView};
use landlord_domain::{ErrorCode, Permission, Role, TenantStatus};
use landlord_persistence::models::{NewTenantRow, NewUserRow, TenantRow, search_text};
use landlord_persistence::{AnyConnection, Database, Timestamp, tenants, users};
use serde_json::json;

/// How long a first administrator's password-reset link stays valid.
const RESET_LINK_DAYS: i64 = 7;

/// A new tenant, and the one-time reset token when no admin password was given.
#[derive(Debug, Clone)]
pub struct CreatedTenant {
    pub tenant: TenantView,
    pub admin_password_reset_token: Option<String>,
}

/// Creates a subtenant of the caller's tenant, provisioned with its first administrator.
pub fn create(db: &Database, ctx: &Context, new: NewTenant) -> OpResult<CreatedTenant> {
    let caller = ctx.caller()?.clone();
    caller.require(Permission::TenantsCreate)?;
    if !caller.may_have_subtenants() {
        return Err(OpError::forbidden(
            ErrorCode::SubtenantsNotAllowed,
            "this tenant is not allowed to create subtenants",
        ));
    }
    if new.allow_subtenants && !caller.is_management() {
        return Err(OpError::forbidden_field(
            ErrorCode::ManagementOnly,
            "allow_subtenants",
            "only the management tenant may allow subtenants",
        ));
    }
    if let Some(field) = new.request_limits.given_field()
        && !caller.is_management()
    {
        return Err(limits_management_only(field));
    }
    // A credentials mail without a given password carries a generated one.
    let mailed_password = match (new.admin_notification, &new.admin_password) {
        (AdminNotification::Credentials, Some(p)) => Some(p.expose().to_owned()),
        (AdminNotification::Credentials, None) => Some(password::random_secret(8)),
        _ => None,
    };
    // Hash outside the transaction: it is deliberately slow and needs no database.
    let password_hash = match (&new.admin_password, &mailed_password) {
        (Some(p), _) => Some(password::hash(p.expose()).map_err(OpError::Internal)?),
        (None, Some(p)) => Some(password::hash(p).map_err(OpError::Internal)?),
        (None, None) => None,
    };
    let reset_token = password_hash.is_none().then(|| password::random_secret(32));
    let package = match &new.subscription {
        Some(request) => {
            caller.require(Permission::BillingManage)?;
            Some((
                request,
                crate::billing::subscriptions::parse_for_creation(request, ctx.now)?,
            ))
        }
        None => None,
    };
    let now = ctx.now;
    let tenant = ctx.transaction(db, |tx| {
        let guard = crate::capabilities::caps::guard(tx, &[caller.tenant_id])?;
        if tenants::domain_taken(tx, new.domain.as_str(), None)? {
            return Err(domain_conflict(new.domain.as_str()));
        }
        let parent = tenants::find(tx, caller.tenant_id)?.ok_or(OpError::NotFound("tenant"))?;
        let contact_email = new.contact_email.as_ref().map(|e| e.as_str().to_owned());
        let row = tenants::insert(
            tx,
            Some(&parent.tenant_path()),
            NewTenantRow {
                domain: new.domain.as_str().to_owned(),
                name: new.name.as_str().to_owned(),
                tenant_type: new.tenant_type.as_str().to_owned(),
                status: TenantStatus::Provisioning.as_str().to_owned(),
                parent_id: Some(parent.id),
                path: String::new(),
                search_text: search_text(
                    new.name.as_str(),
                    new.domain.as_str(),
                    contact_email.as_deref(),
                    new.admin_email.as_str(),
                ),
                contact_name: new.contact_name.clone(),
                contact_email,
                contact_phone: new.contact_phone.clone(),
                contact_address: new.details.contact_address.clone(),
                country: new.details.country.clone(),
                billing_payment_method: new.details.billing_payment_method.clone(),
                billing_address: new.details.billing_address.clone(),
                web_address: new.details.web_address.clone(),
                support_email: new
                    .details
                    .support_email
                    .as_ref()
                    .map(|e| e.as_str().to_owned()),
                billing_email: new
                    .details
                    .billing_email
                    .as_ref()
                    .map(|e| e.as_str().to_owned()),
                company_size: new.details.company_size.map(|c| c.as_str().to_owned()),
                time_zone: new.details.time_zone.clone(),
                language: new.details.language.clone(),
                admin_first_name: new.details.admin_first_name.clone(),
                limit_http_requests: new.request_limits.requests,
                limit_http_queue: new.request_limits.queue,
                admin_username: new.admin_username.as_str().to_owned(),
                admin_email: new.admin_email.as_str().to_owned(),
                allow_subtenants: new.allow_subtenants,
                created_at: now,
                updated_at: now,
            },
        )?;
        // Its custom property values: those given, and the library's defaults for the rest.
        let values = crate::custom_properties::values::initial(tx, &new.custom_properties)?;
        let row = if values.is_empty() {
            row
        } else {
            landlord_persistence::custom_properties::set_tenant_values(
                tx,
                row.tenant_id(),
                &values,
            )?;
            tenants::find(tx, row.tenant_id())?.ok_or(OpError::NotFound("tenant"))?
        };
        let admin = users::insert(
            tx,
            &row.tenant_path(),
            &NewUserRow {
                tenant_id: row.id,
                username: new.admin_username.as_str().to_owned(),
                email: new.admin_email.as_str().to_owned(),
                display_name: new.details.admin_first_name.clone(),
                role: Role::Admin.as_str().to_owned(),
                status: "active".to_owned(),
                password_hash,
                is_first_admin: true,
                password_reset_token_hash: reset_token.as_deref().map(password::token_digest),
                password_reset_expires_at: reset_token
                    .as_ref()
                    .map(|_| now + chrono::Duration::days(RESET_LINK_DAYS)),
                created_at: now,
                updated_at: now,
            },
        )?;
        // The tenant policy chosen at creation: copied (or linked) in this transaction.
        let policy_applied = match &new.policy {
            Some(choice) => crate::policies::apply_at_creation(tx, ctx, &row, choice)?,
            None => false,
        };
        // The default applications of its ancestors, subscribed once the tenant is recorded.
        let default_applications = crate::applications::subscriptions::defaults_for(tx, &row)?;
        // The pipeline: the built-in steps run in this transaction; external steps, if the
        // operator defined any, keep the tenant `provisioning` until the runner ends them.
        let external = crate::provisioning::pipeline::write(
            tx,
            row.id,
            crate::provisioning::pipeline::BuiltinOutcome {
                policy_applied,
                applications_subscribed: !default_applications.is_empty(),
                subscription_started: package.is_some(),
            },
            now,
        )?;
        let row = if external {
            row
        } else {
            let active = row
                .status()?
                .apply(StatusChange::FinishProvisioning)
                .map_err(|e| OpError::Internal(e.to_string()))?;
            tenants::set_status(tx, row.tenant_id(), active, None, now)?
        };
        notify_admin(
            tx,
            now,
            &row,
            new.admin_notification,
            reset_token.as_deref(),
            mailed_password.as_deref(),
        )?;
        let view = row.to_view()?;
        let object = serde_json::to_value(&view).map_err(|e| OpError::Internal(e.to_string()))?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::TenantCreated,
                row.tenant_id(),
                row.tenant_path(),
            )
            .target(AuditTarget::Tenant, row.id)
            .details(json!({
                "after": view,
                "admin_user_id": admin.id,
                "admin_password_reset_link": reset_token.is_some(),
                "admin_notification": new.admin_notification,
            }))
            .object(object),
        )?;
        crate::applications::subscriptions::subscribe_defaults(
            tx,
            ctx,
            &row,
            &default_applications,
        )?;
        let view = match &package {
            Some((request, account)) => {
                crate::billing::subscriptions::start_for_new_tenant(
                    tx, ctx, &row, request, account,
                )?;
                tenants::find(tx, row.tenant_id())?
                    .ok_or(OpError::NotFound("tenant"))?
                    .to_view()?
            }
            None => view,
        };
        // The new tenant's limits count toward the licence and its parent's own limits.
        guard.verify(tx)?;
        Ok(view)
    })?;
    Ok(CreatedTenant {
        tenant: tenant.seen_by(caller.tenant_rules()),
        admin_password_reset_token: reset_token,
    })
}

/// Queues the first administrator's mail chosen by `admin_notification`: the activation
/// link (the reset token's link, valid once) or the sign-in details.
fn notify_admin(
    tx: &mut AnyConnection,
    now: Timestamp,
    tenant: &TenantRow,
    how: AdminNotification,
    reset_token: Option<&str>,
    password: Option<&str>,
) -> OpResult<()> {
    use crate::mail::queue::{queue, values, when};
    let username = tenant.admin_username.clone();
    let (kind, values) = match (how, reset_token, password) {
        (AdminNotification::ActivationLink, Some(token), _) => (
            MailKind::ActivationLink,
            values([
                ("username", username),
                ("token", token.to_owned()),
                (
                    "expires_at",
                    when(now + chrono::Duration::days(RESET_LINK_DAYS)),
                ),
            ]),
        ),
        (AdminNotification::Credentials, _, Some(password)) => (
            MailKind::Credentials,
            values([("username", username), ("password", password.to_owned())]),
        ),
        _ => return Ok(()),
    };
    queue(tx, now, tenant, kind, &tenant.admin_email, values)?;
    Ok(())
}

/// A reseller that set its subtenants' request-rate limits could lift them (and, signing
/// in as such a subtenant, its own): the limits are the operator's to set.
pub(super) fn limits_management_only(field: &'static str) -> OpError {
    OpError::forbidden_field(
        ErrorCode::ManagementOnly,
        field,
        "only the management tenant sets request-rate limits",
    )
}
