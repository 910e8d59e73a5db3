//! The Subscription tab of a customer: its plan, cycle, status, period, payment method and
//! billing account, any scheduled change or cancellation (with a way back), and the actions:
//! change plan, cancel, pause and resume; or starting one when it has none.

use crate::api::{ApiError, billing};
use crate::app::TenantsChanged;
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::plan_change_dialog::PlanChangeDialog;
use crate::components::status_badge::BillingStateBadge;
use crate::components::subscription_dialogs::{
    CancelSubscriptionDialog, cycle_label, cycle_noun, payment_method_text,
};
use crate::format;
use landlord_domain::Permission;
use landlord_domain::billing::SubscriptionStatus;
use landlord_domain::wire::{PutSubscriptionRequest, SubscriptionView, TenantView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Change,
    Cancel,
}

fn status_label(status: SubscriptionStatus) -> (&'static str, &'static str) {
    match status {
        SubscriptionStatus::Trialing => ("Trialing", "info"),
        SubscriptionStatus::Active => ("Active", "active"),
        SubscriptionStatus::PastDue => ("Past due", "suspended"),
        SubscriptionStatus::Paused => ("Paused", "inactive"),
        SubscriptionStatus::Canceled => ("Canceled", "inactive"),
        SubscriptionStatus::Pending => ("Pending payment", "provisioning"),
    }
}

#[component]
pub fn SubscriptionTab(tenant: TenantView) -> impl IntoView {
    let session = use_session();
    let changed = expect_context::<TenantsChanged>();
    let id = tenant.id;
    // Plans come from the parent's catalogue; the caller's is the one this app can list.
    let own_catalogue = tenant.parent_id.is_some() && tenant.parent_id == session.own_tenant_id();
    let manage = session.can(Permission::BillingManage);
    let subscription = LocalResource::new(move || billing::get_subscription(id));
    let dialog = RwSignal::new(None::<Open>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let close = Callback::new(move |()| dialog.set(None));
    // A change to the subscription can change the tenant too (its invoices, its status), so
    // the whole panel reloads, this tab with it, once: no second render to go stale.
    let saved = Callback::new(move |_: SubscriptionView| {
        dialog.set(None);
        changed.notify();
    });
    let run = move |call: Action, sub: Option<SubscriptionView>| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = match (call, sub) {
                (Action::Pause, _) => billing::pause_subscription(id).await,
                (Action::Resume, _) => billing::resume_subscription(id).await,
                (Action::Keep, Some(sub)) => {
                    let keep = PutSubscriptionRequest {
                        plan: sub.plan,
                        cycle: sub.cycle,
                        start_at: None,
                        payment_method: None,
                        billing_email: None,
                        tax_rate: None,
                        payment_terms_days: None,
                    };
                    billing::put_subscription(id, &keep).await
                }
                (Action::Keep, None) => return,
            };
            busy.set(false);
            match result {
                Ok(sub) => saved.run(sub),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let act = Callback::new(move |(call, sub): (Action, Option<SubscriptionView>)| run(call, sub));

    view! {
        <section class="panel-section subscription-tab" data-testid="subscription-tab" aria-label="Subscription">
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="subscription-action-error" /> })}
            {move || match subscription.get() {
                None => view! { <p class="muted" data-testid="subscription-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="subscription-error" /> }.into_any(),
                Some(Ok(None)) => view! {
                    <div class="empty-state" data-testid="subscription-none">
                        <p class="empty-title">"No subscription"</p>
                        <p class="muted">"Start one on a plan of your catalogue."</p>
                        {(manage && own_catalogue).then(|| view! {
                            <button type="button" class="button button-primary" data-testid="subscription-start" on:click=move |_| dialog.set(Some(Open::Change))>
                                "Start subscription"
                            </button>
                        })}
                    </div>
                }.into_any(),
                Some(Ok(Some(sub))) => view! {
                    <SubscriptionDetails sub manage own_catalogue busy dialog act />
                }.into_any(),
            }}
            {move || {
                let current = subscription.get().and_then(Result::ok).flatten();
                dialog.get().map(|open| match open {
                    Open::Change => view! { <PlanChangeDialog tenant=id current on_close=close on_saved=saved /> }.into_any(),
                    Open::Cancel => view! { <CancelSubscriptionDialog tenant=id current on_close=close on_saved=saved /> }.into_any(),
                })
            }}
        </section>
    }
}

/// What a button of the tab does without a dialog.
#[derive(Clone, Copy)]
enum Action {
    Pause,
    Resume,
    /// Stay on the current plan and cycle: undoes a scheduled downgrade or cancellation.
    Keep,
}

fn property(label: &'static str, testid: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="property">
            <dt>{label}</dt>
            <dd data-testid=testid>{value}</dd>
        </div>
    }
}

#[component]
fn SubscriptionDetails(
    sub: SubscriptionView,
    manage: bool,
    own_catalogue: bool,
    busy: RwSignal<bool>,
    dialog: RwSignal<Option<Open>>,
    act: Callback<(Action, Option<SubscriptionView>)>,
) -> impl IntoView {
    let stored = StoredValue::new(sub.clone());
    let (label, tone) = status_label(sub.status);
    let money = |amount: &str| format::money(amount, sub.currency);
    let status = sub.status;
    let paused = status == SubscriptionStatus::Paused;
    let pausable = matches!(
        status,
        SubscriptionStatus::Active | SubscriptionStatus::PastDue | SubscriptionStatus::Trialing
    );
    let keep = move |_| act.run((Action::Keep, Some(stored.get_value())));
    let scheduled = sub.scheduled_change.clone().map(|change| {
        view! {
            <div class="alert alert-info notice-with-action" role="status" data-testid="subscription-scheduled">
                <p>
                    {format!(
                        "Downgrades to {} ({}) on {}.",
                        change.plan_name,
                        cycle_label(change.cycle).to_lowercase(),
                        format::day(&change.at),
                    )}
                </p>
                {manage.then(|| view! {
                    <button type="button" class="button button-secondary button-small" data-testid="subscription-keep" disabled=move || busy.get() on:click=keep>
                        {format!("Keep {}", stored.with_value(|s| s.plan_name.clone()))}
                    </button>
                })}
            </div>
        }
    });
    let cancelling = sub.cancel_at_period_end.then(|| {
        view! {
            <div class="alert alert-error notice-with-action" role="status" data-testid="subscription-cancelling">
                <p>{format!("Cancels at the end of the period, on {}.", format::day(&sub.current_period_end))}</p>
                {manage.then(|| view! {
                    <button type="button" class="button button-secondary button-small" data-testid="subscription-undo-cancel" disabled=move || busy.get() on:click=keep>
                        "Undo"
                    </button>
                })}
            </div>
        }
    });
    view! {
        <header class="subscription-header">
            <div>
                <p class="eyebrow">"Plan"</p>
                <h3 data-testid="subscription-plan" data-plan=sub.plan.clone() data-cycle=sub.cycle.as_str()>
                    {sub.plan_name.clone()}
                    <span class="muted">{format!(" · {}", cycle_label(sub.cycle))}</span>
                </h3>
                <p class="muted" data-testid="subscription-price">
                    {format!("{} per {}", money(&sub.price), cycle_noun(sub.cycle))}
                </p>
            </div>
            <span class="badges">
                <span class=format!("badge badge-{tone}") data-testid="subscription-status" data-status=status.as_str()>
                    <span class="badge-dot" aria-hidden="true"></span>
                    {label}
                </span>
                <BillingStateBadge state=sub.billing_state.clone() testid="subscription-billing-state" />
            </span>
        </header>
        {scheduled}
        {cancelling}
        <dl class="properties" data-testid="subscription-properties">
            {property(
                "Current period",
                "subscription-period",
                format!("{} – {}", format::day(&sub.current_period_start), format::day(&sub.current_period_end)),
            )}
            {sub.trial_end.map(|end| property("Trial ends", "subscription-trial-end", format::day(&end)))}
            {property("Payment method", "subscription-payment-method", payment_method_text(&sub.payment_method))}
            {property("Billing email", "subscription-billing-email", sub.billing_email.clone().unwrap_or_else(|| "—".into()))}
            {property("Credit balance", "subscription-credit", money(&sub.credit_balance))}
            {property("Tax rate", "subscription-tax-rate", sub.tax_rate.clone().map_or_else(|| "None".into(), |r| format!("{r} %")))}
            {property("Payment terms", "subscription-terms", format::count(i64::from(sub.payment_terms_days), "day", "days"))}
        </dl>
        {manage.then(|| view! {
            <div class="panel-actions" role="toolbar" aria-label="Subscription actions">
                {own_catalogue.then(|| view! {
                    <button type="button" class="button button-primary" data-testid="subscription-change" disabled=move || busy.get() || paused on:click=move |_| dialog.set(Some(Open::Change))>
                        "Change plan"
                    </button>
                })}
                {pausable.then(|| view! {
                    <button type="button" class="button button-secondary" data-testid="subscription-pause" disabled=move || busy.get() on:click=move |_| act.run((Action::Pause, None))>
                        "Pause"
                    </button>
                })}
                {paused.then(|| view! {
                    <button type="button" class="button button-secondary" data-testid="subscription-resume" disabled=move || busy.get() on:click=move |_| act.run((Action::Resume, None))>
                        "Resume"
                    </button>
                })}
                <button type="button" class="button button-danger-ghost" data-testid="subscription-cancel" disabled=move || busy.get() on:click=move |_| dialog.set(Some(Open::Cancel))>
                    "Cancel subscription"
                </button>
            </div>
        })}
        {(!own_catalogue).then(|| view! {
            <p class="muted field-hint" data-testid="subscription-other-catalogue">
                "This customer buys from its parent's catalogue; its plan is changed there."
            </p>
        })}
    }
}
