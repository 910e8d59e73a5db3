//! `/plans`: the catalogue the operator's customers subscribe to, with each plan's prices per
//! cycle, trial, status and subscribers; plans are added, edited and archived here.

use crate::api::{ApiError, billing};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::plan_form::{ArchivePlanDialog, PlanFormDialog};
use crate::format;
use crate::loader::latest;
use landlord_domain::Permission;
use landlord_domain::billing::PlanStatus;
use landlord_domain::wire::PlanView;
use leptos::prelude::*;

const COLUMNS: usize = 10;

#[derive(Clone)]
enum Open {
    New,
    Edit(PlanView),
    Archive(PlanView),
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0_u64);
    let key = Memo::new(move |_| reload.get());
    let list = latest(key, |_, _| billing::list_plans(false));
    let dialog = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    let can_manage = Signal::derive(move || session.can(Permission::BillingManage));

    let close = Callback::new(move |()| dialog.set(None));
    let done = move |message: String| {
        dialog.set(None);
        notice.set(Some(message));
        reload.update(|n| *n += 1);
    };
    let saved = Callback::new(move |plan: PlanView| done(format!("{} was saved.", plan.name)));
    let archived =
        Callback::new(move |plan: PlanView| done(format!("{} was archived.", plan.name)));
    let open = Callback::new(move |open: Open| {
        notice.set(None);
        dialog.set(Some(open));
    });

    view! {
        <section class="page plans-page" aria-labelledby="plans-title" data-testid="plans-page">
            <header class="page-header">
                <div>
                    <h1 id="plans-title">"Plans"</h1>
                    <p class="page-subtitle">
                        "The catalogue your customers subscribe to. An archived plan takes no new subscriptions; its subscribers stay on it."
                    </p>
                </div>
                <Show when=move || can_manage.get()>
                    <button type="button" class="button button-primary" data-testid="new-plan" on:click=move |_| open.run(Open::New)>
                        <span aria-hidden="true">"+ "</span>
                        "New plan"
                    </button>
                </Show>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="plans-notice">{message}</div>
            })}
            <div class="card table-card" class:is-loading=move || list.loading.get()>
                <table class="data-table" data-testid="plans-table">
                    <thead>
                        <tr>
                            <th scope="col">"Code"</th>
                            <th scope="col">"Name"</th>
                            <th scope="col" class="col-money">"Monthly"</th>
                            <th scope="col" class="col-money">"Quarterly"</th>
                            <th scope="col" class="col-money">"Yearly"</th>
                            <th scope="col">"Trial"</th>
                            <th scope="col">"Includes"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="col-count">"Subscribers"</th>
                            <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.data.with(|data| match data {
                            None => view! { <tr><td colspan=COLUMNS class="table-message muted" data-testid="plans-loading">"Loading…"</td></tr> }.into_any(),
                            Some(Err(error)) => {
                                let error: ApiError = error.clone();
                                view! { <tr><td colspan=COLUMNS class="table-message"><ErrorAlert error testid="plans-error" /></td></tr> }.into_any()
                            }
                            Some(Ok(page)) if page.items.is_empty() => view! {
                                <tr><td colspan=COLUMNS class="table-message">
                                    <div class="empty-state" data-testid="plans-empty">
                                        <p class="empty-title">"No plans yet"</p>
                                        <p class="muted">"Add one so customers can subscribe to it."</p>
                                    </div>
                                </td></tr>
                            }.into_any(),
                            Some(Ok(page)) => page.items.iter().map(|plan| view! {
                                <PlanRow plan=plan.clone() can_manage open />
                            }).collect::<Vec<_>>().into_any(),
                        })}
                    </tbody>
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                Open::New => view! { <PlanFormDialog plan=None on_close=close on_saved=saved /> }.into_any(),
                Open::Edit(plan) => view! { <PlanFormDialog plan=Some(plan) on_close=close on_saved=saved /> }.into_any(),
                Open::Archive(plan) => view! { <ArchivePlanDialog plan on_close=close on_archived=archived /> }.into_any(),
            })}
        </section>
    }
}

fn price_cell(price: Option<&String>, plan: &PlanView) -> AnyView {
    match price {
        Some(price) => {
            view! { <td class="col-money">{format::money(price, plan.currency)}</td> }.into_any()
        }
        None => view! { <td class="col-money"><span class="muted">"—"</span></td> }.into_any(),
    }
}

/// "3 features · 2 quotas": what the plan sets beyond the catalogue's defaults.
fn includes(plan: &PlanView) -> String {
    if plan.features.is_empty() && plan.quotas.is_empty() {
        return "Defaults".to_owned();
    }
    format!(
        "{} · {}",
        format::count(plan.features.len() as i64, "feature", "features"),
        format::count(plan.quotas.len() as i64, "quota", "quotas"),
    )
}

/// Every feature and limit, one per line, for the cell's tooltip.
fn includes_title(plan: &PlanView) -> String {
    let limits = plan.quotas.iter().map(|(key, limit)| match limit {
        -1 => format!("{key}: unlimited"),
        n => format!("{key}: {n}"),
    });
    plan.features
        .iter()
        .cloned()
        .chain(limits)
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
fn PlanRow(plan: PlanView, can_manage: Signal<bool>, open: Callback<Open>) -> impl IntoView {
    let stored = StoredValue::new(plan.clone());
    let active = plan.status == PlanStatus::Active;
    let trial = match plan.trial_days {
        Some(days) => format::count(i64::from(days), "day", "days"),
        None => "—".to_owned(),
    };
    view! {
        <tr data-testid="plan-row" data-code=plan.code.clone() data-status=plan.status.as_str()>
            <td><span class="mono strong">{plan.code.clone()}</span></td>
            // The name cell takes the room left, so a long description is cut rather than
            // pushing the actions off the screen.
            <td class="col-name" title=plan.description.clone()>
                <span class="row-title">{plan.name.clone()}</span>
                {plan.description.clone().map(|d| view! { <span class="row-sub">{d}</span> })}
            </td>
            {price_cell(plan.prices.monthly.as_ref(), &plan)}
            {price_cell(plan.prices.quarterly.as_ref(), &plan)}
            {price_cell(plan.prices.yearly.as_ref(), &plan)}
            <td>{trial}</td>
            <td data-testid="plan-includes" title=includes_title(&plan)>{includes(&plan)}</td>
            <td>
                {if active {
                    view! { <span class="badge badge-active" data-testid="plan-status"><span class="badge-dot" aria-hidden="true"></span>"Active"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-inactive" data-testid="plan-status"><span class="badge-dot" aria-hidden="true"></span>"Archived"</span> }.into_any()
                }}
            </td>
            <td class="col-count" data-testid="plan-subscribers">{format::number(plan.subscribers)}</td>
            <td class="col-actions">
                <Show when=move || can_manage.get()>
                    <div class="row-actions">
                        <button type="button" class="button button-secondary button-small" data-testid="plan-edit" on:click=move |_| open.run(Open::Edit(stored.get_value()))>
                            "Edit"
                        </button>
                        {active.then(|| view! {
                            <button type="button" class="button button-danger-ghost button-small" data-testid="plan-archive" on:click=move |_| open.run(Open::Archive(stored.get_value()))>
                                "Archive"
                            </button>
                        })}
                    </div>
                </Show>
            </td>
        </tr>
    }
}
