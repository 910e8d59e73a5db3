//! `/settings/billing`: the dunning policy, the states a customer passes through as its oldest
//! unpaid invoice grows overdue. Steps are edited in place and saved together; the policy's
//! rules (the domain's, as the server checks them) are checked before saving.

use crate::api::{ApiError, billing};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use landlord_domain::Permission;
use landlord_domain::billing::{DunningEffect, DunningPolicy, DunningPolicyError, DunningStep};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn effect_label(effect: DunningEffect) -> &'static str {
    match effect {
        DunningEffect::Reminder => "Remind (email and webhook)",
        DunningEffect::Restrict => "Restrict (no plan changes)",
        DunningEffect::Suspend => "Suspend the tenant",
        DunningEffect::Cancel => "Cancel the subscription",
    }
}

/// One step being edited.
#[derive(Clone, Copy)]
struct StepRow {
    key: u64,
    name: RwSignal<String>,
    days: RwSignal<String>,
    effect: RwSignal<DunningEffect>,
}

/// The rows being edited, with the next row's key.
#[derive(Clone, Copy)]
struct Steps {
    rows: RwSignal<Vec<StepRow>>,
    next: StoredValue<u64>,
}

impl Steps {
    fn new() -> Self {
        Self {
            rows: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    fn row(&self, step: DunningStep) -> StepRow {
        self.next.update_value(|n| *n += 1);
        StepRow {
            key: self.next.get_value(),
            name: RwSignal::new(step.name),
            days: RwSignal::new(step.after_days.to_string()),
            effect: RwSignal::new(step.effect),
        }
    }

    fn load(&self, policy: DunningPolicy) {
        let rows = policy.steps.into_iter().map(|s| self.row(s)).collect();
        self.rows.set(rows);
    }

    /// The policy as edited, or the position of a step whose days are not a number.
    fn policy(&self) -> Result<DunningPolicy, usize> {
        let rows = self.rows.get_untracked();
        let mut steps = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let after_days = row.days.get_untracked().trim().parse().map_err(|_| i)?;
            steps.push(DunningStep {
                name: row.name.get_untracked().trim().to_owned(),
                after_days,
                effect: row.effect.get_untracked(),
            });
        }
        Ok(DunningPolicy { steps })
    }
}

/// The step a policy error is about, if any.
fn step_of(error: &DunningPolicyError) -> Option<usize> {
    match error {
        DunningPolicyError::InvalidName(i)
        | DunningPolicyError::DuplicateName(i)
        | DunningPolicyError::NotIncreasing(i)
        | DunningPolicyError::MilderEffect(i)
        | DunningPolicyError::TooLate(i) => Some(*i),
        DunningPolicyError::TooMany => None,
    }
}

#[component]
pub fn BillingSettingsPage() -> impl IntoView {
    let session = use_session();
    let can_manage = Signal::derive(move || session.can(Permission::BillingManage));
    let steps = Steps::new();
    let policy = LocalResource::new(billing::dunning_policy);
    // A problem with the policy: the step it is about (if any) and what is wrong.
    let invalid = RwSignal::new(None::<(Option<usize>, String)>);
    let failure = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = policy.get() {
            steps.load(loaded);
        }
    });
    let loaded = move || policy.get().map(|r| r.map(drop));

    let add = move |_| {
        let last = steps.policy().ok().and_then(|p| p.steps.last().cloned());
        let step = DunningStep {
            name: String::new(),
            after_days: last.as_ref().map_or(1, |s| s.after_days + 7),
            effect: last.map_or(DunningEffect::Reminder, |s| s.effect),
        };
        let row = steps.row(step);
        steps.rows.update(|rows| rows.push(row));
        notice.set(None);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        failure.set(None);
        let policy = match steps.policy() {
            Ok(policy) => policy,
            Err(i) => {
                let message = format!("Step {}: days overdue must be a whole number.", i + 1);
                invalid.set(Some((Some(i), message)));
                return;
            }
        };
        if let Err(error) = policy.validate() {
            invalid.set(Some((step_of(&error), explain(&error))));
            return;
        }
        invalid.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = billing::put_dunning_policy(&policy).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    steps.load(saved);
                    notice.set(Some("The dunning policy was saved.".into()));
                }
                Err(error) if !error.field_errors().is_empty() => {
                    let messages: Vec<String> = error
                        .field_errors()
                        .into_iter()
                        .map(|e| e.message)
                        .collect();
                    invalid.set(Some((None, capitalise_first(&messages.join("; ")))));
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    view! {
        <section class="page settings-page" aria-labelledby="billing-settings-title" data-testid="billing-settings-page">
            <header class="page-header">
                <div>
                    <h1 id="billing-settings-title">"Billing settings"</h1>
                    <p class="page-subtitle">
                        "Dunning: what happens to a customer as its oldest unpaid invoice grows overdue. Each step includes the milder ones before it; paying every overdue invoice returns the customer to good standing at once."
                    </p>
                </div>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="dunning-notice">{message}</div>
            })}
            {move || match loaded() {
                None => view! { <p class="muted" data-testid="dunning-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="dunning-load-error" /> }.into_any(),
                Some(Ok(())) => view! {
                    <form class="card form dunning-form" data-testid="dunning-form" on:submit=save novalidate>
                        <table class="data-table dunning-steps" data-testid="dunning-steps">
                            <thead>
                                <tr>
                                    <th scope="col">"State name"</th>
                                    <th scope="col">"Days overdue"</th>
                                    <th scope="col">"Effect"</th>
                                    <th scope="col" class="col-actions"><span class="visually-hidden">"Remove"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || steps.rows.get() key=|row| row.key let:row>
                                    <StepEditor row steps invalid can_manage />
                                </For>
                            </tbody>
                        </table>
                        <Show when=move || steps.rows.with(Vec::is_empty)>
                            <p class="muted" data-testid="dunning-off">"No steps: overdue invoices change nothing for the customer."</p>
                        </Show>
                        {move || invalid.get().map(|(_, message)| view! {
                            <div class="alert alert-error" role="alert" data-testid="dunning-invalid">{message}</div>
                        })}
                        {move || failure.get().map(|error| view! { <ErrorAlert error testid="dunning-error" /> })}
                        <Show when=move || can_manage.get()>
                            <div class="form-actions">
                                <button type="button" class="button button-secondary" data-testid="dunning-add" on:click=add>
                                    "+ Add step"
                                </button>
                                <button type="submit" class="button button-primary" data-testid="dunning-save" disabled=move || saving.get()>
                                    {move || if saving.get() { "Saving…" } else { "Save policy" }}
                                </button>
                            </div>
                        </Show>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The domain's reason, naming steps from 1 as the table shows them.
fn explain(error: &DunningPolicyError) -> String {
    let text = error.to_string();
    match (step_of(error), text.split_once(": ")) {
        (Some(i), Some((_, reason))) => format!("Step {}: {reason}.", i + 1),
        _ => format!("{text}."),
    }
}

#[component]
fn StepEditor(
    row: StepRow,
    steps: Steps,
    invalid: RwSignal<Option<(Option<usize>, String)>>,
    can_manage: Signal<bool>,
) -> impl IntoView {
    let position = move || {
        steps
            .rows
            .with(|rows| rows.iter().position(|r| r.key == row.key))
    };
    let has_error =
        move || invalid.with(|i| matches!(i, Some((Some(at), _)) if Some(*at) == position()));
    let touched = move || invalid.set(None);
    let remove = move |_| {
        steps.rows.update(|rows| rows.retain(|r| r.key != row.key));
        touched();
    };
    view! {
        <tr data-testid="dunning-step" class:has-error=has_error aria-invalid=move || has_error().to_string()>
            <td>
                <input
                    type="text"
                    aria-label="State name"
                    data-testid="dunning-step-name"
                    disabled=move || !can_manage.get()
                    prop:value=move || row.name.get()
                    on:input=move |ev| {
                        row.name.set(event_target_value(&ev));
                        touched();
                    }
                />
            </td>
            <td>
                <input
                    type="number"
                    min="0"
                    aria-label="Days overdue"
                    data-testid="dunning-step-days"
                    disabled=move || !can_manage.get()
                    prop:value=move || row.days.get()
                    on:input=move |ev| {
                        row.days.set(event_target_value(&ev));
                        touched();
                    }
                />
            </td>
            <td>
                <select
                    aria-label="Effect"
                    data-testid="dunning-step-effect"
                    disabled=move || !can_manage.get()
                    prop:value=move || row.effect.get().as_str()
                    on:change=move |ev| {
                        if let Some(effect) = DunningEffect::parse(&event_target_value(&ev)) {
                            row.effect.set(effect);
                            touched();
                        }
                    }
                >
                    {DunningEffect::ALL
                        .iter()
                        .map(|e| view! { <option value=e.as_str()>{effect_label(*e)}</option> })
                        .collect::<Vec<_>>()}
                </select>
            </td>
            <td class="col-actions">
                <Show when=move || can_manage.get()>
                    <button type="button" class="button button-danger-ghost button-small" data-testid="dunning-step-remove" on:click=remove>
                        "Remove"
                    </button>
                </Show>
            </td>
        </tr>
    }
}
