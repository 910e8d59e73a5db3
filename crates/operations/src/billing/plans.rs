//! Managing the plan catalogue: create, change, archive, list, read.

use super::catalogue::own_catalogue;
use super::views::{plan_view, prices};
use crate::change::{Change, changed_fields, record_change};
use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_domain::billing::PlanStatus;
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::{CreatePlanRequest, Page, PlanDefinition, PlanView, UpdatePlanRequest};
use landlord_domain::{ErrorCode, Permission, TenantId};
use landlord_persistence::billing::plans::{self as store, NewPlanRow, PlanChanges, PlanRow};
use landlord_persistence::{AnyConnection, Database, StoreError, tenants};
use serde_json::json;

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
        let view = plan_view(&row, 0)?;
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
    }
}

fn save(
    db: &Database,
    ctx: &Context,
    code: &str,
    action: AuditAction,
    change: impl FnOnce(&PlanRow) -> OpResult<(PlanDefinition, PlanStatus)>,
) -> OpResult<PlanView> {
    let owner = own_catalogue(ctx.caller()?, Permission::BillingManage)?;
    ctx.transaction(db, |tx| {
        let current = find(tx, owner, code)?;
        let before = plan_view(&current, subscribers(tx, &current)?)?;
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
            },
        )?;
        let view = plan_view(&row, before.subscribers)?;
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
    save(db, ctx, code, AuditAction::PlanUpdated, |row| {
        let currency = super::views::currency(&row.currency)?;
        let plan = request.apply(&definition(row), currency)?;
        let status = PlanStatus::parse(&row.status).unwrap_or(PlanStatus::Active);
        Ok((plan, status))
    })
}

/// Archives a plan: it takes no new subscriptions; current subscribers stay on it.
pub fn archive(db: &Database, ctx: &Context, code: &str) -> OpResult<PlanView> {
    save(db, ctx, code, AuditAction::PlanArchived, |row| {
        if row.status == PlanStatus::Archived.as_str() {
            return Err(OpError::conflict(
                ErrorCode::InvalidTransition,
                "the plan is already archived",
            ));
        }
        Ok((definition(row), PlanStatus::Archived))
    })
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
        let items = rows
            .iter()
            .map(|r| plan_view(r, counts.get(&r.id).copied().unwrap_or(0)))
            .collect::<OpResult<Vec<_>>>()?;
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
        plan_view(&row, subscribers(conn, &row)?)
    })
}
