//! "Change plan", or "Start subscription" when the customer has none: plan and cycle pickers,
//! the server's preview of what the choice would invoice (fetched again on every change), and
//! for a start the payment method. Confirming PUTs the subscription.

use crate::api::{ApiError, billing};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use crate::components::subscription_dialogs::cycle_label;
use crate::components::subscription_preview::PreviewPanel;
use crate::format;
use crate::loader::latest;
use landlord_domain::billing::{BillingCycle, PlanStatus};
use landlord_domain::wire::{
    ChangeEffect, FieldError, PaymentMethodInput, PlanView, PreviewSubscriptionRequest,
    PutSubscriptionRequest, SubscriptionView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 6] = [
    "plan",
    "cycle",
    "payment_method",
    "payment_method.number",
    "payment_method.exp_month",
    "payment_method.exp_year",
];

/// The plan's price for `cycle`, e.g. `"20.00"`.
fn price_of(plan: &PlanView, cycle: BillingCycle) -> Option<&String> {
    match cycle {
        BillingCycle::Monthly => plan.prices.monthly.as_ref(),
        BillingCycle::Quarterly => plan.prices.quarterly.as_ref(),
        BillingCycle::Yearly => plan.prices.yearly.as_ref(),
    }
}

/// How a new subscription pays.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paying {
    Card,
    Invoice,
}

#[component]
pub fn PlanChangeDialog(
    tenant: i64,
    current: Option<SubscriptionView>,
    on_close: Callback<()>,
    on_saved: Callback<SubscriptionView>,
) -> impl IntoView {
    let starting = current.is_none();
    let current_plan = current.as_ref().map(|s| s.plan.clone());
    // Active plans, and the current one even if it has been archived since.
    let plans = LocalResource::new(move || {
        let current_plan = current_plan.clone();
        async move {
            let page = billing::list_plans(false).await?;
            Ok::<_, ApiError>(
                page.items
                    .into_iter()
                    .filter(|p| {
                        p.status == PlanStatus::Active || Some(&p.code) == current_plan.as_ref()
                    })
                    .collect::<Vec<PlanView>>(),
            )
        }
    });
    let plan = RwSignal::new(current.as_ref().map(|s| s.plan.clone()));
    let cycle = RwSignal::new(current.as_ref().map(|s| s.cycle));
    let chosen_plan = move || {
        let code = plan.get()?;
        plans.get()?.ok()?.into_iter().find(|p| p.code == code)
    };
    // Without a subscription, the first plan and its first cycle are preselected.
    Effect::new(move |_| {
        if plan.with_untracked(Option::is_none)
            && let Some(Ok(list)) = plans.get()
            && let Some(first) = list.first()
        {
            plan.set(Some(first.code.clone()));
            cycle.set(first.cycles.first().copied());
        }
    });

    let key = Memo::new(move |_| plan.get().zip(cycle.get()));
    let preview = latest(
        key,
        move |choice: Option<(String, BillingCycle)>, abort| async move {
            let Some((plan, cycle)) = choice else {
                return Err(ApiError::Aborted);
            };
            let request = PreviewSubscriptionRequest {
                plan,
                cycle,
                at: None,
            };
            billing::preview_subscription(tenant, &request, abort.as_ref()).await
        },
    );
    let effect = Memo::new(move |_| {
        preview
            .data
            .with(|d| d.as_ref().and_then(|r| r.as_ref().ok()).map(|p| p.change))
    });

    let paying = RwSignal::new(Paying::Card);
    let number = RwSignal::new(String::new());
    let exp_month = RwSignal::new(String::new());
    let exp_year = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        errors.clear();
        let Some((plan, cycle)) = key.get_untracked() else {
            errors.set(vec![FieldError::new("plan", "required", "choose a plan")]);
            return;
        };
        let payment_method = match (starting, paying.get_untracked()) {
            (false, _) => None,
            (true, Paying::Invoice) => Some(PaymentMethodInput::Invoice),
            (true, Paying::Card) => {
                let month = exp_month.get_untracked().trim().parse::<u32>();
                let year = exp_year.get_untracked().trim().parse::<i32>();
                let mut invalid = Vec::new();
                if month.is_err() {
                    invalid.push(FieldError::new(
                        "payment_method.exp_month",
                        "required",
                        "enter the month, 1 to 12",
                    ));
                }
                if year.is_err() {
                    invalid.push(FieldError::new(
                        "payment_method.exp_year",
                        "required",
                        "enter the year, e.g. 2030",
                    ));
                }
                match (month, year) {
                    (Ok(exp_month), Ok(exp_year)) => Some(PaymentMethodInput::Card {
                        number: number.get_untracked().trim().to_owned(),
                        exp_month,
                        exp_year,
                    }),
                    _ => {
                        errors.set(invalid);
                        focus_first_error("plan-change-form");
                        return;
                    }
                }
            }
        };
        let request = PutSubscriptionRequest {
            plan,
            cycle,
            start_at: None,
            payment_method,
            billing_email: None,
            tax_rate: None,
            payment_terms_days: None,
        };
        saving.set(true);
        spawn_local(async move {
            let result = billing::put_subscription(tenant, &request).await;
            saving.set(false);
            match result {
                Ok(sub) => on_saved.run(sub),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("plan-change-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let title = if starting {
        "Start subscription"
    } else {
        "Change plan"
    };
    let confirm_label = move || match (saving.get(), starting, effect.get()) {
        (true, _, _) => "Saving…",
        (false, true, _) => "Start subscription",
        (false, false, Some(ChangeEffect::Downgrade)) => "Schedule downgrade",
        (false, false, _) => "Confirm change",
    };
    view! {
        <Dialog title=title.to_owned() testid="plan-change-dialog" on_close=move || on_close.run(()) wide=true>
            <form class="form" data-testid="plan-change-form" on:submit=submit novalidate>
                <div class="form-row">
                    <div class="field">
                        <label for="plan-change-plan">"Plan"</label>
                        <select
                            id="plan-change-plan"
                            data-testid="plan-change-plan"
                            aria-invalid=move || errors.get("plan").is_some().to_string()
                            prop:value=move || plan.get().unwrap_or_default()
                            on:change=move |ev| {
                                let code = event_target_value(&ev);
                                let offered = plans
                                    .get_untracked()
                                    .and_then(Result::ok)
                                    .and_then(|list| list.into_iter().find(|p| p.code == code))
                                    .map(|p| p.cycles)
                                    .unwrap_or_default();
                                if !cycle.get_untracked().is_some_and(|c| offered.contains(&c)) {
                                    cycle.set(offered.first().copied());
                                }
                                plan.set(Some(code));
                                errors.clear_field("plan");
                            }
                        >
                            {move || match plans.get() {
                                Some(Ok(list)) => list
                                    .into_iter()
                                    .map(|p| {
                                        let label = format!("{} ({})", p.name, p.code);
                                        view! { <option value=p.code.clone()>{label}</option> }
                                    })
                                    .collect::<Vec<_>>()
                                    .into_any(),
                                _ => view! { <option value="">"Loading plans…"</option> }.into_any(),
                            }}
                        </select>
                        <FieldErrorText field="plan" message=Signal::derive(move || errors.get("plan")) />
                    </div>
                    <div class="field">
                        <label for="plan-change-cycle">"Cycle"</label>
                        <select
                            id="plan-change-cycle"
                            data-testid="plan-change-cycle"
                            prop:value=move || cycle.get().map(BillingCycle::as_str).unwrap_or_default()
                            on:change=move |ev| {
                                cycle.set(BillingCycle::parse(&event_target_value(&ev)));
                                errors.clear_field("cycle");
                            }
                        >
                            {move || {
                                let chosen = chosen_plan();
                                chosen
                                    .map(|p| {
                                        p.cycles
                                            .iter()
                                            .map(|c| {
                                                let price = price_of(&p, *c).map(|amount| format::money(amount, p.currency)).unwrap_or_default();
                                                let label = format!("{} · {price}", cycle_label(*c));
                                                view! { <option value=c.as_str()>{label}</option> }
                                            })
                                            .collect::<Vec<_>>()
                                    })
                                    .unwrap_or_default()
                            }}
                        </select>
                        <FieldErrorText field="cycle" message=Signal::derive(move || errors.get("cycle")) />
                    </div>
                </div>
                <PreviewPanel preview=Signal::derive(move || preview.data.get().filter(|_| key.with(Option::is_some))) loading=preview.loading />
                {starting.then(|| view! { <PaymentFields paying number exp_month exp_year errors /> })}
                {move || {
                    let others = errors.others(&SHOWN);
                    (!others.is_empty()).then(|| view! {
                        <div class="alert alert-error" role="alert" data-testid="plan-change-error">
                            {others.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect::<Vec<_>>()}
                        </div>
                    })
                }}
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="plan-change-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="plan-change-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button
                        type="submit"
                        class="button button-primary"
                        data-testid="plan-change-confirm"
                        disabled=move || saving.get() || (!starting && effect.get() == Some(ChangeEffect::None))
                    >
                        {confirm_label}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// How a new subscription pays: a card (charged at once; sandbox numbers like 4242 4242 4242
/// 4242 succeed) or bank transfer against each invoice.
#[component]
fn PaymentFields(
    paying: RwSignal<Paying>,
    number: RwSignal<String>,
    exp_month: RwSignal<String>,
    exp_year: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    view! {
        <fieldset class="form-section" data-testid="plan-change-payment">
            <legend>"Payment method"</legend>
            <div class="field" role="radiogroup" aria-label="Payment method">
                <div class="radio">
                    <input type="radio" id="pay-card" name="pay" data-testid="pay-card" prop:checked=move || paying.get() == Paying::Card on:change=move |_| paying.set(Paying::Card) />
                    <label for="pay-card">"Card, charged automatically"</label>
                </div>
                <div class="radio">
                    <input type="radio" id="pay-invoice" name="pay" data-testid="pay-invoice" prop:checked=move || paying.get() == Paying::Invoice on:change=move |_| paying.set(Paying::Invoice) />
                    <label for="pay-invoice">"Invoice, paid by bank transfer"</label>
                </div>
            </div>
            <Show when=move || paying.get() == Paying::Card>
                <div class="form-row">
                    <TextField label="Card number" field="payment_method.number" value=number testid="pay-card-number" errors required=true autocomplete="cc-number" placeholder="4242 4242 4242 4242" />
                    <TextField label="Exp. month" field="payment_method.exp_month" value=exp_month testid="pay-card-exp-month" errors required=true input_type="number" placeholder="12" />
                    <TextField label="Exp. year" field="payment_method.exp_year" value=exp_year testid="pay-card-exp-year" errors required=true input_type="number" placeholder="2030" />
                </div>
            </Show>
        </fieldset>
    }
}
