//! Tenants' subscriptions to applications: a tenant's subscribed and available lists,
//! subscribing and unsubscribing (by whoever manages the tenant), and the default
//! applications a new tenant is subscribed to in its creation's transaction.

use super::{application_view, available_to, instances_view};
use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use crate::scope;
use landlord_domain::application::{ApplicationStatus, ApplicationType, Isolation, status};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::wire::{InstancesView, SubscribedApplication, TenantApplications};
use landlord_domain::{Permission, TenantId};
use landlord_persistence::application_history as history;
use landlord_persistence::applications::{
    self as store, ALL_TENANTS, ApplicationRow, InstancesRow, SubscriptionRow,
};
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, Database, Timestamp};
use serde_json::json;
use std::collections::HashMap;

/// What a subscription answers: the subscription, and whether this request made it.
#[derive(Debug, Clone)]
pub struct Subscribed {
    pub subscription: SubscribedApplication,
    pub created: bool,
}

/// `tenant`'s applications: those it is subscribed to, with each microservice's status,
/// and those it may subscribe to.
pub fn tenant_applications(
    db: &Database,
    ctx: &Context,
    tenant: i64,
) -> OpResult<TenantApplications> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesRead)?;
    db.read(|conn| {
        let tenant = scope::visible(conn, caller, tenant)?;
        let subscriptions = store::subscriptions_of(conn, tenant.id)?;
        let keys: Vec<String> = subscriptions
            .iter()
            .map(|(s, _)| s.application_key.clone())
            .collect();
        let reports = reports_by_scope(store::instances_of(conn, &keys)?);
        let subscribed = subscriptions
            .iter()
            .map(|(sub, app)| subscribed_view(sub, app, &reports))
            .collect::<OpResult<Vec<_>>>()?;
        let owners: Vec<i64> = tenant
            .tenant_path()
            .ids()
            .into_iter()
            .map(|t| t.0)
            .collect();
        let available = store::owned_by(conn, &owners)?
            .iter()
            .filter(|app| !keys.contains(&app.key))
            .map(super::application_view)
            .collect::<OpResult<Vec<_>>>()?;
        Ok(TenantApplications {
            tenant_id: tenant.id,
            subscribed,
            available,
        })
    })
}

type Reports = HashMap<(String, String), InstancesRow>;

fn reports_by_scope(rows: Vec<InstancesRow>) -> Reports {
    rows.into_iter()
        .map(|r| ((r.application_key.clone(), r.scope_key.clone()), r))
        .collect()
}

/// The key under which a microservice's instances serving `tenant` are reported.
pub(crate) fn scope_key(isolation: Isolation, tenant: i64) -> String {
    match isolation {
        Isolation::PerTenant => tenant.to_string(),
        Isolation::MultiTenant => ALL_TENANTS.to_owned(),
    }
}

fn subscribed_view(
    sub: &SubscriptionRow,
    app: &ApplicationRow,
    reports: &Reports,
) -> OpResult<SubscribedApplication> {
    let application = application_view(app)?;
    let (status, instances) = match (application.application_type, application.isolation) {
        (ApplicationType::Microservice, Some(isolation)) => {
            let key = (app.key.clone(), scope_key(isolation, sub.tenant_id));
            let instances: Option<InstancesView> =
                reports.get(&key).map(instances_view).transpose()?;
            let status = instances.as_ref().map_or(status(None), |i| i.status);
            (Some(status), instances)
        }
        _ => (None::<ApplicationStatus>, None),
    };
    Ok(SubscribedApplication {
        application,
        subscribed_at: sub.subscribed_at.and_utc(),
        status,
        instances,
    })
}

/// The application `key` if `tenant` may use it (else "not found").
fn usable(conn: &mut AnyConnection, tenant: &TenantRow, key: &str) -> OpResult<ApplicationRow> {
    store::find(conn, key)?
        .filter(|app| available_to(app, &tenant.tenant_path()))
        .ok_or(OpError::NotFound("application"))
}

/// Subscribes `tenant` (which the caller manages) to application `key`. Subscribing again
/// changes nothing and answers the existing subscription.
pub fn subscribe(db: &Database, ctx: &Context, tenant: i64, key: &str) -> OpResult<Subscribed> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    ctx.transaction(db, |tx| {
        let tenant = scope::managed(tx, caller, tenant)?;
        let app = usable(tx, &tenant, key)?;
        let reports = reports_by_scope(store::instances_of(tx, std::slice::from_ref(&app.key))?);
        if let Some(existing) = store::subscription(tx, tenant.id, &app.key)? {
            return Ok(Subscribed {
                subscription: subscribed_view(&existing, &app, &reports)?,
                created: false,
            });
        }
        let row = insert(tx, ctx, &tenant, &app, ctx.now)?;
        Ok(Subscribed {
            subscription: subscribed_view(&row, &app, &reports)?,
            created: true,
        })
    })
}

/// Stores one subscription and records it (`application.subscribed`).
fn insert(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    app: &ApplicationRow,
    now: Timestamp,
) -> OpResult<SubscriptionRow> {
    let row = SubscriptionRow {
        tenant_id: tenant.id,
        application_key: app.key.clone(),
        subscribed_at: now,
    };
    store::subscribe(tx, &row)?;
    history::open_subscription(tx, tenant.id, &app.key, now)?;
    record(
        tx,
        ctx,
        AuditAction::ApplicationSubscribed,
        tenant,
        app,
        now,
    )?;
    Ok(row)
}

fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    action: AuditAction,
    tenant: &TenantRow,
    app: &ApplicationRow,
    at: Timestamp,
) -> OpResult<()> {
    let application = application_view(app)?;
    let object = json!({
        "tenant_id": tenant.id,
        "application": application,
        "subscribed_at": at.and_utc(),
    });
    record_change(
        tx,
        ctx,
        Change::new(action, TenantId(tenant.id), tenant.tenant_path())
            .target(AuditTarget::Application, &app.key)
            .details(json!({ "application": app.key }))
            .object(object),
    )
}

/// Ends `tenant`'s subscription to `key` (404 when there is none) and forgets the
/// tenant's reported instances.
pub fn unsubscribe(db: &Database, ctx: &Context, tenant: i64, key: &str) -> OpResult<()> {
    let caller = ctx.caller()?;
    caller.require(Permission::CapabilitiesManage)?;
    ctx.transaction(db, |tx| {
        let tenant = scope::managed(tx, caller, tenant)?;
        let app = usable(tx, &tenant, key)?;
        let since = store::subscription(tx, tenant.id, &app.key)?
            .ok_or(OpError::NotFound("subscription"))?
            .subscribed_at;
        store::unsubscribe(tx, tenant.id, &app.key)?;
        history::close_subscription(tx, tenant.id, &app.key, ctx.now)?;
        history::end_instances(tx, &app.key, &tenant.id.to_string(), ctx.now)?;
        record(
            tx,
            ctx,
            AuditAction::ApplicationUnsubscribed,
            &tenant,
            &app,
            since,
        )
    })
}

/// The default applications a new tenant gets: those its ancestors own marked `default`.
pub(crate) fn defaults_for(
    tx: &mut AnyConnection,
    tenant: &TenantRow,
) -> OpResult<Vec<ApplicationRow>> {
    let owners: Vec<i64> = tenant
        .tenant_path()
        .ids()
        .into_iter()
        .map(|t| t.0)
        .filter(|id| *id != tenant.id)
        .collect();
    Ok(store::defaults_owned_by(tx, &owners)?)
}

/// Subscribes a tenant being created to `defaults` ([`defaults_for`]), in its creation's
/// transaction, each recorded like any subscription.
pub(crate) fn subscribe_defaults(
    tx: &mut AnyConnection,
    ctx: &Context,
    tenant: &TenantRow,
    defaults: &[ApplicationRow],
) -> OpResult<()> {
    for app in defaults {
        insert(tx, ctx, tenant, app, ctx.now)?;
    }
    Ok(())
}
