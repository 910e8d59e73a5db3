//! The operator's external provisioning steps (seed 004's "Provisioning steps"), on the
//! Developers page of the management tenant: each new tenant's pipeline calls them in
//! order, signed like webhooks. Adding one shows its signing secret once; a step can be
//! edited or deleted, which affects tenants created afterwards only.

use crate::api::{ApiError, provisioning};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FormErrors, TextField, focus_first_error};
use crate::components::webhook_dialogs::SecretDialog;
use crate::loader::latest;
use landlord_domain::wire::{
    CreateProvisioningStepRequest, ProvisioningStepView, UpdateProvisioningStepRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
enum Open {
    New,
    Edit(ProvisioningStepView),
    Delete(ProvisioningStepView),
    Secret(String, String),
}

#[component]
pub fn ProvisioningStepsSection() -> impl IntoView {
    let reload = RwSignal::new(0_u64);
    let key = Memo::new(move |_| reload.get());
    let list = latest(key, |_, _| provisioning::list_steps());
    let dialog = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    let refresh = move || reload.update(|n| *n += 1);
    let close = Callback::new(move |()| dialog.set(None));
    let saved = Callback::new(move |saved: Saved| {
        refresh();
        match saved {
            Saved::Created(name, secret) => dialog.set(Some(Open::Secret(
                format!(
                    "{name} now runs for every tenant created from now on. Copy its signing secret: it is shown only this once."
                ),
                secret,
            ))),
            Saved::Updated(name) => {
                dialog.set(None);
                notice.set(Some(format!("{name} was saved.")));
            }
            Saved::Deleted(name) => {
                dialog.set(None);
                notice.set(Some(format!("{name} was deleted.")));
            }
        }
    });

    view! {
        <section class="page-section" aria-labelledby="provisioning-steps-title" data-testid="provisioning-steps-section">
            <header class="section-header">
                <div>
                    <h2 id="provisioning-steps-title">"Provisioning steps"</h2>
                    <p class="page-subtitle">
                        "Each new tenant's provisioning calls these URLs in order, after the built-in steps, with a signed POST; the tenant becomes active when all succeed."
                    </p>
                </div>
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="new-provisioning-step"
                    on:click=move |_| {
                        notice.set(None);
                        dialog.set(Some(Open::New));
                    }
                >
                    <span aria-hidden="true">"+ "</span>
                    "Add step"
                </button>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="provisioning-steps-notice">{message}</div>
            })}
            <div class="card table-card" class:is-loading=move || list.loading.get()>
                <table class="data-table" data-testid="provisioning-steps-table">
                    <thead>
                        <tr>
                            <th scope="col">"Position"</th>
                            <th scope="col">"Step"</th>
                            <th scope="col">"Timeout"</th>
                            <th scope="col">"Attempts"</th>
                            <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.data.with(|data| match data {
                            None => view! { <tr><td colspan="5" class="table-message muted">"Loading…"</td></tr> }.into_any(),
                            Some(Err(error)) => {
                                let error = error.clone();
                                view! { <tr><td colspan="5" class="table-message"><ErrorAlert error testid="provisioning-steps-error" /></td></tr> }.into_any()
                            }
                            Some(Ok(page)) if page.items.is_empty() => view! {
                                <tr><td colspan="5" class="table-message">
                                    <div class="empty-state" data-testid="provisioning-steps-empty">
                                        <p class="empty-title">"No external steps"</p>
                                        <p class="muted">"New tenants run the built-in steps only: their administrator is created and they become active."</p>
                                    </div>
                                </td></tr>
                            }.into_any(),
                            Some(Ok(page)) => page.items.iter().map(|step| {
                                let stored = StoredValue::new(step.clone());
                                view! {
                                    <tr data-testid="provisioning-step-row" data-name=step.name.clone()>
                                        <td>{step.position}</td>
                                        <td>
                                            <span class="row-title strong">{step.name.clone()}</span>
                                            <span class="row-sub mono">{step.url.clone()}</span>
                                        </td>
                                        <td>{format!("{} s", step.timeout_s)}</td>
                                        <td>{step.max_attempts}</td>
                                        <td class="col-actions">
                                            <div class="row-actions">
                                                <button type="button" class="button button-secondary button-small" data-testid="provisioning-step-edit"
                                                    on:click=move |_| { notice.set(None); dialog.set(Some(Open::Edit(stored.get_value()))) }>
                                                    "Edit"
                                                </button>
                                                <button type="button" class="button button-danger-ghost button-small" data-testid="provisioning-step-delete"
                                                    on:click=move |_| { notice.set(None); dialog.set(Some(Open::Delete(stored.get_value()))) }>
                                                    "Delete"
                                                </button>
                                            </div>
                                        </td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>().into_any(),
                        })}
                    </tbody>
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                Open::New => view! { <StepFormDialog step=None on_close=close on_saved=saved /> }.into_any(),
                Open::Edit(step) => view! { <StepFormDialog step=Some(step) on_close=close on_saved=saved /> }.into_any(),
                Open::Delete(step) => view! { <DeleteStepDialog step on_close=close on_deleted=saved /> }.into_any(),
                Open::Secret(note, secret) => view! { <SecretDialog title="Step added" note secret on_close=close /> }.into_any(),
            })}
        </section>
    }
}

/// What a dialog did, by the step's name.
#[derive(Clone)]
enum Saved {
    Created(String, String),
    Updated(String),
    Deleted(String),
}

/// A number field's text as sent: blank is "the default" (absent).
fn number(text: &str) -> Option<i32> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse().unwrap_or(i32::MIN))
}

/// "Add step", or "Edit step" when given one (its name is fixed).
#[component]
fn StepFormDialog(
    step: Option<ProvisioningStepView>,
    on_close: Callback<()>,
    on_saved: Callback<Saved>,
) -> impl IntoView {
    let editing = step.as_ref().map(|s| (s.id, s.name.clone()));
    let is_edit = editing.is_some();
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let name = text(step.as_ref().map(|s| s.name.clone()));
    let url = text(step.as_ref().map(|s| s.url.clone()));
    let timeout = text(step.as_ref().map(|s| s.timeout_s.to_string()));
    let attempts = text(step.as_ref().map(|s| s.max_attempts.to_string()));
    let position = text(step.as_ref().map(|s| s.position.to_string()));
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let create = CreateProvisioningStepRequest {
            name: name.get_untracked().trim().to_owned(),
            url: url.get_untracked().trim().to_owned(),
            timeout_s: number(&timeout.get_untracked()),
            max_attempts: number(&attempts.get_untracked()),
            position: number(&position.get_untracked()),
        };
        if let Err(invalid) = create.parse() {
            errors.set(invalid.0);
            focus_first_error("provisioning-step-form");
            return;
        }
        errors.clear();
        saving.set(true);
        let editing = editing.clone();
        spawn_local(async move {
            let result = match editing {
                None => provisioning::create_step(&create)
                    .await
                    .map(|created| Saved::Created(created.step.name, created.secret)),
                Some((id, name)) => {
                    let update = UpdateProvisioningStepRequest {
                        url: Some(create.url),
                        timeout_s: create.timeout_s,
                        max_attempts: create.max_attempts,
                        position: create.position,
                    };
                    provisioning::update_step(id, &update)
                        .await
                        .map(|_| Saved::Updated(name))
                }
            };
            saving.set(false);
            match result {
                Ok(saved) => on_saved.run(saved),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("provisioning-step-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let title = if is_edit { "Edit step" } else { "Add step" };
    view! {
        <Dialog title=title.to_owned() testid="provisioning-step-dialog" on_close=move || on_close.run(())>
            <form class="form" data-testid="provisioning-step-form" on:submit=submit novalidate>
                <TextField label="Name" field="name" value=name testid="provisioning-step-name" errors required=true readonly=is_edit autofocus=!is_edit
                    hint="Lowercase letters, digits, _ and -, starting with a letter." />
                <TextField label="URL" field="url" value=url testid="provisioning-step-url" errors required=true input_type="url" autofocus=is_edit
                    placeholder="https://provisioner.example.com/create-database" />
                <TextField label="Timeout (seconds)" field="timeout_s" value=timeout testid="provisioning-step-timeout" errors input_type="number"
                    hint="1 to 300; blank: 30." />
                <TextField label="Attempts" field="max_attempts" value=attempts testid="provisioning-step-attempts" errors input_type="number"
                    hint="Before the step fails for good; 1 to 20; blank: 5." />
                <TextField label="Position" field="position" value=position testid="provisioning-step-position" errors input_type="number"
                    hint="Steps run in ascending position; blank: after the last." />
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="provisioning-step-form-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="provisioning-step-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="provisioning-step-submit" disabled=move || saving.get()>
                        {move || match (saving.get(), is_edit) {
                            (true, _) => "Saving…",
                            (false, true) => "Save changes",
                            (false, false) => "Add step",
                        }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

#[component]
fn DeleteStepDialog(
    step: ProvisioningStepView,
    on_close: Callback<()>,
    on_deleted: Callback<Saved>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<ApiError>);
    let deleting = RwSignal::new(false);
    let (id, name) = (step.id, step.name.clone());
    let confirm = move |_| {
        deleting.set(true);
        let name = name.clone();
        spawn_local(async move {
            let result = provisioning::delete_step(id).await;
            deleting.set(false);
            match result {
                Ok(()) => on_deleted.run(Saved::Deleted(name)),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Dialog title=format!("Delete {}?", step.name) testid="provisioning-step-delete-dialog" on_close=move || on_close.run(())>
            <div class="form">
                <p>"Tenants created from now on no longer run this step; tenants already provisioning keep it."</p>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="provisioning-step-delete-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="provisioning-step-delete-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-danger" data-testid="provisioning-step-delete-confirm" disabled=move || deleting.get() on:click=confirm>
                        {move || if deleting.get() { "Deleting…" } else { "Delete step" }}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
