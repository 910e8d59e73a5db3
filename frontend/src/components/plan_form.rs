//! Adding a plan to the catalogue and editing one: code, name, description, currency, a price
//! per cycle, the trial, the prices of microservice usage per CPU-day and GB-day, and the features and quota limits it includes. The code and currency
//! are fixed once the plan exists.

use crate::api::{ApiError, billing};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use crate::components::plan_capabilities_fields::{PlanCapabilities, PlanCapabilitiesFields};
use landlord_domain::money::Currency;
use landlord_domain::wire::{
    CreatePlanRequest, FieldError, PlanPrices, PlanView, UpdatePlanRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 11] = [
    "code",
    "name",
    "description",
    "currency",
    "prices",
    "prices.monthly",
    "prices.quarterly",
    "prices.yearly",
    "trial_days",
    "cpu_day_price",
    "gb_day_price",
];

fn some(value: RwSignal<String>) -> Option<String> {
    Some(value.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
}

/// "New plan", or "Edit plan" when given one.
#[component]
pub fn PlanFormDialog(
    plan: Option<PlanView>,
    on_close: Callback<()>,
    on_saved: Callback<PlanView>,
) -> impl IntoView {
    let editing = plan.as_ref().map(|p| p.code.clone());
    let text = |f: fn(&PlanView) -> Option<String>| {
        RwSignal::new(plan.as_ref().and_then(f).unwrap_or_default())
    };
    let code = text(|p| Some(p.code.clone()));
    let name = text(|p| Some(p.name.clone()));
    let description = text(|p| p.description.clone());
    let monthly = text(|p| p.prices.monthly.clone());
    let quarterly = text(|p| p.prices.quarterly.clone());
    let yearly = text(|p| p.prices.yearly.clone());
    let trial = text(|p| p.trial_days.map(|d| d.to_string()));
    let cpu_day = text(|p| p.cpu_day_price.clone());
    let gb_day = text(|p| p.gb_day_price.clone());
    let currency = RwSignal::new(plan.as_ref().map_or(Currency::EUR, |p| p.currency));
    let capabilities = PlanCapabilities::of(plan.as_ref());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    let is_edit = editing.is_some();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let trial_days = match some(trial).map(|t| t.parse::<u32>()) {
            None => None,
            Some(Ok(days)) => Some(days),
            Some(Err(_)) => {
                errors.set(vec![FieldError::new(
                    "trial_days",
                    "invalid_number",
                    "must be a whole number of days",
                )]);
                focus_first_error("plan-form");
                return;
            }
        };
        let (features, quotas) = match capabilities.read() {
            Ok(read) => read,
            Err(invalid) => {
                errors.set(invalid);
                focus_first_error("plan-form");
                return;
            }
        };
        let prices = PlanPrices {
            monthly: some(monthly),
            quarterly: some(quarterly),
            yearly: some(yearly),
        };
        let create = CreatePlanRequest {
            code: code.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            description: some(description),
            currency: currency.get_untracked(),
            prices,
            trial_days,
            cpu_day_price: some(cpu_day),
            gb_day_price: some(gb_day),
            features,
            quotas,
        };
        // The server's own rules, checked before sending.
        if let Err(invalid) = create.parse() {
            errors.set(invalid.0);
            focus_first_error("plan-form");
            return;
        }
        errors.clear();
        saving.set(true);
        let editing = editing.clone();
        spawn_local(async move {
            let result = match editing {
                None => billing::create_plan(&create).await,
                Some(code) => {
                    let update = UpdatePlanRequest {
                        name: Some(create.name),
                        description: Some(create.description),
                        prices: Some(create.prices),
                        trial_days: Some(create.trial_days),
                        cpu_day_price: Some(create.cpu_day_price),
                        gb_day_price: Some(create.gb_day_price),
                        features: Some(create.features),
                        quotas: Some(create.quotas),
                    };
                    billing::update_plan(&code, &update).await
                }
            };
            saving.set(false);
            match result {
                Ok(plan) => on_saved.run(plan),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("plan-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let title = if is_edit { "Edit plan" } else { "New plan" };
    let price_error = Signal::derive(move || errors.get("prices"));
    view! {
        <Dialog title=title.to_owned() testid="plan-dialog" on_close=move || on_close.run(()) wide=true>
            <form class="form form-grid" data-testid="plan-form" on:submit=submit novalidate>
                <fieldset class="form-section">
                    <legend>"Plan"</legend>
                    <TextField
                        label="Code"
                        field="code"
                        value=code
                        testid="plan-code"
                        errors
                        required=true
                        readonly=is_edit
                        autofocus=!is_edit
                        placeholder="pro"
                        hint="Lowercase letters, digits, - and _; fixed once created."
                    />
                    <TextField label="Name" field="name" value=name testid="plan-name" errors required=true autofocus=is_edit />
                    <TextField label="Description" field="description" value=description testid="plan-description" errors wide=true />
                    <div class="field">
                        <label for="plan-currency">"Currency"</label>
                        <select
                            id="plan-currency"
                            data-testid="plan-currency"
                            disabled=is_edit
                            prop:value=move || currency.get().code()
                            on:change=move |ev| {
                                if let Some(c) = Currency::parse(&event_target_value(&ev)) {
                                    currency.set(c);
                                }
                            }
                        >
                            {Currency::ALL
                                .into_iter()
                                .map(|c| view! { <option value=c.code()>{c.code()}</option> })
                                .collect::<Vec<_>>()}
                        </select>
                        <FieldErrorText field="currency" message=Signal::derive(move || errors.get("currency")) />
                    </div>
                    <TextField
                        label="Trial days"
                        field="trial_days"
                        value=trial
                        testid="plan-trial-days"
                        errors
                        input_type="number"
                        hint="0 to 365; empty for no trial."
                    />
                </fieldset>
                <fieldset class="form-section" aria-describedby="prices-error">
                    <legend>"Prices"</legend>
                    <p class="field-hint field-wide">"At least one. Each cycle with a price can be subscribed to; new prices apply from each subscription's next period."</p>
                    <TextField label="Monthly" field="prices.monthly" value=monthly testid="plan-price-monthly" errors placeholder="20.00" />
                    <TextField label="Quarterly" field="prices.quarterly" value=quarterly testid="plan-price-quarterly" errors placeholder="55.00" />
                    <TextField label="Yearly" field="prices.yearly" value=yearly testid="plan-price-yearly" errors placeholder="200.00" />
                    <FieldErrorText field="prices" message=price_error />
                </fieldset>
                <fieldset class="form-section">
                    <legend>"Microservice usage"</legend>
                    <p class="field-hint field-wide">"Billed in arrears for each period that ended, in the plan's currency; up to six decimal places. Empty: not billed."</p>
                    <TextField label="Per CPU-day" field="cpu_day_price" value=cpu_day testid="plan-cpu-day-price" errors placeholder="0.40" hint="1000 millicores for a day." />
                    <TextField label="Per GB-day" field="gb_day_price" value=gb_day testid="plan-gb-day-price" errors placeholder="0.10" hint="1024 MB for a day." />
                </fieldset>
                <PlanCapabilitiesFields values=capabilities errors />
                {move || {
                    // Quota limits' errors are shown by their inputs.
                    let mut others = errors.others(&SHOWN);
                    others.retain(|e| !e.field.starts_with("quotas."));
                    (!others.is_empty()).then(|| view! {
                        <div class="alert alert-error" role="alert" data-testid="plan-form-error">
                            {others.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect::<Vec<_>>()}
                        </div>
                    })
                }}
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="plan-form-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="plan-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="plan-submit" disabled=move || saving.get()>
                        {move || match (saving.get(), is_edit) {
                            (true, _) => "Saving…",
                            (false, true) => "Save changes",
                            (false, false) => "Create plan",
                        }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Confirms archiving a plan: it takes no new subscriptions; current ones continue on it.
#[component]
pub fn ArchivePlanDialog(
    plan: PlanView,
    on_close: Callback<()>,
    on_archived: Callback<PlanView>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(plan.code.clone());
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = billing::archive_plan(&code.get_value()).await;
            busy.set(false);
            match result {
                Ok(plan) => on_archived.run(plan),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let subscribers = crate::format::count(plan.subscribers, "subscriber", "subscribers");
    view! {
        <Dialog title=format!("Archive {}?", plan.name) testid="plan-archive-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p class="dialog-text">
                    <strong class="mono">{plan.code.clone()}</strong>
                    " takes no new subscriptions. Its " {subscribers} " stay on it and keep being billed."
                </p>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="plan-archive-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="plan-archive-cancel" autofocus on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-danger" data-testid="plan-archive-confirm" disabled=move || busy.get() on:click=confirm>
                        {move || if busy.get() { "Archiving…" } else { "Archive plan" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
