//! Managing the plan catalogue: create, change, archive, list, read.

use super::catalogue::own_catalogue;
use super::views::{plan_view, prices};
use crate::change::{Change, changed_fields, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::PlanStatus;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::FieldErrors;
use landlord_domain::wire::{CreatePlanRequest, Page, PlanDefinition, PlanView, UpdatePlanRequest};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::billing::plans::{self as store, NewPlanRow, PlanChanges, PlanRow};
use landlord_persistence::capabilities::caps as caps_store;
use landlord_persistence::capabilities::catalogue as capabilities;
use landlord_persistence::{AnyConnection, Database, StoreError, tenants};
use serde_json::json;
use std::collections::{BTreeMap, HashSet};

/// The plan views with the features and quota limits their plans include.
fn with_capabilities(conn: &mut AnyConnection, views: &mut [PlanView]) -> OpResult<()> {
    let ids: Vec<i64> = views.iter().map(|v| v.id).collect();
    let mut features = capabilities::plan_features(conn, &ids)?;
    let mut quotas = capabilities::plan_quotas(conn, &ids)?;
    for view in views {
        view.features = features.remove(&view.id).unwrap_or_default();
        view.quotas = quotas.remove(&view.id).unwrap_or_default();
    }
    Ok(())
}

/// Replaces the plan's features and quota limits with those given (`None`: kept); every key
/// must be in the catalogue, else a field error under `features[i]` or `quotas.<key>`.
fn save_capabilities(
    tx: &mut AnyConnection,
    plan: i64,
    features: Option<&[String]>,
    quotas: Option<&BTreeMap<String, i64>>,
) -> OpResult<()> {
    let mut errors = FieldErrors::default();
    if let Some(features) = features {
        let known: HashSet<String> = capabilities::features(tx)?
            .into_iter()
            .map(|f| f.key)
            .collect();
        for (i, key) in features.iter().enumerate() {
            if !known.contains(key) {
                errors.push(
                    &format!("features[{i}]"),
                    "unknown_feature",
                    format!("there is no feature {key:?} in the catalogue"),
                );
            }
        }
    }
    if let Some(quotas) = quotas {
        let known: HashSet<String> = capabilities::quotas(tx)?
            .into_iter()
            .map(|q| q.key)
            .collect();
        for key in quotas.keys().filter(|k| !known.contains(*k)) {
            errors.push(
                &format!("quotas.{key}"),
                "unknown_quota",
                format!("there is no quota {key:?} in the catalogue"),
            );
        }
    }
    errors.into_result()?;
    if let Some(features) = features {
        let mut unique: Vec<String> = features.to_vec();
        unique.sort();
        unique.dedup();
        capabilities::set_plan_features(tx, plan, &unique)?;
    }
    if let Some(quotas) = quotas {
        capabilities::set_plan_quotas(tx, plan, quotas)?;
    }
    Ok(())
}

fn subscribers(conn: &mut AnyConnection, plan: &PlanRow) -> OpResult<i64> {
    Ok(store::subscriber_counts(conn, &[plan.id])?
        .get(&plan.id)
        .copied()
        .unwrap_or(0))
}

fn find(conn: &mut AnyConnection, owner: TenantId, code: &str) -> OpResult<PlanRow> {
    store::find_by_code(conn, owner, code)?.ok_or(OpError::NotFound("plan"))
}

fn record(
    tx: &mut AnyConnection,
    ctx: &Context,
    owner: TenantId,
    action: AuditAction,
    view: &PlanView,
    details: serde_json::Value,
) -> OpResult<()> {
    let tenant = tenants::find(tx, owner)?.ok_or(OpError::NotFound("tenant"))?;
    let object = serde_json::to_value(view).map_err(|e| OpError::Internal(e.to_string()))?;
    record_change(
        tx,
        ctx,
        Change::new(action, owner, tenant.tenant_path())
            .target(AuditTarget::Plan, view.id)
            .details(details)
            .object(object),
    )
}

pub fn create(db: &Database, ctx: &Context, request: CreatePlanRequest) -> OpResult<PlanView> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingManage)?;
    let (code, plan) = request.parse()?;
    ctx.transaction(db, |tx| {
        let row = store::insert(
            tx,
            NewPlanRow {
                tenant_id: owner.0,
                code: code.as_str().to_owned(),
                name: plan.name,
                description: plan.description,
                currency: request.currency.code().to_owned(),
                monthly_minor: plan.prices.monthly,
                quarterly_minor: plan.prices.quarterly,
                yearly_minor: plan.prices.yearly,
                trial_days: plan.trial_days.map(|d| d as i32),
                status: PlanStatus::Active.as_str().to_owned(),
                created_at: ctx.now,
                updated_at: ctx.now,
                cpu_day_price_micros: plan.cpu_day_price_micros,
                gb_day_price_micros: plan.gb_day_price_micros,
            },
        )
        .map_err(|e| match e {
            StoreError::Conflict(_) => OpError::conflict_field(
                ErrorCode::CodeTaken,
                "code",
                "a plan with this code is already in the catalogue",
                "is already used",
            ),
            other => other.into(),
        })?;
        save_capabilities(tx, row.id, Some(&request.features), Some(&request.quotas))?;
        let mut view = plan_view(&row, 0)?;
        with_capabilities(tx, std::slice::from_mut(&mut view))?;
        record(
            tx,
            ctx,
            owner,
            AuditAction::PlanCreated,
            &view,
            json!({ "after": view }),
        )?;
        Ok(view)
    })
}

fn definition(row: &PlanRow) -> PlanDefinition {
    PlanDefinition {
        name: row.name.clone(),
        description: row.description.clone(),
        prices: prices(row),
        trial_days: row.trial_days.map(|d| d as u32),
        cpu_day_price_micros: row.cpu_day_price_micros,
        gb_day_price_micros: row.gb_day_price_micros,
    }
}

fn save(
    db: &Database,
    ctx: &Context,
    code: &str,
    action: AuditAction,
    capabilities: (Option<&[String]>, Option<&BTreeMap<String, i64>>),
    change: impl FnOnce(&PlanRow) -> OpResult<(PlanDefinition, PlanStatus)>,
) -> OpResult<PlanView> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingManage)?;
    ctx.transaction(db, |tx| {
        let current = find(tx, owner, code)?;
        // New quota values change the subscribers' limits: the licence and caps apply.
        let guard = match capabilities.1 {
            Some(_) => {
                let mut parents = vec![owner];
                parents.extend(
                    caps_store::subscribers(tx, current.id)?
                        .into_iter()
                        .map(TenantId),
                );
                Some(crate::capabilities::caps::guard(tx, &parents)?)
            }
            None => None,
        };
        let mut before = plan_view(&current, subscribers(tx, &current)?)?;
        with_capabilities(tx, std::slice::from_mut(&mut before))?;
        let (plan, status) = change(&current)?;
        let row = store::update(
            tx,
            current.id,
            PlanChanges {
                name: plan.name,
                description: plan.description,
                monthly_minor: plan.prices.monthly,
                quarterly_minor: plan.prices.quarterly,
                yearly_minor: plan.prices.yearly,
                trial_days: plan.trial_days.map(|d| d as i32),
                status: status.as_str().to_owned(),
                updated_at: ctx.now,
                cpu_day_price_micros: plan.cpu_day_price_micros,
                gb_day_price_micros: plan.gb_day_price_micros,
            },
        )?;
        save_capabilities(tx, row.id, capabilities.0, capabilities.1)?;
        if let Some(guard) = guard {
            guard.verify(tx)?;
        }
        let mut view = plan_view(&row, before.subscribers)?;
        with_capabilities(tx, std::slice::from_mut(&mut view))?;
        let (old, new) = changed_fields(&before, &view);
        record(
            tx,
            ctx,
            owner,
            action,
            &view,
            json!({ "before": old, "after": new }),
        )?;
        Ok(view)
    })
}

/// Changes a plan's name, description, prices or trial. Subscribers pay the new price from
/// their next period on.
pub fn update(
    db: &Database,
    ctx: &Context,
    code: &str,
    request: UpdatePlanRequest,
) -> OpResult<PlanView> {
    let capabilities = (request.features.as_deref(), request.quotas.as_ref());
    save(
        db,
        ctx,
        code,
        AuditAction::PlanUpdated,
        capabilities,
        |row| {
            let currency = super::views::currency(&row.currency)?;
            let plan = request.apply(&definition(row), currency)?;
            let status = PlanStatus::parse(&row.status).unwrap_or(PlanStatus::Active);
            Ok((plan, status))
        },
    )
}

/// Archives a plan: it takes no new subscriptions; current subscribers stay on it.
pub fn archive(db: &Database, ctx: &Context, code: &str) -> OpResult<PlanView> {
    save(
        db,
        ctx,
        code,
        AuditAction::PlanArchived,
        (None, None),
        |row| {
            if row.status == PlanStatus::Archived.as_str() {
                return Err(OpError::conflict(
                    ErrorCode::InvalidTransition,
                    "the plan is already archived",
                ));
            }
            Ok((definition(row), PlanStatus::Archived))
        },
    )
}

/// The caller's catalogue by code, with subscriber counts.
pub fn list(
    db: &Database,
    ctx: &Context,
    status: Option<PlanStatus>,
    page: PageRequest,
) -> OpResult<Page<PlanView>> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingRead)?;
    db.read(|conn| {
        let (rows, total) = store::list(conn, owner, status.map(PlanStatus::as_str), page)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let counts = store::subscriber_counts(conn, &ids)?;
        let mut items = rows
            .iter()
            .map(|r| plan_view(r, counts.get(&r.id).copied().unwrap_or(0)))
            .collect::<OpResult<Vec<_>>>()?;
        with_capabilities(conn, &mut items)?;
        Ok(Page {
            items,
            total,
            total_exact: true,
            page: page.page,
            per_page: page.per_page,
        })
    })
}

pub fn get(db: &Database, ctx: &Context, code: &str) -> OpResult<PlanView> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingRead)?;
    db.read(|conn| {
        let row = find(conn, owner, code)?;
        let mut view = plan_view(&row, subscribers(conn, &row)?)?;
        with_capabilities(conn, std::slice::from_mut(&mut view))?;
        Ok(view)
    })
}
