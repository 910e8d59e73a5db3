//! How subscriptions read (cycles, payment methods), and the dialog that cancels one: now,
//! crediting the unused time, or at the end of the period.

use crate::api::{ApiError, billing};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::format;
use landlord_domain::billing::{BillingCycle, CardBrand, SubscriptionStatus};
use landlord_domain::wire::{PaymentMethodView, SubscriptionView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Monthly", "Quarterly", "Yearly".
pub fn cycle_label(cycle: BillingCycle) -> &'static str {
    match cycle {
        BillingCycle::Monthly => "Monthly",
        BillingCycle::Quarterly => "Quarterly",
        BillingCycle::Yearly => "Yearly",
    }
}

/// "month", "quarter", "year": what one period of the cycle is.
pub fn cycle_noun(cycle: BillingCycle) -> &'static str {
    match cycle {
        BillingCycle::Monthly => "month",
        BillingCycle::Quarterly => "quarter",
        BillingCycle::Yearly => "year",
    }
}

fn brand_label(brand: CardBrand) -> &'static str {
    match brand {
        CardBrand::Visa => "Visa",
        CardBrand::Mastercard => "Mastercard",
        CardBrand::Amex => "American Express",
        CardBrand::Discover => "Discover",
        CardBrand::Unknown => "Card",
    }
}

/// "Visa •••• 4242, exp 12/2030", "Bank transfer (invoice)" or "None on file".
pub fn payment_method_text(method: &PaymentMethodView) -> String {
    match method {
        PaymentMethodView::Card {
            brand,
            last4,
            exp_month,
            exp_year,
        } => format!(
            "{} •••• {last4}, exp {exp_month:02}/{exp_year}",
            brand_label(*brand)
        ),
        PaymentMethodView::Invoice => "Bank transfer (invoice)".to_owned(),
        PaymentMethodView::None => "None on file".to_owned(),
    }
}

/// Cancels now (the unused time becomes credit) or at the period's end (undoable until then).
#[component]
pub fn CancelSubscriptionDialog(
    tenant: i64,
    current: Option<SubscriptionView>,
    on_close: Callback<()>,
    on_saved: Callback<SubscriptionView>,
) -> impl IntoView {
    let paused = current
        .as_ref()
        .is_some_and(|s| s.status == SubscriptionStatus::Paused);
    // A paused subscription has no period to run out: it can only end now.
    let at_period_end = RwSignal::new(!paused);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let period_end = current
        .as_ref()
        .map(|s| format::day(&s.current_period_end))
        .unwrap_or_default();
    let plan = current.map(|s| s.plan_name).unwrap_or_default();
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        let at_end = at_period_end.get_untracked();
        spawn_local(async move {
            let result = billing::cancel_subscription(tenant, at_end).await;
            busy.set(false);
            match result {
                Ok(sub) => on_saved.run(sub),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Dialog title=format!("Cancel {plan}?") testid="cancel-subscription-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <div class="field" role="radiogroup" aria-label="When">
                    <div class="radio">
                        <input
                            type="radio"
                            id="cancel-at-end"
                            name="cancel-when"
                            data-testid="cancel-at-period-end"
                            disabled=paused
                            prop:checked=move || at_period_end.get()
                            on:change=move |_| at_period_end.set(true)
                        />
                        <label for="cancel-at-end">{format!("At the end of the period, on {period_end} (can be undone until then)")}</label>
                    </div>
                    <div class="radio">
                        <input
                            type="radio"
                            id="cancel-now"
                            name="cancel-when"
                            data-testid="cancel-now"
                            prop:checked=move || !at_period_end.get()
                            on:change=move |_| at_period_end.set(false)
                        />
                        <label for="cancel-now">"Now: the unused time is credited to the customer"</label>
                    </div>
                </div>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="cancel-subscription-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="cancel-subscription-back" on:click=move |_| on_close.run(())>
                        "Keep subscription"
                    </button>
                    <button type="button" class="button button-danger" data-testid="cancel-subscription-confirm" disabled=move || busy.get() on:click=confirm>
                        {move || if busy.get() { "Cancelling…" } else { "Cancel subscription" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
