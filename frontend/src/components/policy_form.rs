//! Adding and editing a tenant policy: a name, a description, its options (one per line,
//! `category/key = value`, ` (locked)` at the end to lock one) and its retention rules (one
//! per line, `data_type max_age_days [filter]`); and confirming a policy's deletion.

use crate::api::{ApiError, policies};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use landlord_domain::policy::RetentionDataType;
use landlord_domain::wire::{
    FieldError, PolicyOptionInput, RetentionRule, TenantPolicyRequest, TenantPolicyView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 4] = ["name", "description", "options", "retention_rules"];
const LOCKED: &str = " (locked)";

/// The options as the textarea shows them (a credential's value is never sent back, so it
/// shows empty and must be entered again).
fn options_text(policy: &TenantPolicyView) -> String {
    policy
        .options
        .iter()
        .map(|o| {
            let lock = if o.locked { LOCKED } else { "" };
            format!(
                "{}/{} = {}{lock}",
                o.category,
                o.key,
                o.value.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rules_text(policy: &TenantPolicyView) -> String {
    policy
        .retention_rules
        .iter()
        .map(|r| match &r.filter {
            Some(f) => format!("{} {} {f}", r.data_type.as_str(), r.max_age_days),
            None => format!("{} {}", r.data_type.as_str(), r.max_age_days),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `category/key = value[ (locked)]` per line.
pub fn parse_options(text: &str) -> Result<Vec<PolicyOptionInput>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let (name, value) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: write category/key = value", i + 1))?;
        let (category, key) = name
            .trim()
            .split_once('/')
            .ok_or_else(|| format!("line {}: write category/key = value", i + 1))?;
        let value = value.trim();
        let (value, locked) = match value.strip_suffix(LOCKED.trim_start()) {
            Some(v) => (v.trim_end(), true),
            None => (value, false),
        };
        out.push(PolicyOptionInput {
            category: category.trim().to_owned(),
            key: key.trim().to_owned(),
            value: value.to_owned(),
            locked,
        });
    }
    Ok(out)
}

/// `data_type max_age_days [filter]` per line.
pub fn parse_rules(text: &str) -> Result<Vec<RetentionRule>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let bad = || format!("line {}: write data_type max_age_days [filter]", i + 1);
        let data_type = words
            .next()
            .and_then(RetentionDataType::parse)
            .ok_or_else(bad)?;
        let max_age_days = words
            .next()
            .and_then(|d| d.parse::<i64>().ok())
            .ok_or_else(bad)?;
        let filter = words.next().map(str::to_owned);
        out.push(RetentionRule {
            data_type,
            filter,
            max_age_days,
        });
    }
    Ok(out)
}

/// "New policy", or "Edit policy" when given one.
#[component]
pub fn PolicyFormDialog(
    policy: Option<TenantPolicyView>,
    on_close: Callback<()>,
    on_saved: Callback<TenantPolicyView>,
) -> impl IntoView {
    let editing = policy.as_ref().map(|p| p.summary.id);
    let name = RwSignal::new(
        policy
            .as_ref()
            .map(|p| p.summary.name.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        policy
            .as_ref()
            .map(|p| p.summary.description.clone())
            .unwrap_or_default(),
    );
    let options = RwSignal::new(policy.as_ref().map(options_text).unwrap_or_default());
    let rules = RwSignal::new(
        policy
            .as_ref()
            .map(rules_text)
            .unwrap_or_else(|| "audit 90".to_owned()),
    );
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let mut invalid = Vec::new();
        let parsed_options = parse_options(&options.get_untracked())
            .map_err(|m| invalid.push(FieldError::new("options", "invalid_line", m)))
            .unwrap_or_default();
        let parsed_rules = parse_rules(&rules.get_untracked())
            .map_err(|m| invalid.push(FieldError::new("retention_rules", "invalid_line", m)))
            .unwrap_or_default();
        let request = TenantPolicyRequest {
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            options: parsed_options,
            retention_rules: parsed_rules,
        };
        if invalid.is_empty()
            && let Err(e) = request.parse()
        {
            invalid = e.0;
        }
        if !invalid.is_empty() {
            errors.set(invalid);
            focus_first_error("policy-form");
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = match editing {
                None => policies::create_policy(&request).await,
                Some(id) => policies::update_policy(id, &request).await,
            };
            saving.set(false);
            match result {
                Ok(policy) => on_saved.run(policy),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("policy-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let title = if editing.is_some() {
        "Edit policy"
    } else {
        "New policy"
    };
    view! {
        <Dialog title=title.to_owned() testid="policy-dialog" on_close=move || on_close.run(()) wide=true>
            <form class="form form-grid" data-testid="policy-form" on:submit=submit novalidate>
                <fieldset class="form-section">
                    <legend>"Policy"</legend>
                    <TextField label="Name" field="name" value=name testid="policy-name" errors required=true autofocus=true />
                    <TextField label="Description" field="description" value=description testid="policy-description" errors wide=true />
                </fieldset>
                <fieldset class="form-section">
                    <legend>"Options"</legend>
                    <div class="field field-wide">
                        <label for="policy-options">"Options"</label>
                        <textarea
                            id="policy-options"
                            data-testid="policy-options"
                            rows="5"
                            placeholder="access.control/allow_origin = * (locked)"
                            prop:value=move || options.get()
                            on:input=move |ev| options.set(event_target_value(&ev))
                        ></textarea>
                        <p class="field-hint">"One per line: category/key = value. Keys starting with credentials. are stored encrypted and never shown (enter them again when editing). Only the management tenant may add (locked)."</p>
                        <FieldErrorText field="options" message=Signal::derive(move || errors.get("options")) />
                    </div>
                    <div class="field field-wide">
                        <label for="policy-rules">"Retention rules"</label>
                        <textarea
                            id="policy-rules"
                            data-testid="policy-rules"
                            rows="3"
                            prop:value=move || rules.get()
                            on:input=move |ev| rules.set(event_target_value(&ev))
                        ></textarea>
                        <p class="field-hint">"At least one, one per line: audit, usage_events, notifications or * with the maximum age in days and an optional filter, e.g. usage_events 30 api_calls."</p>
                        <FieldErrorText field="retention_rules" message=Signal::derive(move || errors.get("retention_rules")) />
                    </div>
                </fieldset>
                {move || {
                    let others = errors.others(&SHOWN);
                    (!others.is_empty()).then(|| view! {
                        <div class="alert alert-error" role="alert" data-testid="policy-form-error">
                            {others.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect::<Vec<_>>()}
                        </div>
                    })
                }}
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="policy-form-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="policy-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="policy-submit" disabled=move || saving.get()>
                        {move || if saving.get() { "Saving…" } else if editing.is_some() { "Save changes" } else { "Create policy" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Confirms deleting a policy: tenants created with it keep their options and rules.
#[component]
pub fn DeletePolicyDialog(
    id: i64,
    name: String,
    on_close: Callback<()>,
    on_deleted: Callback<TenantPolicyView>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let confirm = move |_| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = policies::delete_policy(id).await;
            busy.set(false);
            match result {
                Ok(policy) => on_deleted.run(policy),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Dialog title=format!("Delete {name}?") testid="policy-delete-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p class="dialog-text">"Customers created with it keep their options and retention rules; linked ones are linked no more."</p>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="policy-delete-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="policy-delete-cancel" autofocus on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-danger" data-testid="policy-delete-confirm" disabled=move || busy.get() on:click=confirm>
                        {move || if busy.get() { "Deleting…" } else { "Delete policy" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
