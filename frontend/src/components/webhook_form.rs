//! Adding and editing a webhook endpoint: its URL, description and the events it hears.

use crate::api::{ApiError, webhooks};
use crate::components::alert::ErrorAlert;
use crate::components::dialog::Dialog;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use landlord_domain::event::{ALL_EVENTS, EventType};
use landlord_domain::wire::{
    CreateWebhookEndpointRequest, CreatedWebhookEndpoint, UpdateWebhookEndpointRequest,
    WebhookEndpointView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

const SHOWN: [&str; 3] = ["url", "description", "event_types"];

/// The event types an endpoint can choose; test events reach it whatever it chooses.
fn choosable() -> impl Iterator<Item = EventType> {
    EventType::ALL
        .into_iter()
        .filter(|t| *t != EventType::WebhookTest)
}

/// What saving the form gave.
#[derive(Clone)]
pub enum Saved {
    Created(CreatedWebhookEndpoint),
    Updated(WebhookEndpointView),
}

/// "Add endpoint", or "Edit endpoint" when given one.
#[component]
pub fn EndpointFormDialog(
    endpoint: Option<WebhookEndpointView>,
    on_close: Callback<()>,
    on_saved: Callback<Saved>,
) -> impl IntoView {
    let editing = endpoint.as_ref().map(|e| e.id);
    let url = RwSignal::new(endpoint.as_ref().map(|e| e.url.clone()).unwrap_or_default());
    let description = RwSignal::new(
        endpoint
            .as_ref()
            .and_then(|e| e.description.clone())
            .unwrap_or_default(),
    );
    let chosen: Vec<String> = endpoint
        .as_ref()
        .map(|e| e.event_types.clone())
        .unwrap_or_else(|| vec![ALL_EVENTS.to_owned()]);
    let all = RwSignal::new(chosen.iter().any(|t| t == ALL_EVENTS));
    let types = RwSignal::new(
        chosen
            .into_iter()
            .filter(|t| t != ALL_EVENTS)
            .collect::<Vec<_>>(),
    );
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let event_types = if all.get_untracked() {
            vec![ALL_EVENTS.to_owned()]
        } else {
            // In the order the list shows them.
            choosable()
                .map(|t| t.as_str().to_owned())
                .filter(|t| types.with_untracked(|chosen| chosen.contains(t)))
                .collect()
        };
        let description =
            Some(description.get_untracked().trim().to_owned()).filter(|d| !d.is_empty());
        let create = CreateWebhookEndpointRequest {
            url: url.get_untracked().trim().to_owned(),
            description: description.clone(),
            event_types,
            enabled: None,
        };
        if let Err(invalid) = create.parse() {
            errors.set(invalid.0);
            focus_first_error("webhook-form");
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = match editing {
                None => webhooks::create_endpoint(&create).await.map(Saved::Created),
                Some(id) => {
                    let update = UpdateWebhookEndpointRequest {
                        url: Some(create.url),
                        description: Some(description),
                        event_types: Some(create.event_types),
                        enabled: None,
                    };
                    webhooks::update_endpoint(id, &update)
                        .await
                        .map(Saved::Updated)
                }
            };
            saving.set(false);
            match result {
                Ok(saved) => on_saved.run(saved),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("webhook-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };

    let title = if editing.is_some() {
        "Edit endpoint"
    } else {
        "Add endpoint"
    };
    view! {
        <Dialog title=title.to_owned() testid="webhook-dialog" on_close=move || on_close.run(())>
            <form class="form" data-testid="webhook-form" on:submit=submit novalidate>
                <TextField
                    label="URL"
                    field="url"
                    value=url
                    testid="webhook-url"
                    errors
                    required=true
                    input_type="url"
                    placeholder="https://example.com/webhooks/landlord"
                    hint="Deliveries are POSTed here as JSON, signed per Standard Webhooks."
                    autofocus=true
                />
                <TextField label="Description" field="description" value=description testid="webhook-description" errors />
                <fieldset class="field event-types" data-testid="webhook-event-types" aria-describedby="event_types-error">
                    <legend>"Events"</legend>
                    <label class="checkbox-line">
                        <input
                            type="checkbox"
                            data-testid="webhook-all-events"
                            prop:checked=move || all.get()
                            on:change=move |ev| {
                                all.set(event_target_checked(&ev));
                                errors.clear_field("event_types");
                            }
                        />
                        "All events, including types added later"
                    </label>
                    {choosable()
                        .map(|t| {
                            let name = t.as_str();
                            view! {
                                <label class="checkbox-line" class:is-disabled=move || all.get()>
                                    <input
                                        type="checkbox"
                                        data-testid=format!("webhook-event-{name}")
                                        disabled=move || all.get()
                                        prop:checked=move || all.get() || types.with(|c| c.iter().any(|x| x == name))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            types.update(|c| {
                                                c.retain(|x| x != name);
                                                if on {
                                                    c.push(name.to_owned());
                                                }
                                            });
                                            errors.clear_field("event_types");
                                        }
                                    />
                                    <code>{name}</code>
                                </label>
                            }
                        })
                        .collect::<Vec<_>>()}
                    <FieldErrorText field="event_types" message=Signal::derive(move || errors.get("event_types")) />
                </fieldset>
                {move || {
                    let others = errors.others(&SHOWN);
                    (!others.is_empty())
                        .then(|| {
                            view! {
                                <div class="alert alert-error" role="alert" data-testid="webhook-form-error">
                                    {others.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect::<Vec<_>>()}
                                </div>
                            }
                        })
                }}
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="webhook-form-error" /> })}
                <div class="form-actions">
                    <button type="button" class="button button-secondary" data-testid="webhook-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" data-testid="webhook-submit" disabled=move || saving.get()>
                        {move || match (saving.get(), editing.is_some()) {
                            (true, _) => "Saving…",
                            (false, true) => "Save changes",
                            (false, false) => "Add endpoint",
                        }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
